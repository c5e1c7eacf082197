// Generated requests against every operation in docs/openapi.json, over HTTP, against the real API,
// worker, PostgreSQL and Temporal: no answer may be a 5xx, every error has the documented shape, and
// no body leaks a stack trace, a file path, SQL or another component's message.
//
// FUZZ_SEED (default below) and FUZZ_REQUESTS (per operation, default 300) reproduce or widen a run:
//   FUZZ_SEED=123 FUZZ_REQUESTS=2000 npx jest -c jest.e2e.config.js test/fuzz
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { unstorableCharacterIn } from '@tiltak/domain';
import { shortTestPolicy } from '@tiltak/domain/testing';
import { DEMO_SCHOOLS, DEMO_STAFF, DEMO_STUDENTS } from '../../apps/api/src/demo/demo-data';
import { startApiHarness, type ApiHarness } from '../e2e/api/api-harness';
import { events, openCase, post } from '../e2e/api/case-scenarios';
import {
  type FuzzContext,
  type FuzzRequest,
  hash,
  operationsOf,
  prng,
  RequestGenerator,
  type Schema,
} from './request-generator';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
const REQUESTS = Number(process.env['FUZZ_REQUESTS'] ?? 300);
const PARALLEL = 4;
const EXAMPLES = Number(process.env['FUZZ_EXAMPLES'] ?? 3);

const document = JSON.parse(
  readFileSync(path.join(__dirname, '../../docs/openapi.json'), 'utf8'),
) as Parameters<typeof operationsOf>[0] & { components: { schemas: Record<string, Schema> } };
const OPERATIONS = operationsOf(document);

// What a body must never show: the machinery behind the answer.
const LEAKS: [string, RegExp][] = [
  ['stack trace', /\n?\s{2,}at [\w.<>]+ \(| {4}at /],
  ['file path', /\/work\/|node_modules|\.ts:\d|\.js:\d|\/apps\/|\/libs\//],
  [
    'SQL',
    /\bSELECT\b|\bINSERT\b|\bUPDATE\s+\w+\s+SET\b|QueryFailedError|invalid input syntax|violates|duplicate key/,
  ],
  [
    'internal message',
    /Unsupported state|unable to authenticate data|Unknown payload codec key|Unexpected token|in JSON at position|is not valid JSON|Unexpected end of JSON|Cannot read propert|is not a function|URIError|Failed to decode|TypeError|RangeError|Maximum call stack|ECONNREFUSED|Bad control character|Expected property name/i,
  ],
];

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

interface Violation {
  problem: string;
  request: string;
  status: number;
  body: string;
}

let h: ApiHarness;
let base: { host: string; port: number };
const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });
const context: FuzzContext = {
  caseIds: [],
  studentIds: Object.values(DEMO_STUDENTS).map((s) => s.id),
  schoolIds: Object.values(DEMO_SCHOOLS).map((s) => s.id),
  staffIds: Object.values(DEMO_STAFF).map((s) => s.id),
  eventIds: [],
  encryptedPayloads: [],
  authorizations: [],
  oddAuthorizations: [],
  ownerOf: {},
};

beforeAll(async () => {
  // Long deadlines: no timers fire while the fuzz runs.
  h = await startApiHarness({ policy: shortTestPolicy(600) });
  await new Promise<void>((resolve) => h.http.listen(0, '127.0.0.1', resolve));
  base = { host: '127.0.0.1', port: (h.http.address() as AddressInfo).port };

  const teacherA = await h.token(DEMO_STAFF.fjordvikTeacher5A.id);
  const teacherB = await h.token(DEMO_STAFF.bakkeliTeacher9A.id);
  const admin = await h.token(DEMO_STAFF.fjordvikLeader.id, [
    'directory:admin',
    'codec:decode',
    'codec:encode',
  ]);
  context.caseIds.push(
    await openCase(h, teacherA, DEMO_STUDENTS.mia.id),
    await openCase(h, teacherB, DEMO_STUDENTS.filip.id),
  );
  const note = await post(
    h,
    teacherA,
    `/api/cases/${context.caseIds[0]}/events`,
    events.note(),
    'fuzz-setup-note',
  );
  context.eventIds.push(note.body.event.eventId as string);
  const encoded = await post(h, admin, '/api/codec/encode', {
    payloads: [
      {
        metadata: { encoding: Buffer.from('json/plain').toString('base64') },
        data: Buffer.from('{"a":1}').toString('base64'),
      },
    ],
  });
  context.encryptedPayloads.push(...(encoded.body.payloads as unknown[]));

  const bearer = (t: string) => `Bearer ${t}`;
  context.ownerOf[context.caseIds[0]!] = bearer(teacherA);
  context.ownerOf[context.caseIds[1]!] = bearer(teacherB);
  context.authorizations.push(
    bearer(teacherA),
    bearer(teacherB),
    bearer(admin),
    bearer(await h.token(DEMO_STAFF.bakkeliLeader.id, ['codec:decode'])),
    bearer(await h.token(DEMO_STAFF.fjordvikLeader.id)),
    bearer(await h.token(DEMO_STAFF.ppt.id)),
    bearer(await h.token(DEMO_STAFF.bakkeliCompetenceTeam.id)),
  );
  context.oddAuthorizations.push(
    bearer(await h.token('d1000000-0000-4000-8000-999999999999')),
    bearer(await h.token('not-a-staff-id')),
    null,
    null,
    'Bearer',
    'Bearer abc.def.ghi',
    `Bearer ${teacherA.slice(0, -2)}xx`,
    'Basic dXNlcjpwYXNz',
    `bearer ${teacherA}`,
  );
});

