// The API defends itself, over real sockets: chosen server timeouts cut trickled requests and idle
// connections; rate limits answer 429 with Retry-After; every answer carries the security headers.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import request from 'supertest';
import { DEMO_STAFF } from '../../../apps/api/src/demo/demo-data';
import { startApiHarness, type ApiHarness } from './api-harness';
import { events, get, post } from './case-scenarios';

let h: ApiHarness;
let port: number;

beforeAll(async () => {
  h = await startApiHarness({
    withoutWorker: true,
    env: {
      API_REQUEST_TIMEOUT_MS: '2000',
      API_HEADERS_TIMEOUT_MS: '1000',
      API_KEEP_ALIVE_TIMEOUT_MS: '1500',
      API_RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '3',
      API_RATE_LIMIT_EVENT_POSTS_PER_MINUTE: '2',
      API_RATE_LIMIT_CODEC_PER_MINUTE: '4',
    },
  });
  await new Promise<void>((resolve) => h.http.listen(0, '127.0.0.1', resolve));
  port = (h.http.address() as AddressInfo).port;
});
afterAll(async () => h?.close());

/** Opens a raw connection, runs `send`, and resolves with what the server wrote and when it closed. */
function rawExchange(send: (socket: Socket) => void, giveUpMs = 15_000) {
  return new Promise<{ response: string; closedAfterMs: number | null }>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let response = '';
    let opened = 0;
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ response, closedAfterMs: null });
    }, giveUpMs);
    socket.on('data', (chunk) => (response += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ response, closedAfterMs: Date.now() - opened });
    });
    socket.on('connect', () => {
      opened = Date.now();
      send(socket);
    });
  });
}

/** Writes one byte every 100 ms until the socket closes. */
function trickle(socket: Socket, text: string) {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++] ?? '');
  }, 100);
  socket.on('close', () => clearInterval(timer));
}

describe('server timeouts', () => {
  it('cuts a trickled body with 408 once the request timeout has passed', async () => {
    const { response, closedAfterMs } = await rawExchange((socket) => {
      socket.write(
        'POST /codec/decode HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n',
      );
      trickle(socket, `{"payloads":[${' '.repeat(9_000)}`);
    });
    expect(closedAfterMs).not.toBeNull();
    expect(response).toMatch(/^HTTP\/1\.1 408/);
    // 2 s configured: not before it, and well before Node's default 300 s (a loaded machine adds a little).
    expect(closedAfterMs).toBeGreaterThanOrEqual(1_900);
    expect(closedAfterMs).toBeLessThan(8_000);
  });

  it('cuts trickled headers once the header timeout has passed', async () => {
    const { response, closedAfterMs } = await rawExchange((socket) => {
      socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n');
      trickle(socket, `X-Slow: ${'a'.repeat(500)}`);
    });
    expect(closedAfterMs).not.toBeNull();
    expect(response).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(closedAfterMs).toBeLessThan(8_000);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout (1.5 s here, not 5 s)', async () => {
    let answeredAt = 0;
    const { response, closedAfterMs } = await rawExchange((socket) => {
      socket.write(
        'GET /api/docs/openapi.json HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n',
      );
      socket.once('data', () => (answeredAt = Date.now()));
    });
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(response).toMatch(/Keep-Alive: timeout=1\b/i);
    expect(closedAfterMs).not.toBeNull();
    const idleMs = Date.now() - answeredAt;
    expect(idleMs).toBeGreaterThanOrEqual(1_300);
    expect(idleMs).toBeLessThan(4_000);
  });
});

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};
const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'";

