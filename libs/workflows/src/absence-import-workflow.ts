// One workflow per absence import (ADR 0009): apply the staged rows, evaluate the students whose
// records changed, and open a case for each new crossing of a student without one. The case is the
// ordinary case workflow, started as an abandoned child with the case's deterministic id, so it
// outlives this import, and a replay or a second import can never open it twice. Imports of one
// school are serialised by the apply activity's lock.
import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import {
  absenceImportProgressQuery,
  absenceImportWorkflowId,
  type AbsenceActivities,
  type AbsenceDetectionOutcome,
  type AbsenceImportInput,
  type AbsenceImportProgress,
  type CaseOpening,
  type ProposalNoticeActivities,
  proposalNoticeWorkflowId,
} from './absence-import.contract';
import { SEARCH_ATTRIBUTES, caseWorkflowId } from './case-workflow.contract';
import { osloDate, type LadderPolicy } from '@tiltak/domain';
import { caseWorkflow } from './case-workflow';
import { deliverAll } from './notification-delivery';

const activities = proxyActivities<AbsenceActivities>({
  // A 100 MB file is a few million rows: applying them is one statement, but not a quick one.
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const proposalPlanning = proxyActivities<ProposalNoticeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The contact teacher's email about a proposed case (ADR 0015); its id is the proposal's: sent once. */
export async function proposalNoticeWorkflow(input: {
  proposalId: string;
}): Promise<{ delivered: number; failed: number }> {
  const { outboxKeys } = await proposalPlanning.planProposalNotice(input);
  return deliverAll(outboxKeys);
}

/** Starts each proposal's notice as an abandoned child; false for one already started. */
async function notifyProposals(proposalIds: readonly string[] | undefined): Promise<number> {
  let started = 0;
  for (const proposalId of proposalIds ?? []) {
    try {
      await startChild(proposalNoticeWorkflow, {
        workflowId: proposalNoticeWorkflowId(proposalId),
        args: [{ proposalId }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      started++;
    } catch (err) {
      if (!(err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError')) throw err;
      started++;
    }
  }
  return started;
}

export async function absenceImportWorkflow(input: AbsenceImportInput): Promise<AbsenceImportProgress> {
  const progress: AbsenceImportProgress = {
    phase: 'applying',
    rowsApplied: 0,
    rowsRejected: 0,
    studentsToEvaluate: 0,
    signalsFired: 0,
    casesOpened: 0,
  };
  setHandler(absenceImportProgressQuery, () => progress);

  const applied = await activities.applyAbsenceImport({ importId: input.importId });
  progress.rowsApplied = applied.rowsApplied;
  progress.rowsRejected = applied.rowsRejected;
  if (applied.status === 'rejected') {
    progress.phase = 'rejected';
    return progress;
  }
  progress.phase = 'detecting';
  progress.studentsToEvaluate = applied.changedStudentIds.length;
  const detected = await activities.detectAbsenceConcerns({
    studentIds: applied.changedStudentIds,
    importId: input.importId,
    asOf: osloDate(new Date(Date.now()).toISOString()),
  });
  progress.signalsFired = detected.signalsFired;
  progress.phase = 'opening-cases';
  for (const opening of detected.openings) {
    if (await openCase(opening, input.policy, input.importId)) progress.casesOpened++;
  }
  // Propose mode: results recorded before it existed carry no proposals, so old histories replay alike.
  if (detected.proposalIds?.length) progress.casesProposed = await notifyProposals(detected.proposalIds);
  await activities.finishAbsenceImport({
    importId: input.importId,
    studentsEvaluated: detected.studentsEvaluated,
    signalsFired: detected.signalsFired,
    casesOpened: progress.casesOpened,
  });
  progress.phase = 'done';
  return progress;
}

/** Starts the case workflow as the API would, with the system as the actor; false when it exists already. */
export async function openCase(
  opening: CaseOpening,
  policy: LadderPolicy,
  importId: string | null,
): Promise<boolean> {
  try {
    await startCaseChild(opening, policy, importId);
    return true;
  } catch (err) {
    // @temporalio/common's WorkflowExecutionAlreadyStartedError (workflow code may not import that package).
    if (err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError') return false;
    throw err;
  }
}

async function startCaseChild(
  opening: CaseOpening,
  policy: LadderPolicy,
  importId: string | null,
): Promise<void> {
  await startChild(caseWorkflow, {
    workflowId: caseWorkflowId(opening.caseId),
    args: [
      {
        open: {
          caseId: opening.caseId,
          studentId: opening.studentId,
          schoolId: opening.schoolId,
          ownerStaffId: opening.ownerStaffId,
          trigger: opening.trigger,
          absencePercent: opening.absencePercent,
          openedAt: new Date(Date.now()).toISOString(),
          openedBy: { system: 'absence-detection', importId },
          detection: opening.detection,
        },
        policy,
      },
    ],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.step, value: 1 },
      { key: SEARCH_ATTRIBUTES.status, value: 'open' },
      { key: SEARCH_ATTRIBUTES.schoolId, value: opening.schoolId },
    ],
  });
}

/** Patch id: the daily run first starts imports whose workflow never started. */
const STRANDED_IMPORT_SWEEP = 'absence-stranded-import-sweep';

/**
 * An import the API stored while Temporal was away stays `received`; the daily run starts its
 * workflow (same id as the API's; a failed earlier run may be retried), so no import is stranded.
 */
async function startStrandedImports(): Promise<void> {
  const { imports } = await activities.strandedAbsenceImports({ olderThanMinutes: 10 });
  if (imports.length === 0) return;
  const policy = await activities.currentLadderPolicy();
  for (const stranded of imports) {
    try {
      await startChild(absenceImportWorkflow, {
        workflowId: absenceImportWorkflowId(stranded.importId),
        args: [{ importId: stranded.importId, schoolId: stranded.schoolId, policy }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      });
    } catch (err) {
      if (!(err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError')) throw err;
    }
  }
}

/**
 * Every school day (a Temporal Schedule): the students whose four-week window moved since they were
 * last evaluated. Signals of a day's run are keyed by the date, so a re-run opens nothing twice.
 */
export async function absenceDetectionWorkflow(): Promise<AbsenceDetectionOutcome> {
  const asOf = osloDate(new Date(Date.now()).toISOString());
  if (patched(STRANDED_IMPORT_SWEEP)) await startStrandedImports();
  const { studentIds } = await activities.studentsDueForDetection({ asOf });
  if (studentIds.length === 0) return { studentsEvaluated: 0, signalsFired: 0, casesOpened: 0 };
  const detected = await activities.detectAbsenceConcerns({ studentIds, importId: null, asOf });
  const policy = detected.openings.length ? await activities.currentLadderPolicy() : null;
  let casesOpened = 0;
  for (const opening of detected.openings) {
    if (policy && (await openCase(opening, policy, null))) casesOpened++;
  }
  const casesProposed = detected.proposalIds?.length ? await notifyProposals(detected.proposalIds) : 0;
  return {
    studentsEvaluated: detected.studentsEvaluated,
    signalsFired: detected.signalsFired,
    casesOpened,
    ...(casesProposed ? { casesProposed } : {}),
  };
}
