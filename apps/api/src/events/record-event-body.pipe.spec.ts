import { CASE_EVENT_TYPES, type CaseEventType } from '@tiltak/domain';
import { buildCaseEvent } from '@tiltak/domain/testing';
import { DomainError } from '../errors/domain-error';
import { RecordEventBodyPipe } from './record-event-body.pipe';

const pipe = new RecordEventBodyPipe();

/** The body a client sends for a valid event of this type (the measure id is the API's to assign). */
function bodyFor(type: CaseEventType): { type: CaseEventType; payload: Record<string, unknown> } {
  const { payload } = buildCaseEvent(type);
  const { measureId: _measureId, ...rest } = payload as Record<string, unknown>;
  if (type === 'measure-planned')
    (rest['responsible'] as Record<string, unknown>)['staffId'] = 'd1000000-0000-4000-8000-000000000001';
  if (type === 'owner-reassigned') rest['newOwnerStaffId'] = 'd1000000-0000-4000-8000-000000000002';
  return { type, payload: rest };
}

/** The distinct fields the pipe names when it refuses the body. */
async function fieldsRejected(body: unknown): Promise<string[]> {
  try {
    await pipe.transform(body);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    expect(e.code).toBe('VALIDATION_FAILED');
    return [...new Set((e.details.fieldErrors ?? []).map((f) => f.field))];
  }
  throw new Error('accepted');
}

describe('RecordEventBodyPipe', () => {
  it.each(CASE_EVENT_TYPES)('accepts a valid %s', async (type) => {
    const body = bodyFor(type);
    await expect(pipe.transform(body)).resolves.toEqual(body);
  });

  it('keeps occurredAt when given', async () => {
    const body = { ...bodyFor('note-added'), occurredAt: '2026-11-23T09:00:00.000Z' };
    await expect(pipe.transform(body)).resolves.toEqual(body);
  });

  it('refuses fields nobody may set, naming each', async () => {
    const body = {
      ...bodyFor('note-added'),
      status: 'closed',
      ownerStaffId: 'x',
      schoolId: 'y',
      actor: {},
      eventId: 'z',
    };
    expect((await fieldsRejected(body)).sort()).toEqual([
      'actor',
      'eventId',
      'ownerStaffId',
      'schoolId',
      'status',
    ]);
  });

  it('checks the payload against the class its type names', async () => {
    expect(await fieldsRejected({ type: 'note-added', payload: { text: 'x', extra: 1 } })).toEqual([
      'payload.extra',
    ]);
    // A step-1 payload is not a note.
    expect(await fieldsRejected({ type: 'note-added', payload: bodyFor('step1-contact').payload })).toEqual(
      expect.arrayContaining(['payload.talkedWithStudent', 'payload.text']),
    );
    const step1 = bodyFor('step1-contact').payload;
    expect(
      await fieldsRejected({
        type: 'step1-contact',
        payload: {
          ...step1,
          pattern: { ...(step1['pattern'] as object), weekdays: ['sunday', 'monday', 'monday'] },
        },
      }),
    ).toEqual(['payload.pattern.weekdays']);
    expect(
      await fieldsRejected({
        type: 'measure-planned',
        payload: { ...bodyFor('measure-planned').payload, measureId: 'm1' },
      }),
    ).toEqual(['payload.measureId']);
    expect(await fieldsRejected({ type: 'case-resumed', payload: { reason: 'x' } })).toEqual([
      'payload.reason',
    ]);
    expect(
      await fieldsRejected({
        type: 'evaluation-recorded',
        payload: { ...bodyFor('evaluation-recorded').payload, absencePercent: '8' },
      }),
    ).toEqual(['payload.absencePercent']);
    expect(
      await fieldsRejected({
        type: 'meeting-held',
        payload: { ...bodyFor('meeting-held').payload, heldOn: '2026-02-30' },
      }),
    ).toEqual(['payload.heldOn']);
  });

  it('refuses what is not an event at all', async () => {
    expect(await fieldsRejected([])).toEqual(['(body)']);
    expect(await fieldsRejected({ type: 'escalated', payload: {} })).toEqual(['type']);
    expect(await fieldsRejected({ type: 'note-added' })).toEqual(['payload']);
    expect(await fieldsRejected({ ...bodyFor('note-added'), occurredAt: '23.11.2026' })).toEqual([
      'occurredAt',
    ]);
  });

  it('refuses prototype keys, exponent numbers and unstorable text instead of crashing on them', async () => {
    const parsed = (text: string) => JSON.parse(text) as unknown;
    expect(
      await fieldsRejected(
        parsed('{"type":"note-added","payload":{"text":"x","constructor":{"prototype":{}}}}'),
      ),
    ).toEqual(['payload.constructor']);
    expect(
      await fieldsRejected(parsed('{"type":"note-added","__proto__":{},"payload":{"text":"x"}}')),
    ).toEqual(['__proto__']);
    expect(
      await fieldsRejected(parsed('{"type":"note-added","payload":{"text":"x","__proto__":{}}}')),
    ).toEqual(['payload.__proto__']);
    expect(await fieldsRejected({ type: 'note-added', payload: { text: 'før\u0000etter' } })).toEqual([
      'payload.text',
    ]);
    expect(
      await fieldsRejected({
        type: 'evaluation-recorded',
        payload: { ...bodyFor('evaluation-recorded').payload, absencePercent: 1e-7 },
      }),
    ).toEqual(['payload.absencePercent']);
  });
});
