// The API's Prometheus metrics (ADR 0013). Labels are route templates, methods, status codes, outcomes and
// steps: never a URL with an id in it, never a person. One registry per app, so tests can build several.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CaseCountByStep } from '@tiltak/persistence';

/** Every metric the API exports by name; the dashboard test checks its queries against this list. */
export const API_METRICS = {
  httpRequestDuration: 'tiltak_api_http_request_duration_seconds',
  workflowUpdateDuration: 'tiltak_api_workflow_update_duration_seconds',
  idempotencyReplays: 'tiltak_api_idempotency_replays_total',
  cases: 'tiltak_cases',
  casesOverdue: 'tiltak_cases_overdue',
  caseCountAge: 'tiltak_cases_count_age_seconds',
} as const;

/** Seconds; from a cached read (a few ms) to a Temporal Update that waited for its deadline (30 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** How often the case counts are read from PostgreSQL at most, however often Prometheus scrapes. */
export const CASE_COUNT_CACHE_MS = 15_000;
/** A scrape never waits longer than this for PostgreSQL; the previous counts stay meanwhile. */
const CASE_COUNT_TIMEOUT_MS = 2_000;

export type UpdateOutcomeLabel = 'completed' | 'rejected' | 'pending' | 'no-workflow' | 'error';

export interface ApiMetricsDeps {
  /** The read model's counts (CaseReadModel.countByStep). */
  countCases: () => Promise<CaseCountByStep[]>;
  /** Told when counting failed (the error's name only reaches the log). */
  onCountFailed?: (error: unknown) => void;
  now?: () => number;
  /** Node's process metrics (CPU, memory, event loop lag): on in the app, off in unit tests. */
  processMetrics?: boolean;
}

export class ApiMetrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly updateDuration: Histogram<'update' | 'outcome'>;
  private readonly replays: Counter<'operation'>;
  private counted: { at: number; rows: CaseCountByStep[] } | null = null;
  private counting: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: ApiMetricsDeps) {
    this.now = deps.now ?? Date.now;
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: API_METRICS.httpRequestDuration,
      help: 'API requests by method, route template and status code, from first byte to the answer sent',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.updateDuration = new Histogram({
      name: API_METRICS.workflowUpdateDuration,
      help: 'Temporal Updates the API sent to case workflows, until accepted and answered, by outcome',
      labelNames: ['update', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.replays = new Counter({
      name: API_METRICS.idempotencyReplays,
      help: 'Requests answered with the stored response of an earlier request with the same Idempotency-Key',
      labelNames: ['operation'],
      registers,
    });
    const refresh = () => this.refreshCaseCounts();
    const rows = () => this.counted?.rows ?? [];
    new Gauge({
      name: API_METRICS.cases,
      help: 'Cases in the read model by step and status (read at most every 15 s)',
      labelNames: ['step', 'status'],
      registers,
      async collect() {
        await refresh();
        this.reset();
        for (const row of rows()) this.set({ step: String(row.step), status: row.status }, row.cases);
      },
    });
    new Gauge({
      name: API_METRICS.casesOverdue,
      help: 'Open cases with a deadline passed and not met, by step (read at most every 15 s)',
      labelNames: ['step'],
      registers,
      async collect() {
        await refresh();
        this.reset();
        const byStep = new Map<string, number>();
        for (const row of rows())
          byStep.set(String(row.step), (byStep.get(String(row.step)) ?? 0) + row.overdue);
        for (const [step, overdue] of byStep) this.set({ step }, overdue);
      },
    });
    const age = () => (this.counted ? (this.now() - this.counted.at) / 1000 : -1);
    new Gauge({
      name: API_METRICS.caseCountAge,
      help: 'Age of the case counts in seconds; -1 until PostgreSQL answered once',
      registers,
      async collect() {
        await refresh();
        this.set(age());
      },
    });
    if (deps.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** Records one answered request; `route` is the route template (`/api/cases/:caseId`), never the URL. */
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void {
    this.httpDuration.observe(
      { method: labels.method, route: labels.route, status: String(labels.status) },
      seconds,
    );
  }

  /** Starts timing an Update; call the result with how it ended. */
  startUpdate(update: 'recordEvent'): (outcome: UpdateOutcomeLabel) => void {
    const end = this.updateDuration.startTimer({ update });
    return (outcome) => {
      end({ outcome });
    };
  }

  idempotencyReplayed(operation: 'recordEvent'): void {
    this.replays.inc({ operation });
  }

  /** The text Prometheus scrapes. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  private async refreshCaseCounts(): Promise<void> {
    if (this.counted && this.now() - this.counted.at < CASE_COUNT_CACHE_MS) return;
    this.counting ??= withTimeout(this.deps.countCases(), CASE_COUNT_TIMEOUT_MS)
      .then((rows) => {
        this.counted = { at: this.now(), rows };
      })
      .catch((error: unknown) => this.deps.onCountFailed?.(error))
      .finally(() => {
        this.counting = null;
      });
    await this.counting;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
