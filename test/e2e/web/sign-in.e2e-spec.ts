// Signing in to the web app through the real local OIDC provider (its own process), against the real
// API, PostgreSQL and Temporal: the backend-for-frontend of ADR 0007 end to end.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DirectoryRepository } from '@tiltak/persistence';
import request from 'supertest';
import { DEMO_UNKNOWN_SUBJECT } from '../../../apps/api/src/demo/demo-accounts';
import { DEMO_EXTRA_ASSIGNMENTS, DEMO_STAFF, DEMO_STUDENTS } from '../../../apps/api/src/demo/demo-data';
import { PAGE_CSP } from '../../../apps/api/src/http/web-app';
import { startApiHarness, type ApiHarness } from '../api/api-harness';
import { signIn, walkSignIn } from './sign-in';

const ROOT = path.join(__dirname, '..', '..', '..');
let h: ApiHarness;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!DOCTYPE html><title>Tiltakstrappa</title>');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  h = await startApiHarness({ signIn: true, webDistDir: dist });
});
afterAll(async () => {
  await h?.close();
  rmSync(dist, { recursive: true, force: true });
});

const baseUrl = () => h.baseUrl ?? '';
const teacher = DEMO_STAFF.fjordvikTeacher5A;
const teacherOnTeam = DEMO_EXTRA_ASSIGNMENTS.fjordvikTeacher5ACompetenceTeam;

/** The session cookie's value from a Set-Cookie list. */
function sessionCookieIn(setCookie: string[] | string | undefined): string | null {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = list.find((c) => c.startsWith('tiltak_session='));
  return line ? (line.split(';')[0] ?? '').slice('tiltak_session='.length) : null;
}

