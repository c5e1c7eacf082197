import type {
  AbsencePattern,
  CaseStatus,
  ConcernTrigger,
  DeadlineKind,
  EvaluationDecision,
  EvaluationEffect,
  Instant,
  LocalDate,
  MappingArea,
  MappingAreaRecord,
  MeetingKind,
  ParticipantKind,
  PartnerService,
  AssignmentReason,
  ResponsibleKind,
  StaffRole,
  Step,
  Step1Conclusion,
  StudentParticipation,
} from '@tiltak/domain';

/**
 * The student's activity plan (aktivitetsplan, Education Act §12-4): the problem, the planned measures,
 * when they run, who is responsible, and when they are evaluated; derived from the case's events.
 */
export interface ActivityPlan {
  caseId: string;
  generatedAt: Instant;
  student: { id: string; givenName: string; familyName: string; className: string };
  school: { id: string; name: string };
  owner: { staffId: string; displayName: string | null };
  status: CaseStatus;
  step: Step;
  openedAt: Instant;
  closedAt: Instant | null;
  closeReason: string | null;
  problem: {
    trigger: ConcernTrigger;
    absencePercentAtOpening: number | null;
    concernThresholdPercent: number;
    firstContact: {
      occurredAt: Instant;
      talkedWithStudent: boolean;
      pattern: AbsencePattern;
      guardiansView: string;
      conclusion: Step1Conclusion;
    } | null;
    /** Each mapping recorded, oldest first (kartlegging under the duty to investigate). */
    mappings: { occurredAt: Instant; step: Step; areas: Record<MappingArea, MappingAreaRecord> }[];
  };
  measures: {
    measureId: string;
    step: Step;
    what: string;
    how: string;
    responsible: {
      kind: ResponsibleKind;
      staffId: string | null;
      role: StaffRole | null;
      displayName: string | null;
    };
    startsOn: LocalDate;
    evaluateBy: LocalDate;
    ifNotPossible: string;
    plannedAt: Instant;
  }[];
  meetings: {
    kind: MeetingKind;
    step: Step;
    heldOn: LocalDate;
    participants: ParticipantKind[];
    studentParticipation: StudentParticipation;
    nextMeetingOn: LocalDate;
    summary: string;
  }[];
  teamAdvice: { occurredAt: Instant; advice: string }[];
  /** The services brought into the case (samarbeidspartnere), from its partner-assigned events. */
  partners: { service: PartnerService; reason: AssignmentReason; assignedAt: Instant; step: Step }[];
  evaluations: {
    occurredAt: Instant;
    step: Step;
    absencePercent: number;
    effect: EvaluationEffect;
    studentVoice: string;
    decision: EvaluationDecision;
  }[];
  /** The open evaluation deadline, if any. */
  nextEvaluation: { kind: DeadlineKind; dueAt: Instant } | null;
}
