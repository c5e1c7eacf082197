// What the API, the worker and the absence import workflow agree on (ADR 0009). Workflow-safe.
import { defineQuery } from '@temporalio/workflow';
import type { CaseDetection, LadderPolicy, LocalDate, OpenCaseInput } from '@tiltak/domain';

export const ABSENCE_IMPORT_WORKFLOW_TYPE = 'absenceImportWorkflow';
export const ABSENCE_DETECTION_WORKFLOW_TYPE = 'absenceDetectionWorkflow';
export const ABSENCE_DETECTION_SCHEDULE_ID = 'absence-detection-daily';

/** One workflow per import; the id carries only the import's opaque id. */
export function absenceImportWorkflowId(importId: string): string {
  return `absence-import-${importId}`;
}

export interface AbsenceImportInput {
  importId: string;
  schoolId: string;
  /** The ladder policy the opened cases run on (the API's, with the municipality's overrides). */
  policy: LadderPolicy;
}

export interface AbsenceDetectionOutcome {
  studentsEvaluated: number;
  signalsFired: number;
  casesOpened: number;
  /** Propose mode: cases proposed to contact teachers. */
  casesProposed?: number;
}

export type AbsenceImportPhase = 'applying' | 'detecting' | 'opening-cases' | 'done' | 'rejected';

export interface AbsenceImportProgress {
  phase: AbsenceImportPhase;
  rowsApplied: number;
  rowsRejected: number;
  studentsToEvaluate: number;
  signalsFired: number;
  casesOpened: number;
  casesProposed?: number;
}

export const absenceImportProgressQuery = defineQuery<AbsenceImportProgress>('absenceImportProgress');

/**
 * A case detection decided to open; the case id is deterministic (student and sequence number). The
 * domain's opening input without its time (stamped when the import workflow starts the case), with
 * its detection.
 */
export type CaseOpening = Omit<OpenCaseInput, 'openedAt' | 'detection'> & { detection: CaseDetection };

export interface DetectionOutcome {
  studentsEvaluated: number;
  signalsFired: number;
  openings: CaseOpening[];
  /**
   * Propose mode (ADR 0015): the proposals this run made, each told to its contact teacher by a
   * notice workflow. Absent in results recorded before propose mode existed.
   */
  proposalIds?: string[];
}

/** The notice of one proposal: its workflow id is the proposal's, so the teacher is told once. */
export function proposalNoticeWorkflowId(proposalId: string): string {
  return `notify-proposal-${proposalId}`;
}

/** Implemented by libs/notifications: the contact teacher's email about a proposed case. */
export interface ProposalNoticeActivities {
  /** Writes the outbox row(s) once per proposal; returns their keys (a retry returns the same). */
  planProposalNotice(input: { proposalId: string }): Promise<{ outboxKeys: string[] }>;
}

export interface AbsenceActivities {
  /** Validates the staged rows and applies them in one transaction; idempotent per import. */
  applyAbsenceImport(input: { importId: string }): Promise<{
    status: 'applied' | 'rejected';
    rowsApplied: number;
    rowsRejected: number;
    changedStudentIds: string[];
  }>;
  /**
   * Evaluates the students on `asOf` (the Oslo date; the activity's clock when absent), appends the
   * signals and returns the cases to open. A retry returns the same openings.
   */
  detectAbsenceConcerns(input: {
    studentIds: string[];
    importId: string | null;
    asOf?: LocalDate;
  }): Promise<DetectionOutcome>;
  /** The students of every school whose window moved since they were last evaluated (daily run). */
  studentsDueForDetection(input: { asOf?: LocalDate }): Promise<{ studentIds: string[] }>;
  /**
   * Imports still `received` this long after they arrived: their workflow never started (Temporal was
   * away when the API tried). The daily run starts them; never stranded.
   */
  strandedAbsenceImports(input: { olderThanMinutes: number }): Promise<{
    imports: { importId: string; schoolId: string }[];
  }>;
  /** The worker's ladder policy (LADDER_POLICY_JSON over the guide's), for cases the daily run opens. */
  currentLadderPolicy(): Promise<LadderPolicy>;
  finishAbsenceImport(input: {
    importId: string;
    studentsEvaluated: number;
    signalsFired: number;
    casesOpened: number;
  }): Promise<void>;
}
