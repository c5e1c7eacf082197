// A case driven through all four steps over HTTP against a running worker (short policy), with the
// audit trail and the activity plan checked; idempotency, bad input and the second open beside it.
import { createHash, randomUUID } from 'node:crypto';
import { loadConfig } from '@tiltak/config';
import { testCodecKeys } from '@tiltak/testing';
import request from 'supertest';
import { createApp } from '../../../apps/api/src/create-app';
import { DEMO_STAFF, DEMO_STUDENTS } from '../../../apps/api/src/demo/demo-data';
import { startApiHarness, type ApiHarness } from './api-harness';
import { countRows, eventCount, events, get, openCase, post, record, waitFor } from './case-scenarios';
import { shortTestPolicy } from '@tiltak/domain/testing';

const teacher = DEMO_STAFF.fjordvikTeacher5A;
const leader = DEMO_STAFF.fjordvikLeader;
const competenceTeam = DEMO_STAFF.fjordvikCompetenceTeam;

let h: ApiHarness;
let teacherToken: string;

beforeAll(async () => {
  // Deadlines in seconds: reminders, missed deadlines and escalations happen while the tests run.
  h = await startApiHarness({
    policy: shortTestPolicy(6),
    workflowWaits: { resultMs: 2_000, acceptMs: 5_000 },
  });
  teacherToken = await h.token(teacher.id);
});
afterAll(async () => h?.close());

