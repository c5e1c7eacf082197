// What clients can send that once answered 500 or was silently accepted, over HTTP against the real
// stack: deep nesting, exponent numbers, prototype keys, text PostgreSQL cannot store, and the shape
// of every error the HTTP layer itself gives (413, malformed JSON, 415, the workflow's 409).
import { randomUUID } from 'node:crypto';
import { shortTestPolicy } from '@tiltak/domain/testing';
import request from 'supertest';
import { DEMO_SCHOOLS, DEMO_STAFF, DEMO_STUDENTS } from '../../../apps/api/src/demo/demo-data';
import { startApiHarness, type ApiHarness } from './api-harness';
import { countRows, eventCount, events, openCase } from './case-scenarios';

let h: ApiHarness;
let caseId: string;
let owner: string;
let otherSchool: string;
let admin: string;

beforeAll(async () => {
  h = await startApiHarness({ policy: shortTestPolicy(600) });
  owner = await h.token(DEMO_STAFF.fjordvikTeacher5A.id);
  otherSchool = await h.token(DEMO_STAFF.bakkeliTeacher9A.id);
  admin = await h.token(DEMO_STAFF.fjordvikLeader.id, ['directory:admin']);
  caseId = await openCase(h, owner, DEMO_STUDENTS.mia.id);
});
afterAll(async () => h?.close());

/** A raw JSON text, as a client that builds its own bodies sends it. */
function sendRaw(method: 'post' | 'put' | 'patch', path: string, text: string, token?: string) {
  const req = request(h.http)[method](path).set('Content-Type', 'application/json');
  if (token) req.set('Authorization', `Bearer ${token}`);
  if (path.endsWith('/events')) req.set('Idempotency-Key', randomUUID());
  return req.send(text);
}

/** The documented error shape, with the request's id in body and header, and no caching. */
function expectErrorShape(res: request.Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(typeof res.body.message).toBe('string');
  expect(res.body.requestId).toEqual(expect.any(String));
  expect(res.headers['x-request-id']).toBe(res.body.requestId);
  expect(res.headers['cache-control']).toBe('no-store');
}

const fields = (res: request.Response): string[] =>
  ((res.body.fieldErrors ?? []) as { field: string }[]).map((f) => f.field);

