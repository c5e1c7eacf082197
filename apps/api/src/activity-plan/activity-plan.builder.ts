import type { CaseEventPayloads, CaseState, StaffRole, SystemEventPayloads } from '@tiltak/domain';
import type { AuditTrailEntry } from '@tiltak/persistence';
import type { ActivityPlan } from './activity-plan.model';

export interface ActivityPlanSources {
  state: CaseState;
  trail: readonly AuditTrailEntry[];
  student: ActivityPlan['student'];
  school: ActivityPlan['school'];
  concernThresholdPercent: number;
  staffNames: ReadonlyMap<string, string>;
  now: Date;
}

/** Pure: the plan from the case's audit trail and current state. Notes are not part of the plan. */
export function buildActivityPlan(sources: ActivityPlanSources): ActivityPlan {
  const { state, trail, staffNames } = sources;
  const payloadsOf = <T extends keyof CaseEventPayloads>(type: T) =>
    trail
      .filter((e) => e.type === type)
      .map((e) => ({ entry: e, payload: e.payload as CaseEventPayloads[T] }));

  const opened = trail.find((e) => e.type === 'case-opened')?.payload as
    SystemEventPayloads['case-opened'] | undefined;
  const contacts = payloadsOf('step1-contact');
  const lastContact = contacts[contacts.length - 1];
  const evaluationDeadline =
    state.status === 'closed' ? undefined : state.deadlines.find((d) => d.kind.endsWith('-evaluation'));

  return {
    caseId: state.caseId,
    generatedAt: sources.now.toISOString(),
    student: sources.student,
    school: sources.school,
    owner: { staffId: state.ownerStaffId, displayName: staffNames.get(state.ownerStaffId) ?? null },
    status: state.status,
    step: state.step,
    openedAt: state.openedAt,
    closedAt: state.closedAt,
    closeReason: state.closeReason,
    problem: {
      trigger: state.trigger,
      absencePercentAtOpening: opened?.absencePercent ?? null,
      concernThresholdPercent: sources.concernThresholdPercent,
      firstContact: lastContact
        ? {
            occurredAt: lastContact.entry.occurredAt,
            talkedWithStudent: lastContact.payload.talkedWithStudent,
            pattern: lastContact.payload.pattern,
            guardiansView: lastContact.payload.guardiansView,
            conclusion: lastContact.payload.conclusion,
          }
        : null,
      mappings: payloadsOf('mapping-recorded').map(({ entry, payload }) => ({
        occurredAt: entry.occurredAt,
        step: entry.step,
        areas: payload.areas,
      })),
    },
    measures: payloadsOf('measure-planned').map(({ entry, payload }) => {
      const staffId = payload.responsible.staffId ?? null;
      return {
        measureId: payload.measureId,
        step: entry.step,
        what: payload.what,
        how: payload.how,
        responsible: {
          kind: payload.responsible.kind,
          staffId,
          role: (payload.responsible.role ?? null) as StaffRole | null,
          displayName: staffId ? (staffNames.get(staffId) ?? null) : null,
        },
        startsOn: payload.startsOn,
        evaluateBy: payload.evaluateBy,
        ifNotPossible: payload.ifNotPossible,
        plannedAt: entry.occurredAt,
      };
    }),
    meetings: payloadsOf('meeting-held').map(({ entry, payload }) => ({
      kind: payload.kind,
      step: entry.step,
      heldOn: payload.heldOn,
      participants: payload.participants,
      studentParticipation: payload.studentParticipation,
      nextMeetingOn: payload.nextMeetingOn,
      summary: payload.summary,
    })),
    teamAdvice: payloadsOf('team-advice-recorded').map(({ entry, payload }) => ({
      occurredAt: entry.occurredAt,
      advice: payload.advice,
    })),
    partners: trail
      .filter((e) => e.type === 'partner-assigned')
      .map((e) => {
        const payload = e.payload as SystemEventPayloads['partner-assigned'];
        return { service: payload.service, reason: payload.reason, assignedAt: e.occurredAt, step: e.step };
      }),
    evaluations: payloadsOf('evaluation-recorded').map(({ entry, payload }) => ({
      occurredAt: entry.occurredAt,
      step: entry.step,
      absencePercent: payload.absencePercent,
      effect: payload.effect,
      studentVoice: payload.studentVoice,
      decision: payload.decision,
    })),
    nextEvaluation: evaluationDeadline
      ? { kind: evaluationDeadline.kind, dueAt: evaluationDeadline.dueAt }
      : null,
  };
}

/** People the plan names, for one directory lookup. */
export function staffIdsIn(state: CaseState, trail: readonly AuditTrailEntry[]): string[] {
  const ids = [state.ownerStaffId];
  for (const entry of trail) {
    if (entry.type !== 'measure-planned') continue;
    const responsible = (entry.payload as CaseEventPayloads['measure-planned']).responsible;
    if (responsible.staffId) ids.push(responsible.staffId);
  }
  return ids;
}
