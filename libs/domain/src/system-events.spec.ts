import { buildOpenCaseInput } from './testing';
import { caseEndedEvent, caseOpenedEvent, stepEnteredEvent } from './system-events';
import { type CaseOpener, type CaseState, personWhoOpened } from './model';

describe('system events', () => {
  it('records the opening with the trigger and owner, keyed by case', () => {
    expect(caseOpenedEvent(buildOpenCaseInput())).toEqual({
      type: 'case-opened',
      eventId: 'case-test-1:case-opened',
      occurredAt: '2026-11-23T09:00:00.000Z',
      payload: { trigger: 'absence-percentage', absencePercent: 12.5, ownerStaffId: 'staff-kt-1' },
    });
  });

  it('records who opened the case: a person, or the system from absence data', () => {
    const teacher = { staffId: 'staff-kt-1', role: 'contact-teacher' } as const;
    const byTeacher = caseOpenedEvent(buildOpenCaseInput(), teacher);
    expect(byTeacher.payload).toMatchObject({ openedBy: teacher });
    expect(personWhoOpened(byTeacher.payload as { openedBy?: CaseOpener })).toEqual(teacher);
    const bySystem = { system: 'absence-detection', importId: 'imp-1' } as const;
    expect(personWhoOpened({ openedBy: bySystem })).toBeNull();
    // Cases opened before the opener was recorded name nobody.
    expect(personWhoOpened({})).toBeNull();
    expect(personWhoOpened(null)).toBeNull();
  });

  it('keys a step change by case, step and the event that moved it, as stored trails have it', () => {
    expect(stepEnteredEvent('case-test-1', 3, 'evt-7', '2026-12-17T11:00:00.000Z')).toEqual({
      type: 'step-entered',
      eventId: 'case-test-1:step-entered:3:evt-7',
      occurredAt: '2026-12-17T11:00:00.000Z',
      payload: { step: 3 },
    });
  });

  it('gives a closing its own entry, once per case, naming the reason and the deciding event', () => {
    const closed = { caseId: 'case-test-1', closeReason: 'resolved' } as CaseState;
    expect(caseEndedEvent(closed, 'evt-9', '2026-12-17T11:00:00.000Z')).toEqual({
      type: 'case-ended',
      eventId: 'case-test-1:case-ended',
      occurredAt: '2026-12-17T11:00:00.000Z',
      payload: { reason: 'resolved', causeEventId: 'evt-9' },
    });
  });
});
