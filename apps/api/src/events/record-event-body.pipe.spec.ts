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
function fieldsRejected(body: unknown): string[] {
  try {
    pipe.transform(body);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    expect(e.code).toBe('VALIDATION_FAILED');
    return [...new Set((e.details.fieldErrors ?? []).map((f) => f.field))];
  }
  throw new Error('accepted');
}

describe('RecordEventBodyPipe', () => {
  it.each(CASE_EVENT_TYPES)('accepts a valid %s', (type) => {
    const body = bodyFor(type);
    expect(pipe.transform(body)).toEqual(body);
  });

  it('keeps occurredAt when given', () => {
    const body = { ...bodyFor('note-added'), occurredAt: '2026-11-23T09:00:00.000Z' };
    expect(pipe.transform(body)).toEqual(body);
  });

  it('refuses fields nobody may set, naming each', () => {
    const body = {
      ...bodyFor('note-added'),
      status: 'closed',
      ownerStaffId: 'x',
      schoolId: 'y',
      actor: {},
      eventId: 'z',
    };
    expect(fieldsRejected(body).sort()).toEqual(['actor', 'eventId', 'ownerStaffId', 'schoolId', 'status']);
  });

  it('checks the payload against the schema its type names', () => {
    expect(fieldsRejected({ type: 'note-added', payload: { text: 'x', extra: 1 } })).toEqual([
      'payload.extra',
    ]);
    // A step-1 payload is not a note.
    expect(fieldsRejected({ type: 'note-added', payload: bodyFor('step1-contact').payload })).toEqual(
      expect.arrayContaining(['payload.talkedWithStudent', 'payload.text']),
    );
    const step1 = bodyFor('step1-contact').payload;
    expect(
      fieldsRejected({
        type: 'step1-contact',
        payload: {
          ...step1,
          pattern: { ...(step1['pattern'] as object), weekdays: ['sunday', 'monday'] },
        },
      }),
    ).toEqual(['payload.pattern.weekdays[0]']);
    expect(
      fieldsRejected({
        type: 'step1-contact',
        payload: { ...step1, pattern: { ...(step1['pattern'] as object), weekdays: ['monday', 'monday'] } },
      }),
    ).toEqual(['payload.pattern.weekdays[1]']);
    expect(
      fieldsRejected({
        type: 'measure-planned',
        payload: { ...bodyFor('measure-planned').payload, measureId: 'm1' },
      }),
    ).toEqual(['payload.measureId']);
    expect(fieldsRejected({ type: 'case-resumed', payload: { reason: 'x' } })).toEqual(['payload.reason']);
    expect(
      fieldsRejected({
        type: 'evaluation-recorded',
        payload: { ...bodyFor('evaluation-recorded').payload, absencePercent: '8' },
      }),
    ).toEqual(['payload.absencePercent']);
    expect(
      fieldsRejected({
        type: 'meeting-held',
        payload: { ...bodyFor('meeting-held').payload, heldOn: '2026-02-30' },
      }),
    ).toEqual(['payload.heldOn']);
  });

  it('refuses what is not an event at all', () => {
    expect(fieldsRejected([])).toEqual(['(body)']);
    expect(fieldsRejected({ type: 'escalated', payload: {} })).toEqual(['type']);
    expect(fieldsRejected({ type: 'note-added' })).toEqual(['payload']);
    expect(fieldsRejected({ ...bodyFor('note-added'), occurredAt: '23.11.2026' })).toEqual(['occurredAt']);
  });

  it('refuses prototype keys, exponent numbers and unstorable text instead of crashing on them', () => {
    const parsed = (text: string) => JSON.parse(text) as unknown;
    expect(
      fieldsRejected(parsed('{"type":"note-added","payload":{"text":"x","constructor":{"prototype":{}}}}')),
    ).toEqual(['payload.constructor']);
    expect(fieldsRejected(parsed('{"type":"note-added","__proto__":{},"payload":{"text":"x"}}'))).toEqual([
      '__proto__',
    ]);
    expect(fieldsRejected(parsed('{"type":"note-added","payload":{"text":"x","__proto__":{}}}'))).toEqual([
      'payload.__proto__',
    ]);
    expect(fieldsRejected({ type: 'note-added', payload: { text: 'før\u0000etter' } })).toEqual([
      'payload.text',
    ]);
    expect(
      fieldsRejected({
        type: 'evaluation-recorded',
        payload: { ...bodyFor('evaluation-recorded').payload, absencePercent: 1e-7 },
      }),
    ).toEqual(['payload.absencePercent']);
  });
});
