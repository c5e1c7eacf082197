// The workflow bundle's entry: every workflow type the worker registers.
export { caseWorkflow } from './case-workflow';
export { notificationWorkflow } from './notification-workflow';
export { notificationSweepWorkflow, weeklyDigestWorkflow } from './digest-workflow';
export {
  absenceDetectionWorkflow,
  absenceImportWorkflow,
  proposalNoticeWorkflow,
} from './absence-import-workflow';
