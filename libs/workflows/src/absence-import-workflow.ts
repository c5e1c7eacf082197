// One workflow per absence import (ADR 0009): apply the staged rows, evaluate the students whose
// records changed, and open a case for each new crossing of a student without one. The case is the
// ordinary case workflow, started as an abandoned child with the case's deterministic id, so it
// outlives this import, and a replay or a second import can never open it twice. Imports of one
// school are serialised by the apply activity's lock.
import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  proxyActivities,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import {
  absenceImportProgressQuery,
  type AbsenceActivities,
  type AbsenceDetectionOutcome,
  type AbsenceImportInput,
  type AbsenceImportProgress,
  type CaseOpening,
} from './absence-import.contract';
import { SEARCH_ATTRIBUTES, caseWorkflowId } from './case-workflow.contract';
import { caseStaticDetails, caseStaticSummary, osloDate, type LadderPolicy } from '@tiltak/domain';
import { caseWorkflow } from './case-workflow';

const activities = proxyActivities<AbsenceActivities>({
  // A 100 MB file is a few million rows: applying them is one statement, but not a quick one.
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

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
  const open = {
    caseId: opening.caseId,
    studentId: opening.studentId,
    schoolId: opening.schoolId,
    ownerStaffId: opening.ownerStaffId,
    trigger: opening.trigger,
    absencePercent: opening.absencePercent,
    openedAt: new Date(Date.now()).toISOString(),
    openedBy: { system: 'absence-detection' as const, importId },
    detection: opening.detection,
  };
  await startChild(caseWorkflow, {
    workflowId: caseWorkflowId(opening.caseId),
    args: [{ open, policy }],
    // What the Temporal UI shows, as for a case a person opens (ids and codes only; ADR 0012). User
    // metadata is no part of the command replay compares, so older histories replay unchanged.
    staticSummary: caseStaticSummary(open),
    staticDetails: caseStaticDetails(open),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.step, value: 1 },
      { key: SEARCH_ATTRIBUTES.status, value: 'open' },
      { key: SEARCH_ATTRIBUTES.schoolId, value: opening.schoolId },
    ],
  });
}

/**
 * Every school day (a Temporal Schedule): the students whose four-week window moved since they were
 * last evaluated. Signals of a day's run are keyed by the date, so a re-run opens nothing twice.
 */
export async function absenceDetectionWorkflow(): Promise<AbsenceDetectionOutcome> {
  const asOf = osloDate(new Date(Date.now()).toISOString());
  const { studentIds } = await activities.studentsDueForDetection({ asOf });
  if (studentIds.length === 0) return { studentsEvaluated: 0, signalsFired: 0, casesOpened: 0 };
  const detected = await activities.detectAbsenceConcerns({ studentIds, importId: null, asOf });
  const policy = detected.openings.length ? await activities.currentLadderPolicy() : null;
  let casesOpened = 0;
  for (const opening of detected.openings) {
    if (policy && (await openCase(opening, policy, null))) casesOpened++;
  }
  return { studentsEvaluated: detected.studentsEvaluated, signalsFired: detected.signalsFired, casesOpened };
}