describe('a case through all four steps', () => {
  it('opens, climbs the ladder, closes, and the trail and the plan say what happened', async () => {
    const opened = await post(h, teacherToken, '/api/cases', {
      studentId: DEMO_STUDENTS.mia.id,
      trigger: 'absence-percentage',
      absencePercent: 12.5,
    });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    expect(opened.headers['location']).toBe(`${h.config.api.publicBaseUrl}/api/cases/${caseId}`);
    expect(opened.body).toMatchObject({
      studentId: DEMO_STUDENTS.mia.id,
      schoolId: DEMO_STUDENTS.mia.schoolId,
      ownerStaffId: teacher.id,
      step: 1,
      status: 'open',
      source: 'live',
      nextDeadline: { kind: 'step1-contact' },
    });
    expect(opened.body.allowedEventTypes).toContain('step1-contact');

    const step2 = await record(h, teacherToken, caseId, events.step1Contact());
    expect(step2.body.case).toMatchObject({ step: 2, status: 'open' });
    expect(step2.body.event).toMatchObject({
      type: 'step1-contact',
      step: 1,
      actor: { staffId: teacher.id, role: 'contact-teacher' },
    });
    expect(step2.headers['location']).toBe(
      `${h.config.api.publicBaseUrl}/api/cases/${caseId}/events/${step2.body.event.eventId}`,
    );

    await record(h, teacherToken, caseId, events.meeting('step2-meeting'));
    await record(h, teacherToken, caseId, events.mapping());
    const measure = await record(
      h,
      teacherToken,
      caseId,
      events.measure(teacher.id, 'Fast voksen tar imot eleven om morgenen'),
    );
    // The measure is identified by the event that planned it, and the role comes from the directory.
    expect(measure.body.event.payload).toMatchObject({
      measureId: measure.body.event.eventId,
      responsible: { kind: 'staff', staffId: teacher.id, role: 'contact-teacher' },
    });
    const step3 = await record(h, teacherToken, caseId, events.evaluation('next-step', 11));
    expect(step3.body.case.step).toBe(3);

    await record(h, teacherToken, caseId, events.consent());
    await record(h, teacherToken, caseId, events.referral());
    await record(h, teacherToken, caseId, events.meeting('team-around-student-meeting'));
    // The competence team sees the referred case and records its own advice.
    const advice = await record(
      h,
      await h.token(competenceTeam.id),
      caseId,
      events.teamAdvice('Gradvis mer tid i klassen, start med norsktimene.'),
    );
    expect(advice.body.event.actor).toEqual({ staffId: competenceTeam.id, role: 'competence-team' });
    await record(
      h,
      teacherToken,
      caseId,
      events.measure(DEMO_STAFF.fjordvikSocialTeacher.id, 'Samtaler med sosiallærer hver uke'),
    );
    const step4 = await record(h, teacherToken, caseId, events.evaluation('next-step', 14));
    expect(step4.body.case.step).toBe(4);

    const leaderToken = await h.token(leader.id);
    await record(
      h,
      leaderToken,
      caseId,
      events.meeting('collaboration-meeting', 'Tverrfaglig møte med PPT og Mobilt team.'),
    );
    await record(
      h,
      teacherToken,
      caseId,
      events.measure(DEMO_STAFF.ppt.id, 'PPT vurderer tilrettelegging <script>alert(1)</script>'),
    );
    const continued = await record(h, teacherToken, caseId, events.evaluation('continue-period', 10));
    expect(continued.body.case).toMatchObject({ step: 4, status: 'open' });
    const closed = await record(h, teacherToken, caseId, events.evaluation('close-resolved', 4));
    expect(closed.body.case).toMatchObject({
      step: 4,
      status: 'closed',
      closeReason: 'resolved',
      allowedEventTypes: [],
    });

    // Closed: the read model answers, and the workflow refuses anything further.
    const after = await get(h, teacherToken, `/api/cases/${caseId}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: 'closed', step: 4 });
    const late = await post(h, teacherToken, `/api/cases/${caseId}/events`, events.note(), randomUUID());
    expect(late.status).toBe(409);
    expect(late.body.reason).toBe('CASE_CLOSED');

    const timeline = await get(h, leaderToken, `/api/cases/${caseId}/timeline`);
    expect(timeline.status).toBe(200);
    const entries = timeline.body.entries as {
      type: string;
      step: number;
      origin: string;
      actor: { staffId: string; role: string; displayName?: string } | null;
      seq: string;
    }[];
    expect(timeline.body.nextAfterSeq).toBeNull();
    // Read in pages of three, the trail is the same, in the same order.
    const paged: typeof entries = [];
    for (let after: string | null = null, pages = 0; pages < 50; pages++) {
      const page = await get(
        h,
        leaderToken,
        `/api/cases/${caseId}/timeline?limit=3${after ? `&afterSeq=${after}` : ''}`,
      );
      expect(page.status).toBe(200);
      paged.push(...(page.body.entries as typeof entries));
      after = page.body.nextAfterSeq as string | null;
      if (!after) break;
    }
    expect(paged).toEqual(entries);
    expect((await get(h, leaderToken, `/api/cases/${caseId}/timeline?limit=0`)).status).toBe(400);
    expect((await get(h, leaderToken, `/api/cases/${caseId}/timeline?afterSeq=abc`)).status).toBe(400);
    const people = entries.filter((e) => e.origin === 'person');
    expect(people.map((e) => `${e.step}:${e.type}`)).toEqual([
      '1:step1-contact',
      '2:meeting-held',
      '2:mapping-recorded',
      '2:measure-planned',
      '2:evaluation-recorded',
      '3:guardian-consent-recorded',
      '3:referral-sent',
      '3:meeting-held',
      '3:team-advice-recorded',
      '3:measure-planned',
      '3:evaluation-recorded',
      '4:meeting-held',
      '4:measure-planned',
      '4:evaluation-recorded',
      '4:evaluation-recorded',
    ]);
    expect(people.every((e) => e.actor !== null && e.actor.displayName)).toBe(true);
    expect(people.find((e) => e.type === 'team-advice-recorded')?.actor).toMatchObject({
      role: 'competence-team',
      displayName: competenceTeam.displayName,
    });
    const system = entries.filter((e) => e.origin === 'system');
    // The opening is the system's entry, and it names the person who opened the case.
    expect(system[0]).toMatchObject({
      type: 'case-opened',
      actor: { staffId: teacher.id, role: 'contact-teacher', displayName: teacher.displayName },
      payload: { openedBy: { staffId: teacher.id, role: 'contact-teacher' } },
    });
    expect(system.filter((e) => e.type === 'step-entered').map((e) => e.step)).toEqual([2, 3, 4]);
    expect(system.slice(1).every((e) => e.actor === null)).toBe(true);
    expect(entries.map((e) => Number(e.seq))).toEqual(
      [...entries.map((e) => Number(e.seq))].sort((a, b) => a - b),
    );

    const plan = await get(h, teacherToken, `/api/cases/${caseId}/activity-plan`);
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      caseId,
      student: { givenName: 'Mia', familyName: 'Johansen', className: '5A' },
      owner: { staffId: teacher.id, displayName: teacher.displayName },
      status: 'closed',
      problem: {
        trigger: 'absence-percentage',
        absencePercentAtOpening: 12.5,
        concernThresholdPercent: 10,
        firstContact: { conclusion: 'concern-remains' },
      },
      nextEvaluation: null,
    });
    expect(plan.body.problem.mappings).toHaveLength(1);
    expect(
      (plan.body.measures as { what: string; step: number; responsible: { displayName: string } }[]).map(
        (m) => [m.step, m.what, m.responsible.displayName],
      ),
    ).toEqual([
      [2, 'Fast voksen tar imot eleven om morgenen', teacher.displayName],
      [3, 'Samtaler med sosiallærer hver uke', DEMO_STAFF.fjordvikSocialTeacher.displayName],
      [4, 'PPT vurderer tilrettelegging <script>alert(1)</script>', DEMO_STAFF.ppt.displayName],
    ]);
    expect((plan.body.meetings as { kind: string }[]).map((m) => m.kind)).toEqual([
      'step2-meeting',
      'team-around-student-meeting',
      'collaboration-meeting',
    ]);
    expect((plan.body.evaluations as { decision: string }[]).map((e) => e.decision)).toEqual([
      'next-step',
      'next-step',
      'continue-period',
      'close-resolved',
    ]);
    expect(plan.body.teamAdvice).toEqual([
      expect.objectContaining({ advice: 'Gradvis mer tid i klassen, start med norsktimene.' }),
    ]);

    const html = await request(h.http)
      .get(`/api/cases/${caseId}/activity-plan?format=html`)
      .set('Authorization', `Bearer ${teacherToken}`);
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(html.headers['x-frame-options']).toBe('DENY');
    // The page's one <style> is allowed by its hash, so a browser applies it and nothing injected.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html.text)?.[1] ?? '';
    expect(html.headers['content-security-policy']).toContain(
      `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`,
    );
    expect(html.text).toContain('<html lang="nb">');
    expect(html.text).toContain('Aktivitetsplan');
    expect(html.text).toContain('Mia Johansen');
    expect(html.text).toContain('Tiltak');
    expect(html.text).toContain('Evalueres innen');
    expect(html.text).toContain('Fast voksen tar imot eleven om morgenen');
    expect(html.text).toContain('PPT vurderer tilrettelegging &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.text).not.toContain('<script>');
    const byAccept = await request(h.http)
      .get(`/api/cases/${caseId}/activity-plan`)
      .set('Authorization', `Bearer ${teacherToken}`)
      .set('Accept', 'text/html');
    expect(byAccept.headers['content-type']).toMatch(/^text\/html/);

    // Every read of the case, its trail and its plan is in the access log.
    const reads = (await h.db.query(
      `SELECT action, staff_id FROM access_log WHERE resource_id = $1 AND outcome = 'allowed' AND action IN ('case.read', 'case.timeline', 'case.activity-plan')`,
      [caseId],
    )) as { action: string; staff_id: string }[];
    expect(reads).toEqual(
      expect.arrayContaining([
        { action: 'case.read', staff_id: teacher.id },
        { action: 'case.timeline', staff_id: leader.id },
        { action: 'case.activity-plan', staff_id: teacher.id },
      ]),
    );
    expect(reads.filter((r) => r.action === 'case.activity-plan')).toHaveLength(3);
  });

  it('records reminders and missed deadlines in the timeline as the system', async () => {
    const caseId = await openCase(h, teacherToken, DEMO_STUDENTS.noah.id);
    const entries = await waitFor(
      async () => {
        const res = await get(h, teacherToken, `/api/cases/${caseId}/timeline`);
        const list = res.body.entries as { type: string; actor: unknown; payload: { kind?: string } }[];
        return list.some((e) => e.type === 'deadline-missed') ? list : null;
      },
      20_000,
      'the step-1 deadline to be missed',
    );
    expect(entries.map((e) => e.type)).toEqual(
      expect.arrayContaining(['case-opened', 'reminder-due', 'deadline-missed']),
    );
    expect(entries.find((e) => e.type === 'deadline-missed')).toMatchObject({
      actor: null,
      payload: { kind: 'step1-contact' },
    });
    // The read model has what the timer did: the workflow wrote it with the missed deadline.
    const read = await get(h, teacherToken, `/api/cases/${caseId}`);
    expect(read.body).toMatchObject({ overdue: true, source: 'read-model' });
    const listed = await get(h, teacherToken, '/api/cases?overdue=true');
    expect((listed.body.items as { caseId: string }[]).map((c) => c.caseId)).toContain(caseId);
  });
});

describe('opening', () => {
  it('answers a second open for the same student with 409 and the open case', async () => {
    const token = await h.token(DEMO_STAFF.fjordvikTeacher5B.id);
    const first = await post(h, token, '/api/cases', {
      studentId: DEMO_STUDENTS.ella.id,
      trigger: 'lesson-absence',
    });
    expect(first.status).toBe(201);
    const second = await post(h, token, '/api/cases', {
      studentId: DEMO_STUDENTS.ella.id,
      trigger: 'repeated-late-arrival',
    });
    expect(second.status).toBe(409);
    expect(second.headers['location']).toBe(`${h.config.api.publicBaseUrl}/api/cases/${first.body.caseId}`);
    expect(second.body).toMatchObject({
      code: 'CONFLICT',
      reason: 'OPEN_CASE_EXISTS',
      location: `${h.config.api.publicBaseUrl}/api/cases/${first.body.caseId}`,
    });
    // The leadership raising the same concern at the same time gets the same answer.
    const byLeader = await post(h, await h.token(leader.id), '/api/cases', {
      studentId: DEMO_STUDENTS.ella.id,
      trigger: 'lesson-absence',
    });
    expect(byLeader.status).toBe(409);
  });

  it('opens a new case (a new id) once the earlier one is closed', async () => {
    const token = await h.token(DEMO_STAFF.bakkeliTeacher9B.id);
    const first = await openCase(h, token, DEMO_STUDENTS.sara.id);
    await record(h, token, first, events.step1Contact('explained'));
    const again = await openCase(h, token, DEMO_STUDENTS.sara.id);
    expect(again).not.toBe(first);
  });

  it('refuses fields the caller may not set', async () => {
    const res = await post(h, teacherToken, '/api/cases', {
      studentId: DEMO_STUDENTS.noah.id,
      trigger: 'absence-percentage',
      absencePercent: 11,
      ownerStaffId: leader.id,
      schoolId: DEMO_STUDENTS.filip.schoolId,
      status: 'closed',
    });
    expect(res.status).toBe(400);
    expect((res.body.fieldErrors as { field: string }[]).map((f) => f.field).sort()).toEqual([
      'ownerStaffId',
      'schoolId',
      'status',
    ]);
  });
});

describe('recording events', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await openCase(h, await h.token(DEMO_STAFF.bakkeliTeacher9A.id), DEMO_STUDENTS.filip.id);
  });

  it('turns 20 parallel posts with one key into one event and 20 equal responses', async () => {
    const token = await h.token(DEMO_STAFF.bakkeliTeacher9A.id);
    const key = randomUUID();
    const body = events.note('Samtale med eleven i friminuttet.');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(h, token, `/api/cases/${caseId}/events`, body, key)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const [first] = responses;
    for (const r of responses) expect(r.body).toEqual(first?.body);
    const eventId = first?.body.event.eventId as string;
    const n = await countRows(
      h,
      `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'note-added'`,
      [caseId],
    );
    expect(n).toBe(1);
    expect((await h.db.query('SELECT 1 FROM case_events WHERE event_id = $1', [eventId])).length).toBe(1);

    const reused = await post(h, token, `/api/cases/${caseId}/events`, events.note('Noe annet.'), key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers bad input with 4xx naming the field, and changes nothing', async () => {
    const token = await h.token(DEMO_STAFF.bakkeliTeacher9A.id);
    const before = await eventCount(h, caseId);
    const path = `/api/cases/${caseId}/events`;
    const send = (body: unknown, key: string | null = randomUUID()) =>
      post(h, token, path, body, key ?? undefined);

    const malformed = await request(h.http)
      .post(path)
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', randomUUID())
      .set('Content-Type', 'application/json')
      .send('{"type": "note-added", "payload": {');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('BAD_REQUEST');

    const cases: [unknown, number, string][] = [
      [{ ...events.note(), status: 'closed' }, 400, 'status'],
      [{ ...events.note(), ownerStaffId: DEMO_STAFF.bakkeliLeader.id }, 400, 'ownerStaffId'],
      [{ ...events.note(), schoolId: DEMO_STUDENTS.mia.schoolId }, 400, 'schoolId'],
      [
        { ...events.note(), actor: { staffId: DEMO_STAFF.bakkeliLeader.id, role: 'school-leadership' } },
        400,
        'actor',
      ],
      [{ ...events.note(), eventId: randomUUID() }, 400, 'eventId'],
      [{ type: 'note-added', payload: { text: 'x', severity: 'high' } }, 400, 'payload.severity'],
      [
        { type: 'step1-contact', payload: { ...events.step1Contact().payload, talkedWithStudent: 'yes' } },
        400,
        'payload.talkedWithStudent',
      ],
      [
        {
          type: 'step1-contact',
          payload: {
            ...events.step1Contact().payload,
            pattern: { ...events.step1Contact().payload.pattern, weekdays: ['sunday'] },
          },
        },
        400,
        'payload.pattern.weekdays',
      ],
      [
        { type: 'step1-contact', payload: { ...events.step1Contact().payload, guardiansContacted: false } },
        400,
        'payload.guardiansContacted',
      ],
      [
        {
          type: 'measure-planned',
          payload: { ...events.measure(DEMO_STAFF.bakkeliTeacher9A.id, 'x').payload, measureId: 'mine' },
        },
        400,
        'payload.measureId',
      ],
      [
        {
          type: 'measure-planned',
          payload: {
            ...events.measure(DEMO_STAFF.bakkeliTeacher9A.id, 'x').payload,
            evaluateBy: '2026-02-30',
          },
        },
        400,
        'payload.evaluateBy',
      ],
      [{ type: 'note-added', payload: { text: 'x'.repeat(2001) } }, 400, 'payload.text'],
      [{ type: 'closed-by-magic', payload: {} }, 400, 'type'],
      [{ type: 'note-added' }, 400, 'payload'],
      [{ ...events.note(), occurredAt: 'yesterday' }, 400, 'occurredAt'],
      [[events.note()], 400, '(body)'],
    ];
    for (const [body, status, field] of cases) {
      const res = await send(body);
      expect({ field, status: res.status }).toEqual({ field, status });
      expect((res.body.fieldErrors as { field: string }[] | undefined)?.map((f) => f.field)).toEqual(
        expect.arrayContaining([expect.stringContaining(field)]),
      );
    }

    const oversized = await send({ type: 'note-added', payload: { text: 'x'.repeat(70_000) } });
    expect(oversized.status).toBe(413);
    const missingKey = await send(events.note(), null);
    expect(missingKey.status).toBe(400);
    expect(missingKey.body.code).toBe('IDEMPOTENCY_KEY_MISSING');

    // Valid shape, but not what step 1 accepts: the workflow's validator says why, nothing is written.
    const notNow = await send(events.referral());
    expect(notNow.status).toBe(409);
    expect(notNow.body).toMatchObject({ code: 'EVENT_REJECTED', reason: 'EVENT_NOT_ALLOWED_AT_STEP' });
    const future = await send({
      ...events.note(),
      occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.status).toBe(422);
    expect(future.body.reason).toBe('OCCURRED_IN_FUTURE');
    const unknownOwner = await send({
      type: 'owner-reassigned',
      payload: { newOwnerStaffId: DEMO_STAFF.fjordvikTeacher5A.id },
    });
    expect(unknownOwner.status).toBe(422);
    expect(unknownOwner.body.fieldErrors[0].field).toBe('payload.newOwnerStaffId');

    expect(await eventCount(h, caseId)).toBe(before);
    const n = await countRows(
      h,
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE status = 'in-progress'`,
    );
    expect(n).toBe(0);
  });

  it('replays a rejection for the same key', async () => {
    const token = await h.token(DEMO_STAFF.bakkeliTeacher9A.id);
    const key = randomUUID();
    const first = await post(
      h,
      token,
      `/api/cases/${caseId}/events`,
      events.evaluation('close-resolved'),
      key,
    );
    const again = await post(
      h,
      token,
      `/api/cases/${caseId}/events`,
      events.evaluation('close-resolved'),
      key,
    );
    expect(first.status).toBe(409);
    expect(again.status).toBe(409);
    // The stored answer, replayed; only the request id is the replaying request's own.
    const { requestId: firstRequestId, ...firstAnswer } = first.body as Record<string, unknown>;
    const { requestId: againRequestId, ...againAnswer } = again.body as Record<string, unknown>;
    expect(againAnswer).toEqual(firstAnswer);
    expect(firstRequestId).toBe(first.headers['x-request-id']);
    expect(againRequestId).toBe(again.headers['x-request-id']);
    expect(againRequestId).not.toBe(firstRequestId);
  });

  it('answers 202 with a place to poll when the event is accepted but cannot be persisted yet, and loses nothing', async () => {
    const token = await h.token(DEMO_STAFF.bakkeliTeacher9A.id);
    const key = randomUUID();
    const before = await eventCount(h, caseId);
    h.worker.failPersist = true;
    let location: string;
    try {
      const accepted = await post(
        h,
        token,
        `/api/cases/${caseId}/events`,
        events.note('Skrevet mens databasen var nede.'),
        key,
      );
      expect(accepted.status).toBe(202);
      const absolute = accepted.headers['location'] as string;
      expect(accepted.body).toMatchObject({ status: 'accepted', location: absolute });
      expect(absolute.startsWith(h.config.api.publicBaseUrl)).toBe(true);
      location = new URL(absolute).pathname;
      const polled = await get(h, token, location);
      expect(polled.status).toBe(202);
      expect(await eventCount(h, caseId)).toBe(before);
    } finally {
      h.worker.failPersist = false;
    }
    const recorded = await waitFor(
      async () => {
        const res = await get(h, token, location);
        return res.status === 200 ? res : null;
      },
      30_000,
      'the accepted event to be persisted',
    );
    expect(recorded.body.event).toMatchObject({
      type: 'note-added',
      payload: { text: 'Skrevet mens databasen var nede.' },
    });
    // The client's retry with the same key gets the recorded event, not a second one.
    const retried = await post(
      h,
      token,
      `/api/cases/${caseId}/events`,
      events.note('Skrevet mens databasen var nede.'),
      key,
    );
    expect(retried.status).toBe(201);
    expect(retried.body.event.eventId).toBe(recorded.body.event.eventId);
    expect(await eventCount(h, caseId)).toBe(before + 1);
  });
});

