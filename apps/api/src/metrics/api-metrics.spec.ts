import type { CaseCountByStep } from '@tiltak/persistence';
import { API_METRICS, ApiMetrics, CASE_COUNT_CACHE_MS } from './api-metrics';
import { routeTemplate } from './route-template';

const CASE_ID = 'c0ffee00-0000-4000-8000-000000000001';

function metricsWith(rows: CaseCountByStep[] | (() => Promise<CaseCountByStep[]>)) {
  let now = 1_000_000;
  const countCases = jest.fn(typeof rows === 'function' ? rows : async () => rows);
  const failures: unknown[] = [];
  const metrics = new ApiMetrics({ countCases, now: () => now, onCountFailed: (e) => failures.push(e) });
  return { metrics, countCases, failures, advance: (ms: number) => (now += ms) };
}

/** The names of the series a scrape returns (without labels), e.g. `tiltak_cases`. */
function seriesNames(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(l)?.[0] ?? ''),
  );
}

describe('the API’s metrics', () => {
  it('exports every name in API_METRICS, and nothing else of its own', async () => {
    const { metrics } = metricsWith([{ step: 1, status: 'open', cases: 3, overdue: 1 }]);
    metrics.observeRequest({ method: 'GET', route: '/api/cases/:caseId', status: 200 }, 0.02);
    metrics.startUpdate('recordEvent')('completed');
    metrics.idempotencyReplayed('recordEvent');
    const names = seriesNames(await metrics.metrics());
    const ours = [...names].filter((n) => n.startsWith('tiltak_'));
    const families = new Set(ours.map((n) => n.replace(/_(bucket|sum|count)$/, '')));
    expect([...families].sort()).toEqual(Object.values(API_METRICS).sort());
  });

  it('labels requests by method, route template and status: no id, no person', async () => {
    const { metrics } = metricsWith([]);
    metrics.observeRequest({ method: 'POST', route: '/api/cases/:caseId/events', status: 201 }, 0.12);
    const text = await metrics.metrics();
    expect(text).toContain(
      'tiltak_api_http_request_duration_seconds_bucket{le="0.25",method="POST",route="/api/cases/:caseId/events",status="201"} 1',
    );
    expect(text).toContain(
      'tiltak_api_http_request_duration_seconds_count{method="POST",route="/api/cases/:caseId/events",status="201"} 1',
    );
  });

  it('times Updates by outcome', async () => {
    const { metrics } = metricsWith([]);
    metrics.startUpdate('recordEvent')('rejected');
    metrics.startUpdate('recordEvent')('completed');
    metrics.startUpdate('recordEvent')('completed');
    const text = await metrics.metrics();
    expect(text).toContain(
      'tiltak_api_workflow_update_duration_seconds_count{update="recordEvent",outcome="completed"} 2',
    );
    expect(text).toContain(
      'tiltak_api_workflow_update_duration_seconds_count{update="recordEvent",outcome="rejected"} 1',
    );
  });

  it('counts cases by step and status, and overdue ones by step, from the read model', async () => {
    const { metrics } = metricsWith([
      { step: 1, status: 'open', cases: 4, overdue: 1 },
      { step: 2, status: 'open', cases: 2, overdue: 0 },
      { step: 2, status: 'paused', cases: 1, overdue: 0 },
      { step: 4, status: 'closed', cases: 7, overdue: 0 },
    ]);
    const text = await metrics.metrics();
    expect(text).toContain('tiltak_cases{step="1",status="open"} 4');
    expect(text).toContain('tiltak_cases{step="2",status="paused"} 1');
    expect(text).toContain('tiltak_cases{step="4",status="closed"} 7');
    expect(text).toContain('tiltak_cases_overdue{step="1"} 1');
    expect(text).toContain('tiltak_cases_overdue{step="2"} 0');
    expect(text).toContain('tiltak_cases_count_age_seconds 0');
  });

  it('reads PostgreSQL at most once per 15 s however often it is scraped', async () => {
    const { metrics, countCases, advance } = metricsWith([{ step: 1, status: 'open', cases: 1, overdue: 0 }]);
    await Promise.all([metrics.metrics(), metrics.metrics()]);
    await metrics.metrics();
    expect(countCases).toHaveBeenCalledTimes(1);
    advance(CASE_COUNT_CACHE_MS - 1);
    expect(await metrics.metrics()).toContain(
      `tiltak_cases_count_age_seconds ${(CASE_COUNT_CACHE_MS - 1) / 1000}`,
    );
    expect(countCases).toHaveBeenCalledTimes(1);
    advance(1);
    await metrics.metrics();
    expect(countCases).toHaveBeenCalledTimes(2);
  });

  it('still answers when PostgreSQL does not, and says how old its counts are', async () => {
    let fail = false;
    const { metrics, failures, advance } = metricsWith(async () => {
      if (fail) throw new Error('connection refused');
      return [{ step: 3, status: 'open', cases: 5, overdue: 2 }];
    });
    await metrics.metrics();
    fail = true;
    advance(60_000);
    const text = await metrics.metrics();
    expect(failures).toHaveLength(1);
    expect(text).toContain('tiltak_cases{step="3",status="open"} 5');
    expect(text).toContain('tiltak_cases_count_age_seconds 60');
  });

  it('gives -1 as the age until the read model answered once', async () => {
    const { metrics } = metricsWith(async () => {
      throw new Error('down');
    });
    expect(await metrics.metrics()).toContain('tiltak_cases_count_age_seconds -1');
  });
});

describe('routeTemplate', () => {
  it('is the route as registered, never the URL with its ids', () => {
    const req = {
      route: { path: '/api/cases/:caseId/events' },
      baseUrl: '',
      originalUrl: `/api/cases/${CASE_ID}/events`,
    };
    expect(routeTemplate(req)).toBe('/api/cases/:caseId/events');
  });

  it('puts unmatched API paths and the web app’s pages under one label each', () => {
    expect(routeTemplate({ route: undefined, baseUrl: '', originalUrl: `/api/nothing/${CASE_ID}` })).toBe(
      'unmatched',
    );
    expect(routeTemplate({ route: undefined, baseUrl: '', originalUrl: `/saker/${CASE_ID}` })).toBe('web');
    expect(routeTemplate({ route: undefined, baseUrl: '', originalUrl: '/apiary' })).toBe('web');
  });
});
