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
import { caseStaticDetails, caseStaticSummary, osloDate, type LadderPolicy } from '@tiltak/domain';
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
  const ids = proposalIds ?? [];
  for (let i = 0; i < ids.length; i += STARTS_PER_TASK) {
    await Promise.all(ids.slice(i, i + STARTS_PER_TASK).map(notifyProposal));
  }
  return ids.length;
}

async function notifyProposal(proposalId: string): Promise<void> {
  try {
    await startChild(proposalNoticeWorkflow, {
      workflowId: proposalNoticeWorkflowId(proposalId),
      args: [{ proposalId }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (err) {
    if (!(err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError')) throw err;
  }
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
  progress.casesOpened = await openCases(detected.openings, input.policy, input.importId);
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

/** Patch id: the cases (and proposal notices) of one run are started together, not one after another. */
const PARALLEL_CASE_STARTS = 'absence-parallel-case-starts';
/** Children started in one workflow task at most. */
const STARTS_PER_TASK = 100;

/**
 * Starts every opening's case; how many were new. Together, a hundred at a time: one after the other,
 * each start is a round trip to the server, and a school year's first import opens hundreds of cases.
 */
async function openCases(
  openings: readonly CaseOpening[],
  policy: LadderPolicy,
  importId: string | null,
): Promise<number> {
  let opened = 0;
  if (!patched(PARALLEL_CASE_STARTS)) {
    for (const opening of openings) if (await openCase(opening, policy, importId)) opened++;
    return opened;
  }
  for (let i = 0; i < openings.length; i += STARTS_PER_TASK) {
    const started = await Promise.all(
      openings.slice(i, i + STARTS_PER_TASK).map((o) => openCase(o, policy, importId)),
    );
    opened += started.filter(Boolean).length;
  }
  return opened;
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
  if (policy) casesOpened = await openCases(detected.openings, policy, null);
  const casesProposed = detected.proposalIds?.length ? await notifyProposals(detected.proposalIds) : 0;
  return {
    studentsEvaluated: detected.studentsEvaluated,
    signalsFired: detected.signalsFired,
    casesOpened,
    ...(casesProposed ? { casesProposed } : {}),
  };
}
