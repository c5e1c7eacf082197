import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@tiltak/config';
import type { AccessAudit } from '../access/access-audit.service';
import { DEMO_STAFF } from '../demo/demo-data';
import { DomainError } from '../errors/domain-error';
import { ApiConfig } from '../infrastructure/api-config';
import { callerOf } from '../testing/callers';
import { CodecService } from './codec.service';

const config = (keys: [string, Buffer][], activeKeyId: string) =>
  new ApiConfig({ codec: { keys: new Map(keys), activeKeyId } } as AppConfig);
const denials: string[] = [];
const audit = {
  requirePermitted: async (
    _caller: unknown,
    decision: { allowed: boolean; reason?: string },
    action: string,
  ) => {
    if (!decision.allowed) {
      denials.push(action);
      throw new DomainError('FORBIDDEN', decision.reason ?? '');
    }
  },
} as unknown as AccessAudit;

const plain = {
  metadata: { encoding: Buffer.from('json/plain').toString('base64') },
  data: Buffer.from('{"note":"Ringte hjem"}').toString('base64'),
};

describe('CodecService', () => {
  const oldKey = randomBytes(32);
  const codec = new CodecService(config([['k1', oldKey]], 'k1'), audit);
  const rotated = new CodecService(
    config(
      [
        ['k1', oldKey],
        ['k2', randomBytes(32)],
      ],
      'k2',
    ),
    audit,
  );
  const allowed = callerOf(DEMO_STAFF.fjordvikLeader, ['codec:decode', 'codec:encode']);

  it('round-trips payloads in the remote codec JSON form, also after a key rotation', async () => {
    const encoded = await codec.encode(allowed, 'default', { payloads: [plain] });
    expect(Buffer.from(encoded.payloads[0]?.data ?? '', 'base64').toString()).not.toContain('Ringte');
    expect(encoded.payloads).toHaveLength(1);
    expect(await codec.decode(allowed, 'default', encoded)).toEqual({ payloads: [plain] });
    expect(await rotated.decode(allowed, 'default', encoded)).toEqual({ payloads: [plain] });
  });

  it('passes through payloads that are not encrypted', async () => {
    expect(await codec.decode(allowed, null, { payloads: [plain] })).toEqual({ payloads: [plain] });
  });

  it('refuses callers without the scope, and says so in the access log', async () => {
    const leader = callerOf(DEMO_STAFF.fjordvikLeader);
    await expect(codec.decode(leader, 'default', { payloads: [plain] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      codec.encode(callerOf(DEMO_STAFF.fjordvikLeader, ['codec:decode']), 'default', { payloads: [plain] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(denials).toEqual(['codec.decode', 'codec.encode']);
  });

  it('answers 422 for a payload no configured key opens', async () => {
    const foreign = await new CodecService(config([['k9', randomBytes(32)]], 'k9'), audit).encode(
      allowed,
      null,
      { payloads: [plain] },
    );
    await expect(codec.decode(allowed, null, foreign)).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });
});
