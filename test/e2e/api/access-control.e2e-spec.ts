// Need to know, over HTTP: every role × the case endpoints × cases of its own and the other school,
// with each denial answered 404 and logged; the directory, authentication and the codec beside it.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';
import {
  DEMO_SCHOOLS,
  DEMO_STAFF,
  DEMO_STUDENTS,
  type DemoStaff,
} from '../../../apps/api/src/demo/demo-data';
import { startApiHarness, type ApiHarness } from './api-harness';
import { advanceTo, countRows, events, get, openCase, post } from './case-scenarios';
import { shortTestPolicy } from '@tiltak/domain/testing';

type CaseName = 'A1' | 'A3' | 'A4' | 'B1' | 'B4';
type Actor = keyof typeof DEMO_STAFF;

// Written out by hand, not derived from the policy code, so the test checks the rules as agreed:
// owners see their own cases, leadership its school's, the social teacher its school's from step 3.
// The partner services see a case only once a referral or escalation assigned it to them, and only at
// a school they serve: A4 and B4 were referred to the competence team (with its PPT and health members),
// A3 not yet; nothing was escalated or referred to the mobile team. Each school has its own PPT advisor.
const VISIBLE: Record<Actor, CaseName[]> = {
  fjordvikTeacher5A: ['A1', 'A4'],
  fjordvikTeacher5B: ['A3'],
  fjordvikLeader: ['A1', 'A3', 'A4'],
  fjordvikSocialTeacher: ['A3', 'A4'],
  fjordvikCompetenceTeam: ['A4'],
  bakkeliTeacher9A: ['B1'],
  bakkeliTeacher9B: ['B4'],
  bakkeliLeader: ['B1', 'B4'],
  bakkeliSocialTeacher: ['B4'],
  bakkeliCompetenceTeam: ['B4'],
  ppt: ['A4'],
  bakkeliPpt: ['B4'],
  mobileTeam: [],
  healthNurse: ['A4', 'B4'],
};

let h: ApiHarness;
const caseIds = {} as Record<CaseName, string>;
const tokens = {} as Record<Actor, string>;

beforeAll(async () => {
  // Long deadlines: nothing escalates while the matrix runs.
  // A bearer token's caller is kept 1 s here (10 s by default), so a deactivation is seen quickly.
  h = await startApiHarness({ policy: shortTestPolicy(600), env: { AUTH_CALLER_CACHE_SECONDS: '1' } });
  for (const actor of Object.keys(DEMO_STAFF) as Actor[]) tokens[actor] = await h.token(DEMO_STAFF[actor].id);
  const open = async (
    owner: DemoStaff & { schoolId: string },
    ownerToken: string,
    studentId: string,
    step: 1 | 3 | 4,
  ) => {
    const caseId = await openCase(h, ownerToken, studentId);
    await advanceTo(h, ownerToken, owner.id, caseId, step);
    return caseId;
  };
  caseIds.A1 = await open(DEMO_STAFF.fjordvikTeacher5A, tokens.fjordvikTeacher5A, DEMO_STUDENTS.mia.id, 1);
  caseIds.A3 = await open(DEMO_STAFF.fjordvikTeacher5B, tokens.fjordvikTeacher5B, DEMO_STUDENTS.ella.id, 3);
  caseIds.A4 = await open(DEMO_STAFF.fjordvikTeacher5A, tokens.fjordvikTeacher5A, DEMO_STUDENTS.noah.id, 4);
  caseIds.B1 = await open(DEMO_STAFF.bakkeliTeacher9A, tokens.bakkeliTeacher9A, DEMO_STUDENTS.filip.id, 1);
  caseIds.B4 = await open(DEMO_STAFF.bakkeliTeacher9B, tokens.bakkeliTeacher9B, DEMO_STUDENTS.sara.id, 4);
});
afterAll(async () => h?.close());

