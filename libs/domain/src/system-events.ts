// System events the case records besides timer actions, with ids derived from the case so that a
// replayed workflow or retried activity writes the same row once.
import type { Instant, OpenCaseInput, Step, SystemEvent } from './model';

export function caseOpenedEvent(input: OpenCaseInput): SystemEvent {
  return {
    type: 'case-opened',
    eventId: `${input.caseId}:case-opened`,
    occurredAt: input.openedAt,
    payload: {
      trigger: input.trigger,
      absencePercent: input.absencePercent,
      ownerStaffId: input.ownerStaffId,
    },
  };
}

/** The ladder only climbs, so a step is entered at most once per case. */
export function stepEnteredEvent(caseId: string, step: Step, occurredAt: Instant): SystemEvent {
  return { type: 'step-entered', eventId: `${caseId}:step-entered:${step}`, occurredAt, payload: { step } };
}