describe('bodies that crashed the API', () => {
  it('refuses JSON nested 5000 deep with 400 before parsing it, also without a token on the codec', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const codec = await sendRaw('post', '/api/codec/decode', deep);
    expectErrorShape(codec, 400, 'VALIDATION_FAILED');
    expect(fields(codec)).toEqual(['(body)']);
    expectErrorShape(await sendRaw('post', '/api/cases', deep, owner), 400, 'VALIDATION_FAILED');
    expectErrorShape(
      await sendRaw(
        'post',
        `/api/cases/${caseId}/events`,
        `{"type":"note-added","payload":{"text":${deep}}}`,
        owner,
      ),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses numbers in exponent form with too many decimals, naming the field', async () => {
    const open = await sendRaw(
      'post',
      '/api/cases',
      `{"studentId":"${DEMO_STUDENTS.noah.id}","trigger":"absence-percentage","absencePercent":1e-7}`,
      owner,
    );
    expectErrorShape(open, 400, 'VALIDATION_FAILED');
    expect(fields(open)).toEqual(['absencePercent']);
    const evaluation = await sendRaw(
      'post',
      `/api/cases/${caseId}/events`,
      '{"type":"evaluation-recorded","payload":{"absencePercent":1e-7,"effect":"improved","studentVoice":"Bra.","decision":"next-step"}}',
      owner,
    );
    expectErrorShape(evaluation, 400, 'VALIDATION_FAILED');
    expect(fields(evaluation)).toEqual(['payload.absencePercent']);
    // Exponent form itself is fine when the value is: 1e1 is 10.
    const profile = await request(h.http)
      .patch(`/api/students/${DEMO_STUDENTS.lukas.id}`)
      .set('Authorization', `Bearer ${await h.token(DEMO_STAFF.bakkeliLeader.id)}`)
      .set('Content-Type', 'application/json')
      .send('{"concernProfile":{"lowerThresholdPercent":5e0,"reason":"traits","reviewOn":"2027-01-15"}}');
    expect(profile.status).toBe(200);
  });

  it('answers another school’s teacher 404 whatever the payload; the owner 400 naming the key', async () => {
    const before = await eventCount(h, caseId);
    const bodies = [
      '{"type":"note-added","payload":{"text":"x","constructor":{"prototype":{"polluted":true}}}}',
      '{"type":"note-added","payload":{"text":"x","__proto__":{"polluted":true}}}',
      '{"type":"note-added","payload":{"text":"x\\u0000"}}',
      '{"type":"evaluation-recorded","payload":{"absencePercent":1e-7}}',
    ];
    for (const body of bodies) {
      const res = await sendRaw('post', `/api/cases/${caseId}/events`, body, otherSchool);
      expectErrorShape(res, 404, 'NOT_FOUND');
      expect(res.body.fieldErrors).toBeUndefined();
    }
    const own = await sendRaw('post', `/api/cases/${caseId}/events`, bodies[0]!, owner);
    expectErrorShape(own, 400, 'VALIDATION_FAILED');
    expect(fields(own)).toEqual(['payload.constructor']);
    expect(await eventCount(h, caseId)).toBe(before);
  });

  it('refuses __proto__ at the top level and in the payload like any unknown field; nothing is recorded', async () => {
    const before = await eventCount(h, caseId);
    const top = await sendRaw(
      'post',
      `/api/cases/${caseId}/events`,
      '{"type":"note-added","__proto__":{"type":"case-closed"},"payload":{"text":"Ringte hjem."}}',
      owner,
    );
    expectErrorShape(top, 400, 'VALIDATION_FAILED');
    expect(fields(top)).toEqual(['__proto__']);
    const inPayload = await sendRaw(
      'post',
      `/api/cases/${caseId}/events`,
      '{"type":"note-added","payload":{"text":"Ringte hjem.","__proto__":{"x":1}}}',
      owner,
    );
    expect(fields(inPayload)).toEqual(['payload.__proto__']);
    const school = await sendRaw(
      'post',
      '/api/schools',
      '{"name":"Ny skole","municipality":"Fjordvik kommune","__proto__":{}}',
      admin,
    );
    expect(fields(school)).toEqual(['__proto__']);
    expect(await eventCount(h, caseId)).toBe(before);
  });

  it('refuses a lone surrogate in a staff e-mail with 400 naming the field', async () => {
    const res = await sendRaw(
      'post',
      '/api/staff',
      `{"displayName":"Ny Lærer","email":"ny\\ud800@example.no","role":"contact-teacher","schoolId":"${DEMO_SCHOOLS.fjordvik.id}"}`,
      admin,
    );
    expectErrorShape(res, 400, 'VALIDATION_FAILED');
    expect(fields(res)).toEqual(['email']);
  });
});

describe('text PostgreSQL cannot store or no person types', () => {
  it('is refused in directory text, naming the field, and nothing is written', async () => {
    const staffBefore = await countRows(h, 'SELECT count(*)::int AS n FROM staff');
    const studentsBefore = await countRows(h, 'SELECT count(*)::int AS n FROM students');
    const schoolsBefore = await countRows(h, 'SELECT count(*)::int AS n FROM schools');
    const cases: [string, 'post' | 'patch' | 'put', string, string][] = [
      ['/api/schools', 'post', '{"name":"Skole\\u0000","municipality":"Fjordvik kommune"}', 'name'],
      ['/api/schools', 'post', '{"name":"Skole","municipality":"\\udc00"}', 'municipality'],
      [
        '/api/staff',
        'post',
        `{"displayName":"Ola\\u0007","email":"ola.ny@example.no","role":"contact-teacher","schoolId":"${DEMO_SCHOOLS.fjordvik.id}"}`,
        'displayName',
      ],
      [
        '/api/students',
        'post',
        `{"schoolId":"${DEMO_SCHOOLS.fjordvik.id}","className":"5A","contactTeacherId":"${DEMO_STAFF.fjordvikTeacher5A.id}","givenName":"Mia\\u0000","familyName":"Ny"}`,
        'givenName',
      ],
      [
        `/api/students/${DEMO_STUDENTS.mia.id}`,
        'patch',
        '{"familyName":"Johansen\\u001b[31m"}',
        'familyName',
      ],
      [
        `/api/schools/${DEMO_SCHOOLS.fjordvik.id}/calendar/2026-2027`,
        'put',
        '{"firstDay":"2026-08-18","lastDay":"2027-06-22","closedPeriods":[{"from":"2026-12-19","to":"2027-01-03","kind":"holiday","name":"Jule\\u0000ferie"}]}',
        'closedPeriods[0].name',
      ],
    ];
    for (const [path, method, body, field] of cases) {
      const res = await sendRaw(method, path, body, admin);
      expect({ path, field, status: res.status, fields: fields(res) }).toEqual({
        path,
        field,
        status: 400,
        fields: [field],
      });
    }
    expect(await countRows(h, 'SELECT count(*)::int AS n FROM staff')).toBe(staffBefore);
    expect(await countRows(h, 'SELECT count(*)::int AS n FROM students')).toBe(studentsBefore);
    expect(await countRows(h, 'SELECT count(*)::int AS n FROM schools')).toBe(schoolsBefore);
    const mia = await request(h.http)
      .get(`/api/students/${DEMO_STUDENTS.mia.id}`)
      .set('Authorization', `Bearer ${admin}`);
    expect(mia.body.familyName).toBe(DEMO_STUDENTS.mia.familyName);
  });

  it('is refused in event payloads before the workflow sees it (it was accepted, then stuck unpersisted)', async () => {
    const before = await eventCount(h, caseId);
    const res = await sendRaw(
      'post',
      `/api/cases/${caseId}/events`,
      '{"type":"note-added","payload":{"text":"før\\u0000etter"}}',
      owner,
    );
    expectErrorShape(res, 400, 'VALIDATION_FAILED');
    expect(fields(res)).toEqual(['payload.text']);
    const query = await request(h.http)
      .get('/api/cases?status=open%00')
      .set('Authorization', `Bearer ${owner}`);
    expectErrorShape(query, 400, 'VALIDATION_FAILED');
    expect(fields(query)).toEqual(['status']);
    // Tabs, line breaks, emoji and right-to-left text are what people type.
    const fine = await sendRaw(
      'post',
      `/api/cases/${caseId}/events`,
      JSON.stringify(events.note('Samtale:\n\t– eleven 👍\u200f مرحبا')),
      owner,
    );
    expect(fine.status).toBe(201);
    expect(await eventCount(h, caseId)).toBe(before + 1);
  });
});