/** Access log actions for this staff member and resource, after the entry with id `since`. */
async function accessLog(
  staffId: string,
  resourceId: string,
  outcome: 'allowed' | 'denied',
  since = '0',
): Promise<string[]> {
  const rows = (await h.db.query(
    'SELECT action FROM access_log WHERE staff_id = $1 AND resource_id = $2 AND outcome = $3 AND id > $4 ORDER BY id',
    [staffId, resourceId, outcome, since],
  )) as { action: string }[];
  return rows.map((r) => r.action);
}

async function lastAccessLogId(): Promise<string> {
  const [row] = (await h.db.query('SELECT coalesce(max(id), 0)::text AS id FROM access_log')) as {
    id: string;
  }[];
  return row?.id ?? '0';
}

describe('the role × endpoint × own/other school matrix', () => {
  const actors = Object.keys(VISIBLE) as Actor[];
  const names: CaseName[] = ['A1', 'A3', 'A4', 'B1', 'B4'];

  it.each(actors)(
    '%s sees exactly the cases it needs to know, and every other attempt is a logged 404',
    async (actor) => {
      const staff = DEMO_STAFF[actor];
      const token = tokens[actor];
      const since = await lastAccessLogId();
      for (const name of names) {
        const caseId = caseIds[name];
        const visible = VISIBLE[actor].includes(name);
        const answers = [
          (await get(h, token, `/api/cases/${caseId}`)).status,
          (await get(h, token, `/api/cases/${caseId}/timeline`)).status,
          (await get(h, token, `/api/cases/${caseId}/activity-plan`)).status,
          (
            await post(
              h,
              token,
              `/api/cases/${caseId}/events`,
              events.note(`Notat fra ${staff.displayName}`),
              randomUUID(),
            )
          ).status,
        ];
        expect({ actor, name, answers }).toEqual({
          actor,
          name,
          answers: visible ? [200, 200, 200, 201] : [404, 404, 404, 404],
        });
        if (visible) {
          expect(await accessLog(staff.id, caseId, 'allowed', since)).toEqual([
            'case.read',
            'case.timeline',
            'case.activity-plan',
            'case.record-event',
          ]);
          expect(await accessLog(staff.id, caseId, 'denied', since)).toEqual([]);
        } else {
          expect(await accessLog(staff.id, caseId, 'denied', since)).toEqual([
            'case.read',
            'case.timeline',
            'case.activity-plan',
            'case.record-event',
          ]);
          expect(await accessLog(staff.id, caseId, 'allowed', since)).toEqual([]);
        }
      }

      const listed = await get(h, token, '/api/cases?limit=200');
      expect(listed.status).toBe(200);
      const listedNames = names.filter((n) =>
        (listed.body.items as { caseId: string }[]).some((c) => c.caseId === caseIds[n]),
      );
      expect(listedNames).toEqual(VISIBLE[actor]);
      expect(listed.body.total).toBe(VISIBLE[actor].length);
    },
  );

  it('never widens a list filter beyond what the caller may see', async () => {
    const otherSchool = await get(h, tokens.fjordvikLeader, `/api/cases?schoolId=${DEMO_SCHOOLS.bakkeli.id}`);
    expect(otherSchool.body).toMatchObject({ items: [], total: 0 });
    const otherOwner = await get(
      h,
      tokens.fjordvikTeacher5A,
      `/api/cases?ownerStaffId=${DEMO_STAFF.fjordvikTeacher5B.id}`,
    );
    expect(otherOwner.body.total).toBe(0);
    const earlyStep = await get(h, tokens.ppt, '/api/cases?step=1');
    expect(earlyStep.body.total).toBe(0);
    const step4 = await get(h, tokens.fjordvikLeader, '/api/cases?step=4');
    expect((step4.body.items as { caseId: string }[]).map((c) => c.caseId)).toEqual([caseIds.A4]);
    const bad = await get(h, tokens.fjordvikLeader, '/api/cases?step=7&limit=0&overdue=maybe');
    expect(bad.status).toBe(400);
    expect((bad.body.fieldErrors as { field: string }[]).map((f) => f.field).sort()).toEqual([
      'limit',
      'overdue',
      'step',
    ]);
  });

  it('lets the team record its own events but not decide for the owner (403, logged)', async () => {
    // The team advises on a referral: the owner records consent and refers first.
    await post(
      h,
      tokens.fjordvikTeacher5B,
      `/api/cases/${caseIds.A3}/events`,
      events.consent(),
      randomUUID(),
    );
    await post(
      h,
      tokens.fjordvikTeacher5B,
      `/api/cases/${caseIds.A3}/events`,
      events.referral(),
      randomUUID(),
    );
    const since = await lastAccessLogId();
    const advice = await post(
      h,
      tokens.fjordvikCompetenceTeam,
      `/api/cases/${caseIds.A3}/events`,
      events.teamAdvice(),
      randomUUID(),
    );
    expect(advice.status).toBe(201);
    const close = await post(
      h,
      tokens.fjordvikCompetenceTeam,
      `/api/cases/${caseIds.A3}/events`,
      { type: 'case-closed', payload: { reason: 'resolved', explanation: '' } },
      randomUUID(),
    );
    expect(close.status).toBe(403);
    expect(close.body.code).toBe('FORBIDDEN');
    const evaluate = await post(
      h,
      tokens.bakkeliPpt,
      `/api/cases/${caseIds.B4}/events`,
      events.evaluation('close-resolved'),
      randomUUID(),
    );
    expect(evaluate.status).toBe(403);
    expect(await accessLog(DEMO_STAFF.bakkeliPpt.id, caseIds.B4, 'denied', since)).toEqual([
      'case.record-event',
    ]);
  });

  it('lets a contact teacher open cases only for their own students', async () => {
    const other = await post(h, tokens.fjordvikTeacher5B, '/api/cases', {
      studentId: DEMO_STUDENTS.lukas.id,
      trigger: 'lesson-absence',
    });
    expect(other.status).toBe(404);
    const colleague = await post(h, tokens.bakkeliTeacher9B, '/api/cases', {
      studentId: DEMO_STUDENTS.lukas.id,
      trigger: 'lesson-absence',
    });
    expect(colleague.status).toBe(404);
    const team = await post(h, tokens.bakkeliCompetenceTeam, '/api/cases', {
      studentId: DEMO_STUDENTS.lukas.id,
      trigger: 'lesson-absence',
    });
    expect(team.status).toBe(404);
    const n = await countRows(
      h,
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'case.open' AND outcome = 'denied' AND resource_id = $1`,
      [DEMO_STUDENTS.lukas.id],
    );
    expect(n).toBe(3);
  });
});

describe('the directory', () => {
  it('shows a student to the contact teacher, the leadership and those with a visible case; to nobody else', async () => {
    const status = async (actor: Actor, studentId: string) =>
      (await get(h, tokens[actor], `/api/students/${studentId}`)).status;
    expect(await status('fjordvikTeacher5A', DEMO_STUDENTS.mia.id)).toBe(200);
    expect(await status('fjordvikTeacher5A', DEMO_STUDENTS.ella.id)).toBe(404);
    expect(await status('fjordvikTeacher5A', DEMO_STUDENTS.filip.id)).toBe(404);
    expect(await status('fjordvikLeader', DEMO_STUDENTS.ella.id)).toBe(200);
    expect(await status('bakkeliLeader', DEMO_STUDENTS.mia.id)).toBe(404);
    expect(await status('fjordvikCompetenceTeam', DEMO_STUDENTS.ella.id)).toBe(200);
    expect(await status('fjordvikCompetenceTeam', DEMO_STUDENTS.mia.id)).toBe(404);
    expect(await status('ppt', DEMO_STUDENTS.noah.id)).toBe(200);
    expect(await status('ppt', DEMO_STUDENTS.sara.id)).toBe(404);
    expect(await status('bakkeliPpt', DEMO_STUDENTS.sara.id)).toBe(200);
    expect(await status('ppt', DEMO_STUDENTS.filip.id)).toBe(404);
    const n = await countRows(
      h,
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'student.read' AND outcome = 'denied'`,
    );
    expect(n).toBe(6);

    const mine = await get(h, tokens.fjordvikTeacher5A, '/api/students');
    expect((mine.body as { id: string }[]).map((s) => s.id).sort()).toEqual(
      [DEMO_STUDENTS.mia.id, DEMO_STUDENTS.noah.id].sort(),
    );
    expect(
      (await get(h, tokens.fjordvikTeacher5A, `/api/students?schoolId=${DEMO_SCHOOLS.bakkeli.id}`)).status,
    ).toBe(404);
  });

  it('lets the leadership manage its own students and nobody set the school', async () => {
    const patch = (actor: Actor, body: object) =>
      request(h.http)
        .patch(`/api/students/${DEMO_STUDENTS.noah.id}`)
        .set('Authorization', `Bearer ${tokens[actor]}`)
        .send(body);
    const profile = {
      concernProfile: { lowerThresholdPercent: 5, reason: 'function-level', reviewOn: '2027-03-01' },
    };
    const ok = await patch('fjordvikLeader', profile);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ concernThresholdPercent: 5, concernProfile: profile.concernProfile });
    expect((await patch('fjordvikTeacher5A', profile)).status).toBe(403);
    expect((await patch('bakkeliLeader', profile)).status).toBe(404);
    const moved = await patch('fjordvikLeader', { schoolId: DEMO_SCHOOLS.bakkeli.id });
    expect(moved.status).toBe(400);
    expect(moved.body.fieldErrors).toEqual([expect.objectContaining({ field: 'schoolId' })]);
    const healthText = await patch('fjordvikLeader', {
      concernProfile: { ...profile.concernProfile, reason: 'diagnosed with anxiety' },
    });
    expect(healthText.status).toBe(400);

    const created = await post(h, tokens.fjordvikLeader, '/api/students', {
      schoolId: DEMO_SCHOOLS.fjordvik.id,
      className: '6A',
      contactTeacherId: DEMO_STAFF.fjordvikTeacher5B.id,
      givenName: 'Test',
      familyName: 'Elev',
    });
    expect(created.status).toBe(201);
    expect(created.body.concernThresholdPercent).toBe(10);
    const elsewhere = await post(h, tokens.fjordvikLeader, '/api/students', {
      schoolId: DEMO_SCHOOLS.bakkeli.id,
      className: '8A',
      contactTeacherId: DEMO_STAFF.bakkeliTeacher9A.id,
      givenName: 'Test',
      familyName: 'Elev',
    });
    expect(elsewhere.status).toBe(403);
    const wrongTeacher = await post(h, tokens.fjordvikLeader, '/api/students', {
      schoolId: DEMO_SCHOOLS.fjordvik.id,
      className: '6A',
      contactTeacherId: DEMO_STAFF.bakkeliTeacher9A.id,
      givenName: 'Test',
      familyName: 'Elev',
    });
    expect(wrongTeacher.status).toBe(422);
  });

  it('keeps schools, calendars and staff lists to the caller’s school', async () => {
    expect((await get(h, tokens.fjordvikTeacher5A, `/api/schools/${DEMO_SCHOOLS.fjordvik.id}`)).status).toBe(
      200,
    );
    expect((await get(h, tokens.fjordvikTeacher5A, `/api/schools/${DEMO_SCHOOLS.bakkeli.id}`)).status).toBe(
      404,
    );
    expect((await get(h, tokens.ppt, `/api/schools/${DEMO_SCHOOLS.bakkeli.id}`)).status).toBe(200);
    expect((await get(h, tokens.fjordvikTeacher5A, '/api/schools')).body).toHaveLength(1);

    const calendar = await get(
      h,
      tokens.fjordvikTeacher5A,
      `/api/schools/${DEMO_SCHOOLS.fjordvik.id}/calendar/2026-2027`,
    );
    expect(calendar.status).toBe(200);
    expect(calendar.body.closedPeriods).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Juleferie' })]),
    );
    const put = (actor: Actor, body: object) =>
      request(h.http)
        .put(`/api/schools/${DEMO_SCHOOLS.fjordvik.id}/calendar/2027-2028`)
        .set('Authorization', `Bearer ${tokens[actor]}`)
        .send(body);
    const calendarBody = {
      firstDay: '2027-08-17',
      lastDay: '2028-06-21',
      closedPeriods: [{ from: '2027-12-20', to: '2028-01-02', kind: 'break', name: 'Juleferie' }],
    };
    expect((await put('fjordvikTeacher5A', calendarBody)).status).toBe(403);
    expect((await put('fjordvikLeader', calendarBody)).status).toBe(200);
    const overlapping = await put('fjordvikLeader', {
      ...calendarBody,
      closedPeriods: [
        ...calendarBody.closedPeriods,
        { from: '2028-01-01', to: '2028-01-03', kind: 'planning-day', name: 'Planleggingsdag' },
      ],
    });
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.fieldErrors[0].field).toBe('closedPeriods[1]');
    expect(
      (await get(h, tokens.fjordvikTeacher5A, `/api/schools/${DEMO_SCHOOLS.fjordvik.id}/calendar/1999-2000`))
        .status,
    ).toBe(404);

    const staff = await get(h, tokens.fjordvikTeacher5A, '/api/staff');
    const schools = new Set((staff.body as { schoolId: string | null }[]).map((s) => s.schoolId));
    expect(schools).toEqual(new Set([DEMO_SCHOOLS.fjordvik.id, null]));
    expect(
      (await get(h, tokens.fjordvikTeacher5A, `/api/staff?schoolId=${DEMO_SCHOOLS.bakkeli.id}`)).status,
    ).toBe(404);

    expect(
      (
        await post(h, tokens.fjordvikLeader, '/api/schools', {
          name: 'Ny skole',
          municipality: 'Fjordvik kommune',
        })
      ).status,
    ).toBe(403);
    const admin = await h.token(DEMO_STAFF.fjordvikLeader.id, ['directory:admin']);
    const school = await post(h, admin, '/api/schools', {
      name: 'Ny skole',
      municipality: 'Fjordvik kommune',
    });
    expect(school.status).toBe(201);
    const newcomer = await post(h, tokens.fjordvikLeader, '/api/staff', {
      displayName: 'Kari Ny',
      email: 'kari.ny@example.no',
      role: 'contact-teacher',
      schoolId: DEMO_SCHOOLS.fjordvik.id,
    });
    expect(newcomer.status).toBe(201);
    expect(
      (
        await post(h, tokens.fjordvikLeader, '/api/staff', {
          displayName: 'Kari Ny',
          email: 'kari.ny@example.no',
          role: 'contact-teacher',
          schoolId: DEMO_SCHOOLS.fjordvik.id,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await post(h, tokens.fjordvikLeader, '/api/staff', {
          displayName: 'PPT Ny',
          email: 'ppt.ny@example.no',
          role: 'ppt',
          schoolId: null,
        })
      ).status,
    ).toBe(403);
  });
});

