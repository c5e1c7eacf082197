// Need to know by assignment: a partner service reaches a case because a referral or an escalation
// named it, not because the case reached some step. The assignment lives in the case state (so the read
// model can scope lists by it) and is recorded as a `partner-assigned` system event on the timeline.
import type {
  AssignmentReason,
  CaseState,
  Instant,
  PartnerAssignment,
  PartnerService,
  StaffRole,
  Step,
  SystemEvent,
} from './model';
import { isPartnerService } from './model';

/** Whom a referral may name at each step: the competence team at step 3, the partners at step 4. */
export const REFERRAL_TARGETS_FOR_STEP: Record<Step, readonly PartnerService[]> = {
  1: [],
  2: [],
  3: ['competence-team'],
  4: ['ppt', 'mobile-team', 'health-nurse'],
};

/**
 * The services a referral assigns. The competence team is the school together with PPT and the
 * health service (the guide), so a referral to it brings in the PPT advisor and the health nurse who
 * serve the school as members of the team.
 */
export const SERVICES_ON_REFERRAL: Record<PartnerService, readonly PartnerService[]> = {
  'competence-team': ['competence-team', 'ppt', 'health-nurse'],
  ppt: ['ppt'],
  'mobile-team': ['mobile-team'],
  'health-nurse': ['health-nurse'],
};

/** States recorded before assignments existed have none. */
export function assignmentsOf(state: Pick<CaseState, 'assignments'>): readonly PartnerAssignment[] {
  return state.assignments ?? [];
}

export function isAssigned(state: Pick<CaseState, 'assignments'>, service: PartnerService): boolean {
  return assignmentsOf(state).some((assignment) => assignment.service === service);
}

/** The partner services among an escalation's roles (leadership and teachers are no assignment). */
export function partnerServicesIn(roles: readonly StaffRole[]): PartnerService[] {
  return [...new Set(roles.filter(isPartnerService))];
}

/** The case with the services assigned; a service already assigned keeps its first assignment. */
export function assignServices(
  state: CaseState,
  services: readonly PartnerService[],
  reason: AssignmentReason,
  sourceEventId: string,
  at: Instant,
): CaseState {
  const fresh = services.filter(
    (service, i) => services.indexOf(service) === i && !isAssigned(state, service),
  );
  if (fresh.length === 0) return state;
  return {
    ...state,
    assignments: [
      ...assignmentsOf(state),
      ...fresh.map((service) => ({ service, reason, sourceEventId, assignedAt: at })),
    ],
  };
}

/**
 * The `partner-assigned` events for the assignments `after` has and `before` had not. A service is
 * assigned at most once per case, so its id needs nothing more than the service.
 */
export function partnerAssignedEvents(before: CaseState, after: CaseState): SystemEvent[] {
  return assignmentsOf(after)
    .filter((assignment) => !isAssigned(before, assignment.service))
    .map((assignment) => ({
      type: 'partner-assigned',
      eventId: `${after.caseId}:partner-assigned:${assignment.service}`,
      occurredAt: assignment.assignedAt,
      payload: {
        service: assignment.service,
        reason: assignment.reason,
        sourceEventId: assignment.sourceEventId,
      },
    }));
}