afterAll(async () => {
  agent.destroy();
  await h?.close();
});

function send(req: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body) headers['Content-Length'] = req.body.length;
    const r = httpRequest({ ...base, agent, method: req.method, path: req.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(req.body ?? undefined);
  });
}

/** What is wrong with an answer, by the API's own rules (docs/api.md). */
function problemsWith(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  const requestId = answer.headers['x-request-id'];
  if (typeof requestId !== 'string' || !requestId) problems.push('no X-Request-Id header');
  if (answer.headers['cache-control'] !== 'no-store') problems.push('no Cache-Control: no-store');
  for (const [what, pattern] of LEAKS) if (pattern.test(answer.text)) problems.push(`leaks ${what}`);
  if (answer.status >= 400) {
    let body: Record<string, unknown> | null = null;
    try {
      body = JSON.parse(answer.text) as Record<string, unknown>;
    } catch {
      problems.push('error body is not JSON');
    }
    if (body) {
      if (typeof body['code'] !== 'string' || !/^[A-Z_]+$/.test(body['code']))
        problems.push('error without a code');
      if (typeof body['message'] !== 'string' || !body['message']) problems.push('error without a message');
      if (typeof body['requestId'] !== 'string') problems.push('error without requestId');
      else if (body['requestId'] !== requestId) problems.push('requestId differs from X-Request-Id');
      const fieldErrors = body['fieldErrors'];
      if (
        fieldErrors !== undefined &&
        !(
          Array.isArray(fieldErrors) &&
          fieldErrors.every(
            (f: unknown) =>
              typeof (f as { field?: unknown }).field === 'string' &&
              typeof (f as { message?: unknown }).message === 'string',
          )
        )
      )
        problems.push('fieldErrors not [{field, message}]');
    }
  }
  return problems;
}

/**
 * A JSON body that carries a prototype key or text nobody can store must be refused, whatever else is
 * wrong or right with it (before the fix, `__proto__` was silently dropped and the event recorded).
 */
function mustBeRefused(req: FuzzRequest): string | null {
  if (!req.body || req.headers['Content-Type'] !== 'application/json') return null;
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString('utf8'));
  } catch {
    return null;
  }
  // Bodies nested deeper than this are refused for their depth already.
  const walk = (v: unknown, depth = 0): string | null => {
    if (typeof v === 'string') return unstorableCharacterIn(v) ? 'unstorable text' : null;
    if (typeof v !== 'object' || v === null || depth > 40) return null;
    for (const [key, item] of Object.entries(v)) {
      if (['__proto__', 'constructor', 'prototype'].includes(key)) return `a ${key} key`;
      if (unstorableCharacterIn(key)) return 'an unstorable key';
      const found = walk(item, depth + 1);
      if (found) return found;
    }
    return null;
  };
  return walk(value);
}

describe(`generated requests (seed ${SEED}, ${REQUESTS} per operation)`, () => {
  it('covers every operation of the document', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(OPERATIONS.map((op) => [`${op.method} ${op.path}`, op] as const))(
    '%s: no 5xx, the documented error shape, nothing internal',
    async (_name, op) => {
      const generator = new RequestGenerator(
        document.components.schemas,
        context,
        prng(hash(`${SEED} ${op.method} ${op.path}`)),
      );
      const requests = Array.from({ length: REQUESTS }, () => generator.request(op));
      const violations: Violation[] = [];
      for (let i = 0; i < requests.length; i += PARALLEL) {
        const batch = requests.slice(i, i + PARALLEL);
        const answers = await Promise.all(batch.map(send));
        answers.forEach((answer, j) => {
          const req = batch[j]!;
          const refusable = mustBeRefused(req);
          const problems = problemsWith(answer);
          if (refusable && answer.status < 400) problems.push(`accepted a body with ${refusable}`);
          for (const problem of problems) {
            violations.push({
              problem,
              request: `${req.method} ${req.path.slice(0, 120)} [${req.label.slice(0, 300)}]`,
              status: answer.status,
              body: answer.text.slice(0, 300),
            });
          }
        });
      }
      // A few examples per kind of problem keep the report readable; the count says how often.
      const byProblem = new Map<string, { count: number; examples: Omit<Violation, 'problem'>[] }>();
      for (const { problem, ...example } of violations) {
        const seen = byProblem.get(problem) ?? { count: 0, examples: [] };
        seen.count++;
        if (seen.examples.length < EXAMPLES) seen.examples.push(example);
        byProblem.set(problem, seen);
      }
      expect({ seed: SEED, violations: [...byProblem.entries()] }).toEqual({ seed: SEED, violations: [] });
    },
  );
});