describe('errors of the HTTP layer', () => {
  it('carry code, a fixed Norwegian message, requestId, X-Request-Id and no-store', async () => {
    const malformed = await sendRaw('post', '/api/cases', '{"studentId": "secret-value', owner);
    expectErrorShape(malformed, 400, 'BAD_REQUEST');
    expect(malformed.body.message).toBe('Innholdet er ikke gyldig JSON.');
    expect(malformed.text).not.toContain('secret-value');
    expect(malformed.text).not.toMatch(/JSON at position|Unterminated/);

    const tooLarge = await sendRaw('post', '/api/cases', JSON.stringify({ x: 'x'.repeat(70_000) }), owner);
    expectErrorShape(tooLarge, 413, 'PAYLOAD_TOO_LARGE');
    expect(tooLarge.body.message).toBe('Innholdet er for stort.');

    const notJson = await request(h.http)
      .post('/api/cases')
      .set('Authorization', `Bearer ${owner}`)
      .set('Content-Type', 'text/plain')
      .send('studentId=x');
    expectErrorShape(notJson, 415, 'UNSUPPORTED_MEDIA_TYPE');

    const badPath = await request(h.http).get('/api/cases/%ED%A0%80').set('Authorization', `Bearer ${owner}`);
    expectErrorShape(badPath, 400, 'BAD_REQUEST');
    expect(badPath.text).not.toContain('decode');

    const rejected = await sendRaw(
      'post',
      `/api/cases/${caseId}/events`,
      JSON.stringify(events.referral()),
      owner,
    );
    expectErrorShape(rejected, 409, 'EVENT_REJECTED');
    expect(rejected.body).toMatchObject({
      reason: 'EVENT_NOT_ALLOWED_AT_STEP',
      message: 'Denne hendelsen hører ikke til trinnet saken er på.',
    });
  });

  it('never echoes the codec’s crypto errors', async () => {
    const codec = await h.token(DEMO_STAFF.fjordvikLeader.id, ['codec:decode']);
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    for (const metadata of [
      { encoding: b64('binary/encrypted'), 'encryption-key-id': b64('no-such-key') },
      { encoding: b64('binary/encrypted'), 'encryption-key-id': b64('test1') },
    ]) {
      const res = await request(h.http)
        .post('/api/codec/decode')
        .set('Authorization', `Bearer ${codec}`)
        .send({ payloads: [{ metadata, data: b64('not really ciphertext, long enough to try') }] });
      expectErrorShape(res, 422, 'UNPROCESSABLE');
      expect(res.body.reason).toBe('UNDECODABLE_PAYLOAD');
      expect(res.text).not.toMatch(
        /Unsupported state|authenticate data|Unknown payload codec key|no-such-key/,
      );
    }
  });
});