describe('authentication', () => {
  it('refuses requests without a valid token for an active staff member', async () => {
    const path = `/api/cases/${caseIds.A1}`;
    const none = await request(h.http).get(path);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    const garbage = await request(h.http).get(path).set('Authorization', 'Bearer not.a.token');
    expect(garbage.status).toBe(401);
    const foreignKey = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(DEMO_STAFF.fjordvikLeader.id)
      .setIssuer(h.config.auth.localIssuer)
      .setAudience(h.config.auth.localAudience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(48)));
    expect((await request(h.http).get(path).set('Authorization', `Bearer ${foreignKey}`)).status).toBe(401);
    const key = h.config.auth.localSigningKey ?? Buffer.alloc(0);
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(DEMO_STAFF.fjordvikLeader.id)
      .setIssuer(h.config.auth.localIssuer)
      .setAudience(h.config.auth.localAudience)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new Uint8Array(key));
    const expiredRes = await request(h.http).get(path).set('Authorization', `Bearer ${expired}`);
    expect(expiredRes.status).toBe(401);
    expect(expiredRes.body.message).toContain('expired');
    const wrongAudience = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(DEMO_STAFF.fjordvikLeader.id)
      .setIssuer(h.config.auth.localIssuer)
      .setAudience('someone-else')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new Uint8Array(key));
    expect((await request(h.http).get(path).set('Authorization', `Bearer ${wrongAudience}`)).status).toBe(
      401,
    );
    expect((await get(h, await h.token(randomUUID()), path)).status).toBe(401);
    expect((await get(h, await h.token('not-a-uuid'), path)).status).toBe(401);

    const leaving = await post(h, tokens.fjordvikLeader, '/api/staff', {
      displayName: 'Slutter Snart',
      email: 'slutter@example.no',
      role: 'school-leadership',
      schoolId: DEMO_SCHOOLS.fjordvik.id,
    });
    const leaverToken = await h.token(leaving.body.id as string);
    expect((await get(h, leaverToken, path)).status).toBe(200);
    await h.db.query('UPDATE staff SET active = false WHERE id = $1', [leaving.body.id]);
    // A token the API has not seen is checked against the directory at once.
    const fresh = await new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(leaving.body.id as string)
      .setIssuer(h.config.auth.localIssuer)
      .setAudience(h.config.auth.localAudience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new Uint8Array(key));
    expect((await get(h, fresh, path)).status).toBe(401);
    // One in use keeps its caller for AUTH_CALLER_CACHE_SECONDS at most, then is refused too.
    let status = 200;
    for (const until = Date.now() + 10_000; status === 200 && Date.now() < until;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await get(h, leaverToken, path)).status;
    }
    expect(status).toBe(401);
  });

  it('serves health without a token', async () => {
    expect((await request(h.http).get('/api/health')).status).toBe(200);
  });
});

