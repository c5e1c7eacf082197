// Need to know by assignment, over HTTP: a partner service sees a case once a referral or an escalation
// named it, and then only at a school it serves; the timeline shows each assignment and what caused it.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DEMO_SCHOOLS, DEMO_STAFF, DEMO_STUDENTS } from '../../../apps/api/src/demo/demo-data';
import { startApiHarness, type ApiHarness } from './api-harness';
import { advanceTo, get, openCase, post, waitFor } from './case-scenarios';
import { shortTestPolicy } from '@tiltak/domain/testing';

interface TimelineEntry {
  eventId: string;
  type: string;
  step: number;
  actor: unknown;
  payload: Record<string, unknown>;
}

// The step-4 meeting falls due 25 s after the case enters step 4 (missed: PPT and the mobile team are
// told; 2 s later it escalates to them); everything else runs for ten minutes.
const STEP4_MEETING_SECONDS = 25;

let h: ApiHarness;
const tokens = {} as Record<keyof typeof DEMO_STAFF, string>;

beforeAll(async () => {
  h = await startApiHarness({
    policy: shortTestPolicy(600, {
      dueSeconds: { 'step4-meeting': STEP4_MEETING_SECONDS },
      remindBeforeSeconds: 1,
      escalateAfterSeconds: 2,
    }),
  });
  for (const actor of Object.keys(DEMO_STAFF) as (keyof typeof DEMO_STAFF)[])
    tokens[actor] = await h.token(DEMO_STAFF[actor].id);
});
afterAll(async () => h?.close());

async function timeline(token: string, caseId: string): Promise<TimelineEntry[]> {
  const res = await get(h, token, `/api/cases/${caseId}/timeline?limit=1000`);
  if (res.status !== 200) throw new Error(`timeline answered ${res.status}`);
  return res.body.entries as TimelineEntry[];
}

const assignedIn = (entries: TimelineEntry[]) => entries.filter((e) => e.type === 'partner-assigned');

async function listed(token: string, caseId: string): Promise<boolean> {
  const res = await get(h, token, '/api/cases?limit=200');
  return (res.body.items as { caseId: string }[]).some((c) => c.caseId === caseId);
}

