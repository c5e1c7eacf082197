// Names of the metrics the workflows emit, for the worker's exporter settings and the dashboard's test.

/** As Prometheus shows it: custom metrics get no `temporal_` prefix. */
export const DEADLINE_LATENESS_METRIC = 'tiltak_deadline_lateness_milliseconds';

/** Buckets from a timer on time to a worker that was down for an hour (milliseconds). */
export const DEADLINE_LATENESS_BUCKETS_MS = [
  100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000,
];