describe('the codec endpoint for the Temporal UI', () => {
  const origin = 'http://localhost:8233';
  const plain = {
    metadata: { encoding: Buffer.from('json/plain').toString('base64') },
    data: Buffer.from('{"studentName":"Mia"}').toString('base64'),
  };

  it('answers the browser preflight for the Temporal UI origin only', async () => {
    const ok = await request(h.http)
      .options('/api/codec/decode')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(origin);
    expect(ok.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(ok.headers['access-control-allow-headers']).toMatch(/X-Namespace/);
    const evil = await request(h.http)
      .options('/api/codec/decode')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('decodes only for tokens with the codec:decode scope', async () => {
    const codecToken = await h.token(DEMO_STAFF.fjordvikLeader.id, ['codec:decode', 'codec:encode']);
    const encoded = await request(h.http)
      .post('/api/codec/encode')
      .set('Authorization', `Bearer ${codecToken}`)
      .set('Origin', origin)
      .send({ payloads: [plain] });
    expect(encoded.status).toBe(200);
    expect(Buffer.from(encoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe(
      'binary/encrypted',
    );
    expect(Buffer.from(encoded.body.payloads[0].data, 'base64').toString()).not.toContain('Mia');

    // Anonymous (the Temporal UI of operations staff): the payloads come back still encrypted.
    const anonymous = await request(h.http).post('/api/codec/decode').send(encoded.body);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual(encoded.body);
    const badToken = await request(h.http)
      .post('/api/codec/decode')
      .set('Authorization', 'Bearer nope')
      .send(encoded.body);
    expect(badToken.status).toBe(401);
    const withoutScope = await request(h.http)
      .post('/api/codec/decode')
      .set('Authorization', `Bearer ${tokens.fjordvikLeader}`)
      .set('X-Namespace', 'default')
      .send(encoded.body);
    expect(withoutScope.status).toBe(403);
    const n = await countRows(
      h,
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'codec.decode' AND outcome = 'denied' AND resource_id = 'default'`,
    );
    expect(n).toBe(1);

    const decoded = await request(h.http)
      .post('/api/codec/decode')
      .set('Authorization', `Bearer ${codecToken}`)
      .set('Origin', origin)
      .set('X-Namespace', 'default')
      .send(encoded.body);
    expect(decoded.status).toBe(200);
    expect(decoded.headers['access-control-allow-origin']).toBe(origin);
    expect(decoded.body).toEqual({ payloads: [plain] });
  });
});
