import { validateCaseEventShape } from '@tiltak/domain';
import { CALLERS } from '../testing/callers';
import { buildCaseEvent } from './case-event.builder';

describe('buildCaseEvent', () => {
  const now = new Date('2026-11-23T09:30:00.000Z');

  it('takes the actor from the caller and the id from the idempotency key, never from the body', () => {
    const event = buildCaseEvent(
      CALLERS.fjordvikTeacher5A,
      'evt-1',
      { type: 'note-added', payload: { text: 'Ringte hjem.' } },
      now,
    );
    expect(event).toEqual({
      type: 'note-added',
      eventId: 'evt-1',
      actor: { staffId: CALLERS.fjordvikTeacher5A.staffId, role: 'contact-teacher' },
      occurredAt: now.toISOString(),
      payload: { text: 'Ringte hjem.' },
    });
    expect(validateCaseEventShape(event)).toEqual([]);
  });

  it('names a measure after the event that planned it', () => {
    const event = buildCaseEvent(
      CALLERS.fjordvikTeacher5A,
      'evt-2',
      {
        type: 'measure-planned',
        occurredAt: '2026-11-23T08:00:00.000Z',
        payload: {
          what: 'x',
          responsible: { kind: 'guardians' },
          how: '',
          startsOn: '2026-11-23',
          evaluateBy: '2026-12-14',
          ifNotPossible: '',
        },
      },
      now,
    );
    expect(event.payload).toMatchObject({ measureId: 'evt-2' });
    expect(event.occurredAt).toBe('2026-11-23T08:00:00.000Z');
  });
});
