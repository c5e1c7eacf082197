// System events the case records besides timer actions, with ids derived from the case so that a
// replayed workflow or retried activity writes the same row once.
import type { CaseOpener, CaseState, Instant, OpenCaseInput, Step, SystemEvent } from './model';

export function caseOpenedEvent(input: OpenCaseInput, openedBy?: CaseOpener): SystemEvent {
  return {
    type: 'case-opened',
    eventId: `${input.caseId}:case-opened`,
    occurredAt: input.openedAt,
    payload: {
      trigger: input.trigger,
      absencePercent: input.absencePercent,
      ownerStaffId: input.ownerStaffId,
      ...(input.detection ? { detection: input.detection } : {}),
      ...(openedBy ? { openedBy } : {}),
    },
  };
}

/**
 * The step an event moved the case into. The id carries the moving event's id as well as the step:
 * the ladder only climbs today, but the id stays unique if a municipality's ladder ever lets a case
 * enter a step twice, and it is the id every stored trail already has.
 */
export function stepEnteredEvent(
  caseId: string,
  step: Step,
  causeEventId: string,
  occurredAt: Instant,
): SystemEvent {
  return {
    type: 'step-entered',
    eventId: `${caseId}:step-entered:${step}:${causeEventId}`,
    occurredAt,
    payload: { step },
  };
}

/**
 * The case's closing, as its own timeline entry after the event that decided it (a step-1 contact that
 * explained the absence, an evaluation that closed it, a case-closed). A case closes once.
 */
export function caseEndedEvent(closed: CaseState, causeEventId: string, occurredAt: Instant): SystemEvent {
  return {
    type: 'case-ended',
    eventId: `${closed.caseId}:case-ended`,
    occurredAt,
    payload: { reason: closed.closeReason ?? 'closed', causeEventId },
  };
}
