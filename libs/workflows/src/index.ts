export * from './case-workflow.contract';
export type { CaseOutcome } from './case-workflow';
export type { NotificationOutcome } from './notification-workflow';
export { caseSearchAttributeValues, type CaseSearchAttributeValues } from './case-search-attributes';
export * from './absence-import.contract';
export { DEADLINE_LATENESS_BUCKETS_MS, DEADLINE_LATENESS_METRIC } from './metric-names';
