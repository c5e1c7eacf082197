// The case worker's Prometheus metrics (WORKER_METRICS_PORT: the Temporal SDK's temporal_* and ours),
// read by a suite to say where time went: a workflow task waiting for the worker (schedule-to-start)
// or being run (execution, replay), the sticky cache, the task slots left.

/** Every sample of the exposition text: { name, labels: {..}, value }. */
export function parsePrometheus(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels = {};
    for (const l of (m[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]] = l[2];
    samples.push({ name: m[1], labels, value: Number(m[4]) });
  }
  return samples;
}

/** The samples a Prometheus endpoint answers, or null when there is none or it does not answer. */
async function scrape(url) {
  if (!url) return null;
  try {
    const res = await fetch(url);
    return res.ok ? parsePrometheus(await res.text()) : null;
  } catch {
    return null;
  }
}

export const scrapeWorker = (stack) => scrape(stack.workerMetricsUrl);

/** The Temporal server's own metrics (its Prometheus port), or null where it has none. */
export const scrapeServer = (stack) => scrape(stack.temporal?.metricsUrl);

// The server's histograms worth reading when a task waits: its persistence calls, its queues' tasks
// (timer, transfer: from due to processed), matching (a task handed to a waiting poll, or stored first).
const SERVER_HISTOGRAMS = [
  'persistence_latency',
  'task_latency_queue',
  'task_latency_load',
  'task_latency_processing',
  'syncmatch_latency',
  'asyncmatch_latency',
  'poll_latency',
];

/**
 * The server's time between two scrapes, per histogram and operation (or task type): count and mean
 * (its histograms are in seconds or milliseconds by name, as exported), the largest totals first.
 */
export function describeServerMetrics(later, earlier, top = 12) {
  if (!later) return 'server metrics unavailable';
  const groups = new Map();
  const add = (samples, sign) => {
    for (const s of samples ?? []) {
      const base = SERVER_HISTOGRAMS.find((h) => s.name === `${h}_sum` || s.name === `${h}_count`);
      if (!base) continue;
      // Matching's figures by queue too: the worker's sticky queue (cached workflows) is not the task queue.
      const queue = s.labels.taskqueue
        ? ` [${s.labels.taskqueue.slice(0, 24)}${s.labels.partition ? `#${s.labels.partition}` : ''}]`
        : '';
      const what = `${s.labels.operation ?? s.labels.task_type ?? ''}${/match|poll/.test(base) ? queue : ''}`;
      const key = `${base} ${what}`.trim();
      const g = groups.get(key) ?? { count: 0, sum: 0 };
      if (s.name.endsWith('_sum')) g.sum += sign * s.value;
      else g.count += sign * s.value;
      groups.set(key, g);
    }
  };
  add(later, 1);
  add(earlier, -1);
  const rows = [...groups.entries()].filter(([, g]) => g.count > 0).sort((a, b) => b[1].sum - a[1].sum);
  if (!rows.length) return 'no server latencies recorded';
  return rows
    .slice(0, top)
    .map(([k, g]) => `${k} ${Math.round(g.count)} × mean ${Math.round((g.sum / g.count) * 1000) / 1000}`)
    .join(', ');
}

/** A histogram's buckets summed over its label sets, as { count, sum, buckets: [[le, cumulative]] }. */
function histogram(samples, name, filter = () => true) {
  const buckets = new Map();
  let count = 0;
  let sum = 0;
  for (const s of samples) {
    if (!filter(s.labels)) continue;
    if (s.name === `${name}_bucket`) {
      const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
      buckets.set(le, (buckets.get(le) ?? 0) + s.value);
    } else if (s.name === `${name}_count`) count += s.value;
    else if (s.name === `${name}_sum`) sum += s.value;
  }
  return { count, sum, buckets: [...buckets.entries()].sort((a, b) => a[0] - b[0]) };
}

