// What the web app's pages read, over HTTP: the case list's rows in one request (student, owner,
// escalated, last activity) and its filters, the case page's allowed actions and Norwegian checklist,
// the leadership overview whose every figure lists its cases, and a Norwegian 400 for every bad query.
import { randomUUID } from 'node:crypto';
import { shortTestPolicy } from '@tiltak/domain/testing';
import { DirectoryRepository } from '@tiltak/persistence';
import { DEMO_SCHOOLS, DEMO_STAFF, DEMO_STUDENTS } from '../../../apps/api/src/demo/demo-data';
import { startApiHarness, type ApiHarness } from './api-harness';
import { countRows, events, get, openCase, record, waitFor } from './case-scenarios';

interface Row {
  caseId: string;
  student: { name: string; className: string } | null;
  owner: { staffId: string; name: string | null };
  step: number;
  status: string;
  nextDeadline: { kind: string; dueAt: string } | null;
  overdue: boolean;
  escalated: boolean;
  lastActivityAt: string;
  lastEventAt: string;
}
interface Figure {
  count: number;
  query: string;
}

// The step-2 meeting falls due 6 s after step 2 begins and escalates 2 s later; the rest runs ten minutes.
const STEP2_MEETING_SECONDS = 6;

let h: ApiHarness;
const tokens = {} as Record<keyof typeof DEMO_STAFF, string>;
let adminToken: string;
const F = DEMO_SCHOOLS.fjordvik.id;

beforeAll(async () => {
  h = await startApiHarness({
    policy: shortTestPolicy(600, {
      dueSeconds: { 'step2-meeting': STEP2_MEETING_SECONDS },
      remindBeforeSeconds: 1,
      escalateAfterSeconds: 2,
    }),
  });
  for (const actor of Object.keys(DEMO_STAFF) as (keyof typeof DEMO_STAFF)[])
    tokens[actor] = await h.token(DEMO_STAFF[actor].id);
  adminToken = await h.token(DEMO_STAFF.bakkeliTeacher9A.id, ['directory:admin']);
});
afterAll(async () => h?.close());