describe('when Temporal is unreachable', () => {
  let down: ApiHarness;
  beforeAll(async () => {
    down = await startApiHarness({
      withoutWorker: true,
      env: { DATABASE_URL: h.config.databaseUrl, TEMPORAL_ADDRESS: '127.0.0.1:9' },
      workflowWaits: { acceptMs: 2_000, queryMs: 1_000 },
    });
  });
  afterAll(async () => down?.close());

  it('answers 503 with a reason, writes nothing, and still reads from the read model', async () => {
    const token = await down.token(DEMO_STAFF.fjordvikTeacher5A.id);
    const open = await post(down, token, '/api/cases', {
      studentId: DEMO_STUDENTS.noah.id,
      trigger: 'lesson-absence',
    });
    // Noah already has an open case (above): the read model answers before Temporal is asked.
    expect(open.status).toBe(409);

    const [openRow] = (await h.db.query(
      `SELECT case_id FROM cases WHERE student_id = $1 AND status <> 'closed'`,
      [DEMO_STUDENTS.noah.id],
    )) as { case_id: string }[];
    const caseId = openRow?.case_id ?? '';
    const before = await eventCount(h, caseId);
    const key = randomUUID();
    const res = await post(down, token, `/api/cases/${caseId}/events`, events.step1Contact(), key);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', reason: 'temporal-unavailable' });
    expect(res.headers['retry-after']).toBeDefined();
    expect(await eventCount(h, caseId)).toBe(before);
    expect((await h.db.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [key])).length).toBe(0);

    const read = await get(down, token, `/api/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body.source).toBe('read-model');

    const newCase = await post(down, await down.token(DEMO_STAFF.bakkeliTeacher9A.id), '/api/cases', {
      studentId: DEMO_STUDENTS.lukas.id,
      trigger: 'lesson-absence',
    });
    expect(newCase.status).toBe(503);
    expect(newCase.body.code).toBe('DEPENDENCY_UNAVAILABLE');
  });
});

describe('when PostgreSQL is unreachable', () => {
  it('answers 503 with a reason instead of failing or hanging', async () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:9/unreachable',
        TEMPORAL_ADDRESS: h.config.temporal.address,
        PAYLOAD_CODEC_KEYS: testCodecKeys(),
        AUTH_LOCAL_SIGNING_KEY: Buffer.from(h.config.auth.localSigningKey ?? []).toString('base64'),
      },
      { mail: false, auth: true },
    );
    const app = await createApp(config, { logger: false });
    await app.init();
    try {
      const res = await request(app.getHttpServer())
        .get('/api/cases')
        .set('Authorization', `Bearer ${teacherToken}`);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', reason: 'postgres-unavailable' });
      const ready = await request(app.getHttpServer()).get('/api/health/ready');
      expect(ready.status).toBe(503);
    } finally {
      await app.close();
    }
  });
});