/** The difference of two histograms (a later scrape minus an earlier one): what happened between. */
function delta(later, earlier) {
  if (!earlier) return later;
  const before = new Map(earlier.buckets);
  return {
    count: later.count - earlier.count,
    sum: later.sum - earlier.sum,
    buckets: later.buckets.map(([le, n]) => [le, n - (before.get(le) ?? 0)]),
  };
}

/** The upper bound of the bucket the p-th percentile falls in (Prometheus histograms: no finer). */
function bucketPercentile(h, p) {
  if (!h.count) return null;
  const want = (p / 100) * h.count;
  for (const [le, n] of h.buckets) if (n >= want) return le;
  return Infinity;
}

const sumOf = (samples, name, filter = () => true) =>
  samples.filter((s) => s.name === name && filter(s.labels)).reduce((a, s) => a + s.value, 0);

const HISTOGRAMS = {
  wftScheduleToStart: 'temporal_workflow_task_schedule_to_start_latency',
  wftExecution: 'temporal_workflow_task_execution_latency',
  wftReplay: 'temporal_workflow_task_replay_latency',
  activityScheduleToStart: 'temporal_activity_schedule_to_start_latency',
  // The SDK has no schedule-to-start for local activities (they run inside the task that asked):
  // their run, and from scheduling to success (retries included).
  localActivityExecution: 'temporal_local_activity_execution_latency',
  localActivityEndToEnd: 'temporal_local_activity_succeed_endtoend_latency',
  deadlineLateness: 'tiltak_deadline_lateness_milliseconds',
};

/**
 * What the worker did between two scrapes: per histogram its count, mean and p50/p99 bucket bounds (ms),
 * the sticky cache's size and forced evictions, and the slots left at the end.
 */
export function workerMetricsBetween(later, earlier) {
  if (!later) return null;
  const out = {};
  for (const [key, name] of Object.entries(HISTOGRAMS)) {
    // The case worker only: its task queue also has the notification workflows, so no filter there.
    const h = delta(histogram(later, name), earlier ? histogram(earlier, name) : null);
    out[key] = {
      count: h.count,
      mean: h.count ? h.sum / h.count : null,
      p50: bucketPercentile(h, 50),
      p99: bucketPercentile(h, 99),
    };
  }
  const counter = (name) => sumOf(later, name) - (earlier ? sumOf(earlier, name) : 0);
  out.stickyCacheSize = sumOf(later, 'temporal_sticky_cache_size');
  out.forcedEvictions = counter('temporal_sticky_cache_total_forced_eviction');
  out.stickyCacheMisses = counter('temporal_sticky_cache_miss');
  out.wftFailed = counter('temporal_workflow_task_execution_failed');
  // A local activity that failed or timed out is handed to a regular activity (locallyFirst).
  out.localActivitiesFailed = counter('temporal_local_activity_execution_failed');
  out.slotsAvailable = Object.fromEntries(
    later
      .filter((s) => s.name === 'temporal_worker_task_slots_available')
      .map((s) => [s.labels.worker_type ?? '?', s.value]),
  );
  return out;
}

/** One line for a suite's log and notes. */
export function describeWorkerMetrics(m) {
  if (!m) return 'worker metrics unavailable';
  const h = (x) =>
    x.count ? `${x.count} × mean ${Math.round(x.mean)} ms (p50 ≤ ${x.p50}, p99 ≤ ${x.p99})` : 'none';
  return [
    `workflow tasks: schedule-to-start ${h(m.wftScheduleToStart)}, execution ${h(m.wftExecution)}, replay ${h(m.wftReplay)}`,
    `activities: schedule-to-start ${h(m.activityScheduleToStart)}; local activities: execution ${h(m.localActivityExecution)}, scheduled to succeeded ${h(m.localActivityEndToEnd)}, failed ${m.localActivitiesFailed}`,
    `deadline lateness (worker's own) ${h(m.deadlineLateness)}`,
    `sticky cache ${m.stickyCacheSize}, forced evictions ${m.forcedEvictions}, misses ${m.stickyCacheMisses}, failed tasks ${m.wftFailed}`,
    `slots left ${JSON.stringify(m.slotsAvailable)}`,
  ].join('; ');
}