async function rows(token: string, query = ''): Promise<Row[]> {
  const res = await get(h, token, `/api/cases?limit=200${query ? `&${query}` : ''}`);
  if (res.status !== 200) throw new Error(`list answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.items as Row[];
}
const ids = (list: Row[]) => list.map((row) => row.caseId).sort();

describe('the pages’ reads', () => {
  let miaCase: string; // stays at step 1
  let noahCase: string; // moves to step 2 and escalates

  it('lists a teacher’s own cases with what a row shows, in one request', async () => {
    miaCase = await openCase(h, tokens.fjordvikTeacher5A, DEMO_STUDENTS.mia.id);
    const [row] = await rows(tokens.fjordvikTeacher5A, 'mine=true');
    expect(row).toMatchObject({
      caseId: miaCase,
      student: { name: 'Mia Johansen', className: '5A' },
      owner: { staffId: DEMO_STAFF.fjordvikTeacher5A.id, name: DEMO_STAFF.fjordvikTeacher5A.displayName },
      step: 1,
      status: 'open',
      nextDeadline: { kind: 'step1-contact' },
      overdue: false,
      escalated: false,
    });
    expect(Date.parse(row!.lastActivityAt)).toBeGreaterThan(Date.now() - 60_000);
    // The leader owns none of them: "mine" is empty for the leader, the school's list is not.
    expect(await rows(tokens.fjordvikLeader, 'mine=true')).toEqual([]);
    expect(ids(await rows(tokens.fjordvikLeader))).toEqual([miaCase]);
  });

  it('gives the case page the actions the caller may take now and a Norwegian checklist', async () => {
    const owner = await get(h, tokens.fjordvikTeacher5A, `/api/cases/${miaCase}`);
    expect(owner.status).toBe(200);
    // No absence import has named the student: the case has no figures to show yet.
    expect(owner.body.absence).toBeNull();
    expect(owner.body.allowedActions).toEqual([
      'step1-contact',
      'note-added',
      'owner-reassigned',
      'case-paused',
      'case-closed',
    ]);
    expect(owner.body.checklist).toEqual([
      {
        code: 'step1-contact',
        text: 'Snakk med eleven og ta kontakt med foresatte samme dag, og registrer samtalen.',
      },
    ]);

    noahCase = await openCase(h, tokens.fjordvikTeacher5A, DEMO_STUDENTS.noah.id);
    await record(h, tokens.fjordvikTeacher5A, noahCase, events.step1Contact());
    const atStep2 = await get(h, tokens.fjordvikTeacher5A, `/api/cases/${noahCase}`);
    expect(atStep2.body.step).toBe(2);
    expect(atStep2.body.checklist.map((item: { code: string }) => item.code)).toEqual([
      'step2-meeting',
      'step2-measure',
    ]);
    expect(atStep2.body.outstanding).toEqual([
      'Hold møte med eleven og foresatte innen én uke.',
      'Avtal minst ett tiltak i samarbeidsavtalen.',
    ]);
    // The evaluation waits for the checklist, so it is not offered yet.
    expect(atStep2.body.allowedActions).not.toContain('evaluation-recorded');
    expect(atStep2.body.allowedActions).toContain('meeting-held');
  });

  it('marks a case escalated once its missed deadline escalates, and filters by it', async () => {
    const escalated = await waitFor(
      async () => (await rows(tokens.fjordvikLeader, 'escalated=true')).find((r) => r.caseId === noahCase),
      30_000,
      'the step-2 meeting to escalate',
    );
    expect(escalated).toMatchObject({ overdue: true, escalated: true, step: 2 });
    // Reminders and escalations are events, not activity.
    expect(Date.parse(escalated.lastEventAt)).toBeGreaterThan(Date.parse(escalated.lastActivityAt));
    expect(ids(await rows(tokens.fjordvikLeader, 'escalated=false'))).toEqual([miaCase]);
    expect(ids(await rows(tokens.fjordvikLeader, 'overdue=true&mine=false'))).toEqual([noahCase]);
  });

  it('lists by next deadline windows and by school days without activity', async () => {
    const farFuture = '2099-01-01T00:00:00.000Z';
    expect(ids(await rows(tokens.fjordvikLeader, `dueBefore=${farFuture}`))).toEqual(
      ids([{ caseId: miaCase } as Row, { caseId: noahCase } as Row]),
    );
    expect(await rows(tokens.fjordvikLeader, `dueAfter=${farFuture}`)).toEqual([]);
    expect(await rows(tokens.fjordvikLeader, 'inactiveSchoolDays=10')).toEqual([]);
    // As if nobody had touched Mia's case for a month (the read model's column, as the app role may).
    await h.db.query(`UPDATE cases SET last_activity_at = now() - interval '31 days' WHERE case_id = $1`, [
      miaCase,
    ]);
    expect(ids(await rows(tokens.fjordvikLeader, 'inactiveSchoolDays=10'))).toEqual([miaCase]);
    expect(ids(await rows(tokens.fjordvikTeacher5A, 'inactiveSchoolDays=10&mine=true'))).toEqual([miaCase]);
    // Another school's leader never sees it, whatever the filter.
    expect(await rows(tokens.bakkeliLeader, `inactiveSchoolDays=10&schoolId=${F}`)).toEqual([]);
  });

  it('gives leadership the overview, each figure listing exactly its cases', async () => {
    const res = await get(h, tokens.fjordvikLeader, `/api/schools/${F}/overview`);
    expect(res.status).toBe(200);
    const overview = res.body as Record<string, unknown> & {
      byStep: (Figure & { step: number })[];
      byStatus: (Figure & { status: string })[];
      perContactTeacher: { staffId: string; name: string; open: Figure; overdue: Figure; inactive: Figure }[];
    };
    expect(overview).toMatchObject({ schoolId: F, inactiveSchoolDays: 10 });
    expect(overview.byStep.map((f) => [f.step, f.count])).toEqual([
      [1, 1],
      [2, 1],
      [3, 0],
      [4, 0],
    ]);
    const figures: Figure[] = [
      ...overview.byStep,
      ...overview.byStatus,
      overview['overdue'] as Figure,
      overview['escalated'] as Figure,
      overview['dueThisWeek'] as Figure,
      overview['inactive'] as Figure,
      ...overview.perContactTeacher.flatMap((t) => [t.open, t.overdue, t.inactive]),
    ];
    expect((overview['escalated'] as Figure).count).toBe(1);
    expect((overview['inactive'] as Figure).count).toBe(1);
    expect(overview.perContactTeacher).toEqual([
      expect.objectContaining({
        staffId: DEMO_STAFF.fjordvikTeacher5A.id,
        name: DEMO_STAFF.fjordvikTeacher5A.displayName,
        open: expect.objectContaining({ count: 2 }),
      }),
    ]);
    for (const figure of figures) {
      const listed = await get(h, tokens.fjordvikLeader, `${figure.query}&limit=200`);
      expect({ query: figure.query, status: listed.status, total: listed.body.total }).toEqual({
        query: figure.query,
        status: 200,
        total: figure.count,
      });
    }
    // N is the caller's: one school day back, Mia's month-old case still counts; 200 days back it does not.
    const longer = await get(h, tokens.fjordvikLeader, `/api/schools/${F}/overview?inactiveSchoolDays=200`);
    expect(longer.body.inactive.count).toBe(0);
  });

  it('gives the overview to directory admins, 403 to the school’s other staff, 404 elsewhere', async () => {
    expect((await get(h, adminToken, `/api/schools/${F}/overview`)).status).toBe(200);
    const before = await countRows(
      h,
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'school.overview' AND outcome = 'denied'`,
    );
    for (const name of ['fjordvikTeacher5A', 'fjordvikSocialTeacher', 'fjordvikCompetenceTeam'] as const) {
      const res = await get(h, tokens[name], `/api/schools/${F}/overview`);
      expect({ name, status: res.status, code: res.body.code }).toEqual({
        name,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    for (const name of ['bakkeliLeader', 'bakkeliTeacher9A'] as const) {
      const res = await get(h, tokens[name], `/api/schools/${F}/overview`);
      expect({ name, status: res.status, message: res.body.message }).toEqual({
        name,
        status: 404,
        message: 'Fant ikke skolen.',
      });
    }
    expect((await get(h, tokens.fjordvikLeader, `/api/schools/${randomUUID()}/overview`)).status).toBe(404);
    expect(
      await countRows(
        h,
        `SELECT count(*)::int AS n FROM access_log WHERE action = 'school.overview' AND outcome = 'denied'`,
      ),
    ).toBe(before + 6);
  });

  it.each([
    ['/api/cases?mine=yes', 'mine', 'må være true eller false'],
    ['/api/cases?escalated=1', 'escalated', 'må være true eller false'],
    ['/api/cases?dueBefore=i%20morgen', 'dueBefore', 'må være et tidspunkt med tidssone'],
    ['/api/cases?dueAfter=2026-13-01', 'dueAfter', 'må være et tidspunkt med tidssone'],
    ['/api/cases?inactiveSchoolDays=0', 'inactiveSchoolDays', 'kan ikke være mindre enn 1'],
    ['/api/cases?inactiveSchoolDays=201', 'inactiveSchoolDays', 'kan ikke være større enn 200'],
    ['/api/cases?inactiveSchoolDays=ti', 'inactiveSchoolDays', 'må være et heltall'],
    ['/api/cases?inactiveSchoolDays=1.5', 'inactiveSchoolDays', 'må være et heltall'],
    ['/api/cases?limit=201', 'limit', 'kan ikke være større enn 200'],
    ['/api/cases?cursor=bm90LWEtY3Vyc29y', 'cursor', 'er ikke en markør denne listen har gitt ut'],
    ['/api/cases?mine=true&mine=false', 'mine', 'må være true eller false'],
    ['/api/cases?sort=name', 'sort', 'feltet er ikke tillatt'],
    [`/api/schools/${F}/overview?inactiveSchoolDays=-3`, 'inactiveSchoolDays', 'kan ikke være mindre enn 1'],
    [`/api/schools/${F}/overview?inactiveSchoolDays=abc`, 'inactiveSchoolDays', 'må være et heltall'],
    [`/api/schools/${F}/overview?week=next`, 'week', 'feltet er ikke tillatt'],
  ])('answers %s with a Norwegian 400 naming %s', async (path, field, message) => {
    const res = await get(h, tokens.fjordvikLeader, path);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.fieldErrors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, message: expect.stringContaining(message) })]),
    );
  });

  it('answers a school id that is not a UUID with 400', async () => {
    const res = await get(h, tokens.fjordvikLeader, '/api/schools/not-a-uuid/overview');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BAD_REQUEST');
  });
});