describe('signing in through the local OIDC provider', () => {
  it('gives the browser a session cookie that the API accepts instead of a bearer token', async () => {
    const { agent, session, location } = await signIn(baseUrl(), teacher, { returnTo: '/cases?mine=true' });
    expect(location).toBe('/cases?mine=true');
    expect(session).toMatchObject({
      person: { name: 'Ingrid Haugen' },
      actingAs: {
        staffId: teacher.id,
        name: 'Ingrid Haugen',
        role: 'contact-teacher',
        schoolId: teacher.schoolId,
        schoolName: 'Fjordvik barneskole',
      },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    // One person, two assignments: contact teacher first, then the competence team.
    expect(session.assignments.map((a) => [a.staffId, a.role])).toEqual([
      [teacher.id, 'contact-teacher'],
      [teacherOnTeam.id, 'competence-team'],
    ]);
    const idle = Date.parse(session.idleExpiresAt) - Date.now();
    expect(idle).toBeGreaterThan(29 * 60_000);
    expect(idle).toBeLessThanOrEqual(30 * 60_000);
    const absolute = Date.parse(session.absoluteExpiresAt) - Date.now();
    expect(absolute).toBeGreaterThan(11.9 * 3600_000);
    expect(absolute).toBeLessThanOrEqual(12 * 3600_000);

    const cases = await agent.get('/api/cases');
    expect(cases.status).toBe(200);
  });

  it('starts the authorization-code flow with PKCE S256, state and nonce, and keeps returnTo on this origin', async () => {
    const login = await request(baseUrl())
      .get('/api/auth/login')
      .query({ returnTo: 'https://evil.example/x' });
    expect(login.status).toBe(302);
    const authorize = new URL(String(login.headers['location']));
    expect(`${authorize.origin}`).toBe(h.oidc?.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: h.oidc?.clientId,
      redirect_uri: `${baseUrl()}/api/auth/callback`,
      scope: 'openid profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });
    expect(login.headers['set-cookie']?.[0]).toMatch(
      /^tiltak_login=[A-Za-z0-9_-]{43}; Path=\/api\/auth; HttpOnly; SameSite=Lax; Max-Age=600$/,
    );
    for (const returnTo of ['https://evil.example/x', '//evil.example/x', '/\\evil.example']) {
      const { location } = await signIn(baseUrl(), teacher, { returnTo });
      expect(location).toBe('/');
    }
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/ (not Secure on http://localhost), a new value each sign-in', async () => {
    const first = await walkSignIn(baseUrl(), teacher);
    expect(first.callback.status).toBe(302);
    const setCookie = first.callback.headers['set-cookie'] as unknown as string[];
    const line = setCookie.find((c) => c.startsWith('tiltak_session='));
    expect(line).toMatch(/^tiltak_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    // The login cookie is used once and cleared.
    expect(setCookie.find((c) => c.startsWith('tiltak_login='))).toMatch(/Max-Age=0/);
    const oldCookie = sessionCookieIn(setCookie);

    // Signing in again in the same browser replaces the session; the old value opens nothing.
    const again = await walkSignIn(first.agent, teacher);
    const newCookie = sessionCookieIn(again.callback.headers['set-cookie']);
    expect(newCookie).not.toBe(oldCookie);
    const stale = await request(baseUrl()).get('/api/cases').set('Cookie', `tiltak_session=${oldCookie}`);
    expect(stale.status).toBe(401);
    expect(stale.body.code).toBe('SESSION_EXPIRED');
    // The database keeps only hashes of cookie values.
    const rows = (await h.db.query(`SELECT id_hash FROM auth_sessions`)) as { id_hash: string }[];
    expect(rows.some((r) => r.id_hash === newCookie || r.id_hash === oldCookie)).toBe(false);
  });

  it('refuses a callback that no login of this browser started', async () => {
    const res = await request(baseUrl()).get('/api/auth/callback?code=forged&state=forged');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Innloggingen kunne ikke fullføres');
    expect(sessionCookieIn(res.headers['set-cookie'])).toBeNull();
  });
});

describe('refusing people Tiltakstrappa does not know', () => {
  it('answers a Norwegian 403 page, and no session, for a subject no staff row has', async () => {
    const { callback } = await walkSignIn(baseUrl(), DEMO_UNKNOWN_SUBJECT);
    expect(callback.status).toBe(403);
    expect(callback.headers['content-type']).toMatch(/text\/html/);
    expect(callback.text).toContain('Du har ikke tilgang til Tiltakstrappa');
    expect(callback.text).toContain('<html lang="nb">');
    expect(callback.text).toContain('href="/api/auth/login"');
    expect(sessionCookieIn(callback.headers['set-cookie'])).toBeNull();
  });

  it('refuses a deactivated person, and ends the session of one deactivated while signed in', async () => {
    const directory = new DirectoryRepository(h.db);
    const nurse = DEMO_STAFF.healthNurse;
    const { agent } = await signIn(baseUrl(), nurse);
    expect((await agent.get('/api/cases')).status).toBe(200);
    await directory.upsertStaff({ ...nurse, active: false });
    try {
      const during = await agent.get('/api/cases');
      expect(during.status).toBe(401);
      expect(during.body).toMatchObject({
        code: 'SESSION_EXPIRED',
        message: expect.stringContaining('Logg inn'),
      });
      const { callback } = await walkSignIn(baseUrl(), nurse);
      expect(callback.status).toBe(403);
      expect(callback.text).toContain('Du har ikke tilgang til Tiltakstrappa');
    } finally {
      await directory.upsertStaff({ ...nurse, active: true });
    }
  });
});

describe('registering a person for sign-in', () => {
  it("takes the person's sign-in id on POST /api/staff; from then on they sign in", async () => {
    const leader = await h.token(DEMO_STAFF.bakkeliLeader.id);
    const created = await request(baseUrl())
      .post('/api/staff')
      .set('Authorization', `Bearer ${leader}`)
      .send({
        displayName: 'Ukjent Person',
        email: 'ukjent.person@example.no',
        role: 'social-teacher',
        schoolId: DEMO_STAFF.bakkeliLeader.schoolId,
        oidcSubject: DEMO_UNKNOWN_SUBJECT,
      });
    expect(created.status).toBe(201);
    expect(created.body.oidcSubject).toBe(DEMO_UNKNOWN_SUBJECT);
    const listed = await request(baseUrl()).get('/api/staff').set('Authorization', `Bearer ${leader}`);
    expect(
      (listed.body as { id: string; oidcSubject: string | null }[]).find((s) => s.id === created.body.id),
    ).toMatchObject({ oidcSubject: DEMO_UNKNOWN_SUBJECT });

    const { session } = await signIn(baseUrl(), DEMO_UNKNOWN_SUBJECT);
    expect(session.actingAs).toMatchObject({
      staffId: created.body.id,
      role: 'social-teacher',
      schoolName: 'Bakkeli ungdomsskole',
    });
    await new DirectoryRepository(h.db).upsertStaff({ ...created.body, active: false });
  });

  it('refuses a sign-in id that is too long', async () => {
    const leader = await h.token(DEMO_STAFF.bakkeliLeader.id);
    const res = await request(baseUrl())
      .post('/api/staff')
      .set('Authorization', `Bearer ${leader}`)
      .send({
        displayName: 'Lang Id',
        email: 'lang.id@example.no',
        role: 'social-teacher',
        schoolId: DEMO_STAFF.bakkeliLeader.schoolId,
        oidcSubject: 'x'.repeat(256),
      });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors[0].field).toBe('oidcSubject');
  });
});

describe('with the session cookie', () => {
  it('refuses writes without the CSRF token (403 CSRF_TOKEN_INVALID) and accepts them with it', async () => {
    const { agent, session } = await signIn(baseUrl(), teacher);
    const body = { studentId: DEMO_STUDENTS.noah.id, trigger: 'absence-percentage', absencePercent: 12.5 };
    for (const token of [undefined, 'wrong', `${session.csrfToken}x`]) {
      const req = agent.post('/api/cases').set('Idempotency-Key', randomUUID());
      if (token) req.set('X-CSRF-Token', token);
      const refused = await req.send(body);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        code: 'CSRF_TOKEN_INVALID',
        message: expect.stringContaining('X-CSRF-Token'),
      });
    }
    expect(Number((await h.db.query(`SELECT count(*) AS n FROM cases`))[0].n)).toBe(0);
    const opened = await agent
      .post('/api/cases')
      .set('Idempotency-Key', randomUUID())
      .set('X-CSRF-Token', session.csrfToken)
      .send(body);
    expect(opened.status).toBe(201);
    // Reads need no token.
    expect((await agent.get(`/api/cases/${opened.body.caseId}`)).status).toBe(200);
  });

  it("switches between the person's assignments, and every request then acts as the chosen one", async () => {
    const { agent, session } = await signIn(baseUrl(), teacher);
    const opened = await agent
      .post('/api/cases')
      .set('Idempotency-Key', randomUUID())
      .set('X-CSRF-Token', session.csrfToken)
      .send({ studentId: DEMO_STUDENTS.mia.id, trigger: 'absence-percentage', absencePercent: 14 });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;

    const noToken = await agent.put('/api/auth/session/acting-as').send({ staffId: teacherOnTeam.id });
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('CSRF_TOKEN_INVALID');
    const notMine = await agent
      .put('/api/auth/session/acting-as')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ staffId: DEMO_STAFF.fjordvikLeader.id });
    expect(notMine.status).toBe(403);
    expect(notMine.body).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_ASSIGNMENT' });

    const switched = await agent
      .put('/api/auth/session/acting-as')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ staffId: teacherOnTeam.id });
    expect(switched.status).toBe(200);
    expect(switched.body.actingAs).toMatchObject({ staffId: teacherOnTeam.id, role: 'competence-team' });
    expect(switched.body.csrfToken).toBe(session.csrfToken);
    // As the competence team, a step-1 case not referred to the team is out of sight.
    expect((await agent.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await agent.get('/api/auth/session')).body.actingAs.staffId).toBe(teacherOnTeam.id);

    const back = await agent
      .put('/api/auth/session/acting-as')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ staffId: teacher.id });
    expect(back.body.actingAs.role).toBe('contact-teacher');
    expect((await agent.get(`/api/cases/${caseId}`)).status).toBe(200);
  });

  it("logs out: the session ends for good, the cookie is cleared, the provider's logout page is named", async () => {
    const { agent, session } = await signIn(baseUrl(), teacher);
    const again = await walkSignIn(agent, teacher);
    const cookie = sessionCookieIn(again.callback.headers['set-cookie']) as string;
    const csrf = (await agent.get('/api/auth/session')).body.csrfToken as string;
    expect(csrf).not.toBe(session.csrfToken);

    const refused = await agent.post('/api/auth/logout');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('CSRF_TOKEN_INVALID');

    const out = await agent.post('/api/auth/logout').set('X-CSRF-Token', csrf);
    expect(out.status).toBe(200);
    const endSession = new URL(out.body.endSessionUrl as string);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${h.oidc?.issuer}/session/end`);
    expect(endSession.searchParams.get('client_id')).toBe(h.oidc?.clientId);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${baseUrl()}/`);
    expect(endSession.searchParams.has('id_token_hint')).toBe(false);
    // The provider's page asks in Norwegian, with real buttons and no script.
    const page = await fetch(endSession, { headers: { cookie: again.providerCookies } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Logg ut av demo-innloggingen?');
    expect(html).not.toContain('<script');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(out.headers['set-cookie']).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^tiltak_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/),
      ]),
    );

    // The old cookie value, replayed: the session is over on the server, not only in the browser.
    const replayed = await request(baseUrl())
      .get('/api/auth/session')
      .set('Cookie', `tiltak_session=${cookie}`);
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatchObject({
      code: 'SESSION_EXPIRED',
      message: expect.stringContaining('Logg inn'),
    });
    // Logging out again is harmless.
    expect((await agent.post('/api/auth/logout')).status).toBe(200);
  });

  it('answers 401 UNAUTHENTICATED in Norwegian for the session without a cookie', async () => {
    const res = await request(baseUrl()).get('/api/auth/session');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Du er ikke logget inn.' });
  });
});