describe('partner access by assignment', () => {
  it('brings a partner into a step-4 case by referral, at once and on the timeline', async () => {
    const owner = DEMO_STAFF.fjordvikTeacher5A;
    const ownerToken = tokens.fjordvikTeacher5A;
    const caseId = await openCase(h, ownerToken, DEMO_STUDENTS.noah.id);
    await advanceTo(h, ownerToken, owner.id, caseId, 4);

    // The step-3 referral assigned the competence team with its PPT and health members.
    const trail = await timeline(ownerToken, caseId);
    const referral = trail.find((e) => e.type === 'referral-sent');
    expect(assignedIn(trail).map((e) => e.payload)).toEqual(
      ['competence-team', 'ppt', 'health-nurse'].map((service) => ({
        service,
        reason: 'referral',
        sourceEventId: referral?.eventId,
      })),
    );
    expect(assignedIn(trail).every((e) => e.actor === null && e.step === 3)).toBe(true);
    expect((await get(h, tokens.mobileTeam, `/api/cases/${caseId}`)).status).toBe(404);
    expect(await listed(tokens.mobileTeam, caseId)).toBe(false);

    const toTeam = await post(
      h,
      ownerToken,
      `/api/cases/${caseId}/events`,
      { type: 'referral-sent', payload: { to: 'competence-team' } },
      randomUUID(),
    );
    expect(toTeam.status).toBe(409);
    expect(toTeam.body.reason).toBe('EVENT_NOT_ALLOWED_AT_STEP');

    const toMobileTeam = await post(
      h,
      ownerToken,
      `/api/cases/${caseId}/events`,
      { type: 'referral-sent', payload: { to: 'mobile-team' } },
      randomUUID(),
    );
    expect(toMobileTeam.status).toBe(201);
    expect((toMobileTeam.body.case.assignments as { service: string }[]).map((a) => a.service)).toEqual([
      'competence-team',
      'ppt',
      'health-nurse',
      'mobile-team',
    ]);
    expect((await get(h, tokens.mobileTeam, `/api/cases/${caseId}`)).status).toBe(200);
    expect(await listed(tokens.mobileTeam, caseId)).toBe(true);
    const mobile = assignedIn(await timeline(tokens.mobileTeam, caseId)).find(
      (e) => e.payload['service'] === 'mobile-team',
    );
    expect(mobile).toMatchObject({
      step: 4,
      actor: null,
      payload: { reason: 'referral', sourceEventId: toMobileTeam.body.event.eventId },
    });
  });

  it('keeps another school’s PPT advisor out of an escalated case; the assigned one and the mobile team see it', async () => {
    const owner = DEMO_STAFF.bakkeliTeacher9B;
    const ownerToken = tokens.bakkeliTeacher9B;
    const caseId = await openCase(h, ownerToken, DEMO_STUDENTS.sara.id);
    await advanceTo(h, ownerToken, owner.id, caseId, 4);
    expect((await get(h, tokens.mobileTeam, `/api/cases/${caseId}`)).status).toBe(404);

    // Nobody holds the step-4 meeting: the miss and the escalation name PPT and the mobile team.
    const escalated = await waitFor(
      async () => {
        const trail = await timeline(tokens.bakkeliLeader, caseId);
        return trail.some((e) => e.type === 'escalated') ? trail : null;
      },
      (STEP4_MEETING_SECONDS + 60) * 1000,
      'the step-4 meeting to escalate',
    );
    const missed = escalated.find(
      (e) => e.type === 'deadline-missed' && e.payload['kind'] === 'step4-meeting',
    );
    expect(missed?.payload['notifyRoles']).toEqual(['ppt', 'mobile-team']);
    // PPT was in since the referral; the miss is what brought the mobile team in. One assignment each.
    expect(assignedIn(escalated).map((e) => [e.payload['service'], e.payload['reason']])).toEqual([
      ['competence-team', 'referral'],
      ['ppt', 'referral'],
      ['health-nurse', 'referral'],
      ['mobile-team', 'escalation'],
    ]);
    expect(assignedIn(escalated)[3]).toMatchObject({
      eventId: `${caseId}:partner-assigned:mobile-team`,
      step: 4,
      payload: { sourceEventId: missed?.eventId },
    });

    const answers = async (token: string) => [
      (await get(h, token, `/api/cases/${caseId}`)).status,
      (await get(h, token, `/api/cases/${caseId}/timeline`)).status,
      (await get(h, token, `/api/cases/${caseId}/activity-plan`)).status,
      await listed(token, caseId),
    ];
    expect(await answers(tokens.mobileTeam)).toEqual([200, 200, 200, true]);
    expect(await answers(tokens.bakkeliPpt)).toEqual([200, 200, 200, true]);
    // Fjordvik's PPT advisor is PPT too, and PPT is assigned, but it does not serve Bakkeli.
    expect(await answers(tokens.ppt)).toEqual([404, 404, 404, false]);
    const denied = (await h.db.query(
      `SELECT action, reason FROM access_log WHERE staff_id = $1 AND resource_id = $2 AND outcome = 'denied'`,
      [DEMO_STAFF.ppt.id, caseId],
    )) as { action: string; reason: string }[];
    expect(denied).toEqual([
      { action: 'case.read', reason: "ppt does not serve the case's school" },
      { action: 'case.timeline', reason: "ppt does not serve the case's school" },
      { action: 'case.activity-plan', reason: "ppt does not serve the case's school" },
    ]);
  });

  it('lets a directory admin say which schools a municipality-wide partner serves', async () => {
    const admin = await h.token(DEMO_STAFF.fjordvikLeader.id, ['directory:admin']);
    const created = await post(h, admin, '/api/staff', {
      displayName: 'Ny PPT-rådgiver',
      email: 'ny.ppt@example.no',
      role: 'ppt',
      schoolId: null,
      servesSchoolIds: [DEMO_SCHOOLS.bakkeli.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      role: 'ppt',
      schoolId: null,
      servesSchoolIds: [DEMO_SCHOOLS.bakkeli.id],
    });
    const newcomer = await h.token(created.body.id as string);
    const listedIds = (
      (await get(h, newcomer, '/api/cases?limit=200')).body.items as { schoolId: string }[]
    ).map((c) => c.schoolId);
    // The escalated Bakkeli case from the test before, none of Fjordvik's.
    expect(listedIds).toEqual([DEMO_SCHOOLS.bakkeli.id]);

    const put = (token: string, staffId: string, schoolIds: unknown) =>
      request(h.http)
        .put(`/api/staff/${staffId}/served-schools`)
        .set('Authorization', `Bearer ${token}`)
        .send({ schoolIds });
    const moved = await put(admin, created.body.id as string, [DEMO_SCHOOLS.fjordvik.id]);
    expect(moved.status).toBe(200);
    expect(moved.body.servesSchoolIds).toEqual([DEMO_SCHOOLS.fjordvik.id]);
    // The API forgets the caller it kept for the partner: the next request already sees Fjordvik's cases only.
    const nowListed = (
      (await get(h, newcomer, '/api/cases?limit=200')).body.items as { schoolId: string }[]
    ).map((c) => c.schoolId);
    expect(nowListed).toEqual([DEMO_SCHOOLS.fjordvik.id]);
    expect((await put(tokens.fjordvikLeader, created.body.id as string, [])).status).toBe(403);
    expect((await put(admin, randomUUID(), [])).status).toBe(404);
    const teacher = await put(admin, DEMO_STAFF.fjordvikTeacher5A.id, [DEMO_SCHOOLS.bakkeli.id]);
    expect(teacher.status).toBe(422);
    expect(teacher.body.reason).toBe('SERVES_SCHOOLS_NOT_APPLICABLE');
    expect((await put(admin, created.body.id as string, 'all')).status).toBe(400);

    const schoolScoped = await post(h, admin, '/api/staff', {
      displayName: 'Lærer Feil',
      email: 'feil@example.no',
      role: 'contact-teacher',
      schoolId: DEMO_SCHOOLS.fjordvik.id,
      servesSchoolIds: [DEMO_SCHOOLS.bakkeli.id],
    });
    expect(schoolScoped.status).toBe(422);
    expect(schoolScoped.body.reason).toBe('SERVES_SCHOOLS_NOT_APPLICABLE');
    const unknown = await post(h, admin, '/api/staff', {
      displayName: 'PPT Ukjent',
      email: 'ukjent.ppt@example.no',
      role: 'ppt',
      schoolId: null,
      servesSchoolIds: [randomUUID()],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.reason).toBe('UNKNOWN_SCHOOL');
    const notUuid = await post(h, admin, '/api/staff', {
      displayName: 'PPT Rar',
      email: 'rar.ppt@example.no',
      role: 'ppt',
      schoolId: null,
      servesSchoolIds: ['bakkeli'],
    });
    expect(notUuid.status).toBe(400);
  });
});