describe('the administration pages’ reads', () => {
  it('lists a school’s students with the concern profile, its threshold and the contact teacher', async () => {
    const res = await get(h, tokens.fjordvikLeader, `/api/students?schoolId=${F}`);
    expect(res.status).toBe(200);
    const ella = (res.body as { id: string }[]).find((s) => s.id === DEMO_STUDENTS.ella.id);
    expect(ella).toMatchObject({
      className: '5B',
      contactTeacherId: DEMO_STAFF.fjordvikTeacher5B.id,
      concernProfile: { lowerThresholdPercent: 5, reason: 'family-situation', reviewOn: '2027-01-15' },
      concernThresholdPercent: 5,
    });
    expect((await get(h, tokens.bakkeliLeader, `/api/students?schoolId=${F}`)).status).toBe(404);
  });

  it('lists staff with roles and, for the administration, the deactivated ones too', async () => {
    const gone = await new DirectoryRepository(h.db).upsertStaff({
      displayName: 'Sluttet Lærer',
      email: `sluttet-${randomUUID()}@example.no`,
      role: 'contact-teacher',
      schoolId: F,
      active: false,
    });
    const listed = async (token: string, query: string) => {
      const res = await get(h, token, `/api/staff?${query}`);
      return {
        status: res.status,
        ids: res.status === 200 ? (res.body as { id: string }[]).map((s) => s.id) : [],
      };
    };
    const active = await listed(tokens.fjordvikLeader, `schoolId=${F}`);
    expect(active.ids).toContain(DEMO_STAFF.fjordvikTeacher5A.id);
    expect(active.ids).not.toContain(gone.id);
    const all = await get(h, tokens.fjordvikLeader, `/api/staff?schoolId=${F}&includeInactive=true`);
    expect(all.status).toBe(200);
    expect(all.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: gone.id, role: 'contact-teacher', active: false }),
      ]),
    );
    expect((await listed(tokens.fjordvikLeader, 'includeInactive=true')).ids).toContain(gone.id);
    expect((await listed(adminToken, `schoolId=${F}&includeInactive=true`)).ids).toContain(gone.id);
    expect((await listed(tokens.fjordvikTeacher5A, `schoolId=${F}&includeInactive=true`)).status).toBe(403);
    expect((await listed(tokens.bakkeliLeader, `schoolId=${F}&includeInactive=true`)).status).toBe(404);
    const bad = await get(h, tokens.fjordvikLeader, '/api/staff?includeInactive=ja');
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual([{ field: 'includeInactive', message: 'må være true eller false' }]);
  });

  it('lists a school’s calendars by school year with their closed periods', async () => {
    const res = await get(h, tokens.fjordvikLeader, `/api/schools/${F}/calendars`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        schoolId: F,
        schoolYear: '2026-2027',
        closedPeriods: expect.arrayContaining([
          { from: '2026-12-19', to: '2027-01-03', kind: 'break', name: 'Juleferie' },
        ]),
      }),
    ]);
    expect((await get(h, tokens.ppt, `/api/schools/${F}/calendars`)).status).toBe(200);
    expect((await get(h, tokens.bakkeliTeacher9A, `/api/schools/${F}/calendars`)).status).toBe(404);
    expect((await get(h, tokens.fjordvikLeader, `/api/schools/${randomUUID()}/calendars`)).status).toBe(404);
  });
});