describe('security headers', () => {
  it.each([
    ['a JSON answer', async () => get(h, await h.token(DEMO_STAFF.fjordvikLeader.id), '/api/cases'), 200],
    ['a 404 for an unknown path', () => request(h.http).get('/no-such-path'), 404],
    ['a 401', () => request(h.http).get(`/api/cases/${randomUUID()}`), 401],
    ['a 400', async () => get(h, await h.token(DEMO_STAFF.fjordvikLeader.id), '/api/cases/not-a-uuid'), 400],
    ['the codec', () => request(h.http).post('/api/codec/decode').send({ payloads: [] }), 200],
  ])('are on %s, with a CSP that lets nothing load or frame it', async (_what, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers).toMatchObject(SECURITY_HEADERS);
    expect(res.headers['content-security-policy']).toContain(STRICT_CSP);
    // The test API is reached over http: no HSTS (it is sent only for an https PUBLIC_BASE_URL).
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('serve /docs with a CSP that allows only its own origin, and the page loads only same-origin files', async () => {
    const page = await request(h.http).get('/api/docs').redirects(1);
    expect(page.status).toBe(200);
    expect(page.headers).toMatchObject(SECURITY_HEADERS);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    const references = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(references.length).toBeGreaterThan(2);
    for (const reference of references) {
      expect(reference).not.toMatch(/^(?:[a-z]+:)?\/\//i);
      const file = await request(h.http).get(new URL(reference, 'http://localhost/api/docs').pathname);
      expect(file.status).toBe(200);
    }
  });
});

describe('rate limits', () => {
  it('answer 429 with Retry-After once a caller has posted too many events, other callers unaffected', async () => {
    const teacher = await h.token(DEMO_STAFF.fjordvikTeacher5A.id);
    const caseId = randomUUID();
    const statuses: number[] = [];
    const firstPostAt = Date.now();
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await post(h, teacher, `/api/cases/${caseId}/events`, events.note('Ringte hjem.'), randomUUID()))
          .status,
      );
    expect(statuses).toEqual([404, 404, 429]);
    const limited = await post(
      h,
      teacher,
      `/api/cases/${caseId}/events`,
      events.note('Ringte hjem.'),
      randomUUID(),
    );
    expect(limited.status).toBe(429);
    // 2 a minute: the next one 30 s after the first, less the time these requests took (seconds on a
    // loaded machine).
    const retryAfter = Number(limited.headers['retry-after']);
    const elapsedSeconds = Math.ceil((Date.now() - firstPostAt) / 1000);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(retryAfter).toBeGreaterThanOrEqual(30 - elapsedSeconds);
    expect(limited.headers).toMatchObject(SECURITY_HEADERS);
    expect(limited.body).toEqual({
      code: 'RATE_LIMITED',
      message: `For mange forespørsler. Vent ${retryAfter} sekunder og prøv igjen.`,
      requestId: limited.headers['x-request-id'],
    });
    const other = await h.token(DEMO_STAFF.fjordvikLeader.id);
    expect(
      (await post(h, other, `/api/cases/${caseId}/events`, events.note('Ringte hjem.'), randomUUID())).status,
    ).toBe(404);
  });

  it('answer 429 on the codec per address', async () => {
    const statuses: number[] = [];
    // One codec call was made by the security-header test above.
    for (let i = 0; i < 4; i++)
      statuses.push((await request(h.http).post('/api/codec/decode').send({ payloads: [] })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await request(h.http).post('/api/codec/decode').send({ payloads: [] });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
  });

  // Last in this file: afterwards this address may not authenticate for a while.
  it('answer 429 after too many refused tokens from one address, before verifying more', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 23; i++)
      statuses.push(
        (await request(h.http).get(`/api/cases/${randomUUID()}`).set('Authorization', `Bearer guess${i}`))
          .status,
      );
    // 3 a minute: three refusals, then only 429s (the requests without a token above did not count).
    expect(statuses).toEqual([401, 401, 401, ...Array(20).fill(429)]);
    const good = await request(h.http)
      .get(`/api/cases/${randomUUID()}`)
      .set('Authorization', `Bearer ${await h.token(DEMO_STAFF.fjordvikLeader.id)}`);
    expect(good.status).toBe(429);
    expect(Number(good.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(good.body).toMatchObject({ code: 'RATE_LIMITED', requestId: expect.any(String) });
    // No proxy is trusted (API_TRUST_PROXY unset): a client cannot escape its bucket by naming another address.
    const spoofed = await request(h.http)
      .get(`/api/cases/${randomUUID()}`)
      .set('X-Forwarded-For', '203.0.113.9')
      .set('Authorization', 'Bearer guess-again');
    expect(spoofed.status).toBe(429);
  });
});
