import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { EncryptionCodec, ENCODING } from './encryption-codec';

const key = () => randomBytes(32);
const text = new TextDecoder();

function codec(keys: Record<string, Buffer>, activeKeyId: string): EncryptionCodec {
  return new EncryptionCodec({ keys: new Map(Object.entries(keys)), activeKeyId });
}

const secret = {
  studentName: 'Kari Nordmann (syntetisk)',
  nationalId: '01020312345',
  note: 'lang sykehusinnleggelse',
};

describe('EncryptionCodec', () => {
  const k1 = key();
  const k2 = key();

  it('round-trips a payload and leaves nothing readable in the encoded form', async () => {
    const c = codec({ k1 }, 'k1');
    const payload = defaultPayloadConverter.toPayload(secret);
    const [encoded] = await c.encode([payload]);
    const raw = Buffer.from(encoded!.data!).toString('latin1') + JSON.stringify(encoded!.metadata);
    for (const value of Object.values(secret)) expect(raw).not.toContain(value);
    expect(text.decode(encoded!.metadata!['encoding'])).toBe(ENCODING);
    expect(text.decode(encoded!.metadata!['encryption-key-id'])).toBe('k1');
    const [decoded] = await c.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(secret);
  });

  it('encrypts the same payload differently each time (random IV)', async () => {
    const c = codec({ k1 }, 'k1');
    const payload = defaultPayloadConverter.toPayload(secret);
    const [a] = await c.encode([payload]);
    const [b] = await c.encode([payload]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('reads payloads written with an older key after rotation, and writes with the new one', async () => {
    const [old] = await codec({ k1 }, 'k1').encode([defaultPayloadConverter.toPayload(secret)]);
    const rotated = codec({ k1, k2 }, 'k2');
    const [decoded] = await rotated.decode([old!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(secret);
    const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload(secret)]);
    expect(text.decode(fresh!.metadata!['encryption-key-id'])).toBe('k2');
  });

  it('refuses a payload whose key id is unknown', async () => {
    const [encoded] = await codec({ k1 }, 'k1').encode([defaultPayloadConverter.toPayload(secret)]);
    await expect(codec({ k2 }, 'k2').decode([encoded!])).rejects.toThrow(/Unknown payload codec key id "k1"/);
  });

  it('refuses a tampered payload (authenticated encryption)', async () => {
    const c = codec({ k1 }, 'k1');
    const [encoded] = await c.encode([defaultPayloadConverter.toPayload(secret)]);
    const data = Buffer.from(encoded!.data!);
    data[20] = data[20]! ^ 0xff;
    const tampered: Payload = { ...encoded!, data: new Uint8Array(data) };
    await expect(c.decode([tampered])).rejects.toThrow();
  });

  it('passes through payloads that were never encrypted', async () => {
    const plain = defaultPayloadConverter.toPayload({ hello: 'world' });
    const [decoded] = await codec({ k1 }, 'k1').decode([plain]);
    expect(decoded).toBe(plain);
  });

  it('will not start without its active key', () => {
    expect(() => codec({ k1 }, 'missing')).toThrow(/Active codec key/);
  });
});

describe('EncryptionCodec: the case metadata operations read in the Temporal UI', () => {
  const c = codec({ k1: key() }, 'k1');
  const details = [
    'Trinn: 2',
    'Status: open',
    'Neste frist: step2-meeting 2026-12-08T15:00:00.000Z',
    'Forsinket: nei',
    'Skole: a0000000-0000-4000-8000-000000000002',
  ].join('\n');
  const metadataAnswer = {
    definition: {
      type: 'caseWorkflow',
      queryDefinitions: [
        { name: 'getState' },
        {
          name: '__temporal_workflow_metadata',
          description: 'Returns metadata associated with this workflow.',
        },
      ],
      signalDefinitions: [],
      updateDefinitions: [{ name: 'opened' }, { name: 'recordEvent' }],
    },
    currentDetails: details,
  };

  it.each([
    [
      'the static summary',
      'Sak: c0000000-0000-4000-8000-000000000001 · Skole: a0000000-0000-4000-8000-000000000002',
    ],
    ['the current details', details],
    ['the workflow metadata query answer', metadataAnswer],
    ['the answer before any details are set', { ...metadataAnswer, currentDetails: '' }],
  ])('leaves %s readable without a key', async (_what, value) => {
    const payload = defaultPayloadConverter.toPayload(value);
    const [encoded] = await c.encode([payload]);
    expect(encoded).toBe(payload);
    expect(defaultPayloadConverter.fromPayload(encoded!)).toEqual(value);
  });

  it.each([
    ['a bare string a person wrote', secret.note],
    ['a known label with a name', 'Trinn: Kari Nordmann'],
    ['an object holding personal data', secret],
    [
      'the metadata answer with free text as details',
      { ...metadataAnswer, currentDetails: secret.studentName },
    ],
    ['the metadata answer with an extra field', { ...metadataAnswer, note: secret.note }],
  ])('still encrypts %s', async (_what, value) => {
    const [encoded] = await c.encode([defaultPayloadConverter.toPayload(value)]);
    expect(text.decode(encoded!.metadata!['encoding'])).toBe(ENCODING);
    const raw = Buffer.from(encoded!.data!).toString('latin1');
    for (const part of Object.values(secret)) expect(raw).not.toContain(part);
  });
});