describe('bearer tokens beside sessions', () => {
  it('keep working for integrations and demo-token, with no CSRF token', async () => {
    const token = await h.token(DEMO_STAFF.bakkeliTeacher9A.id);
    expect((await request(baseUrl()).get('/api/cases').set('Authorization', `Bearer ${token}`)).status).toBe(
      200,
    );
    const opened = await request(baseUrl())
      .post('/api/cases')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', randomUUID())
      .send({ studentId: DEMO_STUDENTS.filip.id, trigger: 'absence-percentage', absencePercent: 11 });
    expect(opened.status).toBe(201);
  });

  it('win over a session cookie sent with them', async () => {
    const { agent } = await signIn(baseUrl(), teacher);
    const res = await agent.get('/api/cases').set('Authorization', 'Bearer not-a-token');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});

describe('the web app on the same origin', () => {
  it('opens an email link (/cases/<id>) as the app page, under the page CSP; unknown API paths stay JSON', async () => {
    const page = await request(baseUrl())
      .get(`/cases/${randomUUID()}`)
      .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Tiltakstrappa</title>');
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(page.headers['cache-control']).toBe('no-store');
    const asset = await request(baseUrl()).get('/assets/index-abc123.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const api = await request(baseUrl()).get('/api/no-such-route').set('Accept', 'text/html');
    expect(api.status).toBe(404);
    expect(api.body.code).toBe('NOT_FOUND');
  });
});

describe('the OpenAPI document', () => {
  it('has the sign-in routes and the session cookie as a security scheme beside bearer', () => {
    const doc = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { security?: Record<string, unknown>[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/auth/callback',
        '/api/auth/session',
        '/api/auth/session/acting-as',
        '/api/auth/logout',
      ]),
    );
    expect(doc.components.securitySchemes['session']).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'tiltak_session',
    });
    expect(doc.paths['/api/cases']?.['get']?.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(doc.paths['/api/auth/session']?.['get']?.security).toEqual([{ session: [] }]);
  });
});

describe('openid-client in the built API', () => {
  it('is loaded with a real dynamic import() from the CommonJS output', () => {
    const loader = path.join(ROOT, 'apps', 'api', 'dist', 'auth', 'openid-client.loader.js');
    expect(readFileSync(loader, 'utf8')).toContain("import('openid-client')");
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(loader)}).loadOpenIdClient().then((c) => console.log(typeof c.discovery))`,
      ],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('function');
  });
});

describe('configured like Feide, with a 2 s idle timeout', () => {
  let short: ApiHarness;
  beforeAll(async () => {
    // A second API on the same database: the person's id is the Feide name (scope userid-feide),
    // which the provider gives in UserInfo only, and sessions go idle after 2 s.
    short = await startApiHarness({
      signIn: true,
      withoutWorker: true,
      session: { idleSeconds: 2 },
      env: {
        DATABASE_URL: h.config.databaseUrl,
        AUTH_OIDC_SCOPES: 'openid userid-feide',
        AUTH_OIDC_SUBJECT_CLAIM: 'https://n.feide.no/claims/eduPersonPrincipalName',
      },
    });
  });

  it('maps the Feide name claim (from UserInfo) to the staff rows', async () => {
    const { session } = await signIn(short.baseUrl ?? '', DEMO_STAFF.bakkeliTeacher9B);
    expect(session.actingAs.staffId).toBe(DEMO_STAFF.bakkeliTeacher9B.id);
  });
  afterAll(async () => {
    await short?.close();
  });

  it('slides with every request and answers 401 SESSION_EXPIRED once the session was idle too long', async () => {
    const { agent } = await signIn(short.baseUrl ?? '', DEMO_STAFF.bakkeliLeader);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 1200));
      // 3.6 s in all, but never 2 s without a request.
      expect((await agent.get('/api/cases')).status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 2500));
    const expired = await agent.get('/api/cases');
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({
      code: 'SESSION_EXPIRED',
      message: 'Økten din er utløpt. Logg inn på nytt.',
    });
    expect(expired.headers['set-cookie']).toEqual(
      expect.arrayContaining([expect.stringMatching(/^tiltak_session=; .*Max-Age=0/)]),
    );
    expect((await agent.get('/api/auth/session')).body.code).toBe('UNAUTHENTICATED');
  });
});
