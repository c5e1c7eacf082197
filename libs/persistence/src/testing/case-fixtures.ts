// Synthetic cases and events for this library's tests. Ids are random UUIDs (the columns are uuid);
// nobody here is real and nothing carries personal data.
import { randomUUID } from 'node:crypto';
import type { CaseState, Deadline, Instant, NotificationRequest, RecordedEvent, Step } from '@tiltak/domain';

export const OPENED_AT: Instant = '2026-11-23T09:00:00.000Z';

export function aDeadline(overrides: Partial<Deadline> = {}): Deadline {
  return {
    id: 'step1-contact#1',
    kind: 'step1-contact',
    step: 1,
    dueAt: '2026-11-23T14:00:00.000Z',
    remindAt: '2026-11-23T12:00:00.000Z',
    escalateAt: '2026-11-24T14:00:00.000Z',
    status: 'open',
    ...overrides,
  };
}

export function aCaseState(overrides: Partial<CaseState> = {}): CaseState {
  return {
    caseId: randomUUID(),
    studentId: randomUUID(),
    schoolId: randomUUID(),
    ownerStaffId: randomUUID(),
    trigger: 'absence-percentage',
    step: 1,
    status: 'open',
    openedAt: OPENED_AT,
    closedAt: null,
    closeReason: null,
    pausedAt: null,
    deadlines: [aDeadline()],
    measures: [],
    stepProgress: {
      meetingHeld: false,
      mappingRecorded: false,
      consentGiven: null,
      referralSent: false,
      teamAdviceRecorded: false,
      evaluations: 0,
    },
    deadlineSequence: 1,
    eventCount: 1,
    lastEventAt: OPENED_AT,
    ...overrides,
  };
}

export function aCaseOpenedEvent(state: CaseState): RecordedEvent {
  return {
    type: 'case-opened',
    eventId: `${state.caseId}:case-opened`,
    occurredAt: state.openedAt,
    payload: { trigger: state.trigger, absencePercent: 12.5, ownerStaffId: state.ownerStaffId },
    caseId: state.caseId,
    step: 1,
    recordedAt: state.openedAt,
  };
}

export function aNoteEvent(
  state: CaseState,
  n: number,
  actor = { staffId: state.ownerStaffId, role: 'contact-teacher' as const },
): RecordedEvent {
  const at = new Date(Date.parse(state.openedAt) + n * 60_000).toISOString();
  return {
    type: 'note-added',
    eventId: `${state.caseId}:note:${n}`,
    actor,
    occurredAt: at,
    payload: { text: `Notat ${n}` },
    caseId: state.caseId,
    step: state.step,
    recordedAt: at,
  };
}

/** A state that has seen `eventCount` events, the last at `lastEventAt`. */
export function advanced(state: CaseState, eventCount: number, changes: Partial<CaseState> = {}): CaseState {
  const lastEventAt = new Date(Date.parse(state.openedAt) + eventCount * 60_000).toISOString();
  return { ...state, eventCount, lastEventAt, ...changes };
}

export function aNotificationRequest(overrides: Partial<NotificationRequest> = {}): NotificationRequest {
  const caseId = overrides.caseId ?? randomUUID();
  return {
    key: `${caseId}:reminder:step1-contact#1`,
    caseId,
    schoolId: randomUUID(),
    kind: 'reminder',
    roles: ['contact-teacher'],
    step: 1 as Step,
    deadlineKind: 'step1-contact',
    dueAt: '2026-11-23T14:00:00.000Z',
    requestedAt: '2026-11-23T12:00:00.000Z',
    ...overrides,
  };
}
