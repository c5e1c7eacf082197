// What operations see of the API (ADR 0013): its Prometheus metrics on a port of their own — never on
// the public port — and one JSON log line per request with the request id and the caller, with no
// credential in it.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import request from 'supertest';
import { DEMO_STAFF, DEMO_STUDENTS } from '../../../apps/api/src/demo/demo-data';
import { ApiMetrics } from '../../../apps/api/src/metrics/api-metrics';
import { listenMetrics, type MetricsServer } from '../../../apps/api/src/metrics/metrics-server';
import { startApiHarness, type ApiHarness } from './api-harness';
import { events, openCase, post, waitFor } from './case-scenarios';

jest.setTimeout(60_000);

const lines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let h: ApiHarness;
let metricsServer: MetricsServer;
let token: string;
const teacher = DEMO_STAFF.fjordvikTeacher5A;

beforeAll(async () => {
  h = await startApiHarness({ log: { destination: logSink }, env: { LOG_LEVEL: 'info' } });
  metricsServer = await listenMetrics(h.app.get(ApiMetrics), '127.0.0.1', 0);
  token = await h.token(teacher.id);
});

afterAll(async () => {
  await metricsServer?.close();
  await h?.close();
});

const scrape = async (): Promise<string> => {
  const res = await fetch(`http://127.0.0.1:${metricsServer.port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
};

describe('metrics', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = await openCase(h, token, DEMO_STUDENTS.mia.id);
    const key = randomUUID();
    const first = await post(h, token, `/api/cases/${caseId}/events`, events.note(), key);
    expect(first.status).toBe(201);
    // The same request again: answered from the stored response.
    const again = await post(h, token, `/api/cases/${caseId}/events`, events.note(), key);
    expect(again.status).toBe(201);
    expect(
      (await request(h.http).get(`/api/cases/${caseId}`).set('Authorization', `Bearer ${token}`)).status,
    ).toBe(200);
  });

  it('serves request latency by route template and status, never by URL, on the metrics port', async () => {
    const text = await scrape();
    expect(text).toMatch(
      /^tiltak_api_http_request_duration_seconds_count\{method="GET",route="\/api\/cases\/:id",status="200"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^tiltak_api_http_request_duration_seconds_count\{method="POST",route="\/api\/cases\/:id\/events",status="201"\} 2$/m,
    );
    expect(text).not.toContain(caseId);
    expect(text).not.toContain(DEMO_STUDENTS.mia.id);
  });

  it('serves the Update latency, the idempotency replay and the cases by step', async () => {
    const text = await scrape();
    expect(text).toMatch(
      /^tiltak_api_workflow_update_duration_seconds_count\{update="recordEvent",outcome="completed"\} 1$/m,
    );
    expect(text).toMatch(/^tiltak_api_idempotency_replays_total\{operation="recordEvent"\} 1$/m);
    expect(text).toMatch(/^tiltak_cases\{step="1",status="open"\} [1-9]/m);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
  });

  it('are not on the public port', async () => {
    for (const path of ['/metrics', '/api/metrics']) {
      const res = await request(h.http).get(path);
      expect(res.text).not.toContain('tiltak_api_http_request_duration_seconds');
      expect(res.text).not.toContain('# TYPE');
    }
    expect((await request(h.http).get('/api/metrics')).status).toBe(404);
  });

  it('answer only /metrics on the metrics port', async () => {
    const res = await fetch(`http://127.0.0.1:${metricsServer.port}/api/cases`);
    expect(res.status).toBe(404);
  });
});

describe('logs', () => {
  it('give every request one line with its request id and caller, and no credential', async () => {
    const requestId = `ops-${randomUUID()}`;
    const res = await request(h.http)
      .get('/api/cases')
      .set('Authorization', `Bearer ${token}`)
      .set('Cookie', 'tiltak_session=SYNTHETIC-COOKIE-VALUE')
      .set('X-Request-Id', requestId);
    expect(res.status).toBe(200);
    const line = await waitFor(
      async () =>
        lines
          .map((l) => JSON.parse(l) as Record<string, unknown>)
          .find((l) => l['msg'] === 'request' && l['requestId'] === requestId),
      5_000,
      'the request line',
    );
    expect(line).toMatchObject({
      level: 'info',
      service: 'api',
      method: 'GET',
      path: '/api/cases',
      status: 200,
      caller: { staffId: teacher.id, role: 'contact-teacher' },
    });
    const all = lines.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain('SYNTHETIC-COOKIE-VALUE');
    expect(all).not.toContain(teacher.displayName);
  });
});
