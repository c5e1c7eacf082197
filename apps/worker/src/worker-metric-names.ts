// The names of the worker's metrics, apart from the code that emits them (the dashboard's test reads these).
import { DEADLINE_LATENESS_METRIC } from '@tiltak/workflows';

/** Every metric of our own the worker exports. */
export const WORKER_METRICS = {
  notices: 'tiltak_notices_total',
  deadlineLateness: DEADLINE_LATENESS_METRIC,
} as const;

/** The SDK's metrics all start with this (its default `metricPrefix`). */
export const TEMPORAL_METRIC_PREFIX = 'temporal_';
