import { randomUUID } from 'node:crypto';
import type { CaseState, RecordedEvent } from '@tiltak/domain';
import type { DataSource } from 'typeorm';
import { DirectoryRepository } from '../directory/directory.repository';
import { aCaseOpenedEvent, aCaseState, aDeadline, aNoteEvent } from '../testing/case-fixtures';
import { migratedTestDatabase } from '../testing/test-database';
import { CaseEventStore } from './case-event.store';
import { CaseReadModel, listStatement } from './case.read-model';

// What the case list shows of each row (student, owner, escalated, last activity), the filters the
// web app needs, the leadership overview's figures, and how the list query performs with 1,000 cases.
describe('case list rows and the overview figures', () => {
  let dataSource: DataSource;
  let readModel: CaseReadModel;
  let store: CaseEventStore;
  let directory: DirectoryRepository;
  let schoolId: string;
  let otherSchoolId: string;
  let teacherId: string;
  let leaderId: string;

  beforeAll(async () => {
    ({ dataSource } = await migratedTestDatabase());
    readModel = new CaseReadModel(dataSource);
    store = new CaseEventStore(dataSource);
    directory = new DirectoryRepository(dataSource);
    schoolId = (await directory.upsertSchool({ name: 'Testskolen', municipality: 'Testkommune' })).id;
    otherSchoolId = (await directory.upsertSchool({ name: 'Andre skole', municipality: 'Testkommune' })).id;
    teacherId = (
      await directory.upsertStaff({
        displayName: 'Kari Testlærer',
        email: `kari-${randomUUID()}@example.no`,
        role: 'contact-teacher',
        schoolId,
      })
    ).id;
    leaderId = (
      await directory.upsertStaff({
        displayName: 'Leder Test',
        email: `leder-${randomUUID()}@example.no`,
        role: 'school-leadership',
        schoolId,
      })
    ).id;
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  async function student(school = schoolId, className = '9B'): Promise<string> {
    const created = await directory.createStudent({
      schoolId: school,
      className,
      contactTeacherId: teacherId,
      givenName: 'Ola',
      familyName: `Testelev ${className}`,
    });
    return created.id;
  }

  async function seed(overrides: Partial<CaseState>, more: RecordedEvent[] = []): Promise<CaseState> {
    const state = aCaseState({ schoolId, ownerStaffId: teacherId, ...overrides });
    await store.append({
      state,
      events: [aCaseOpenedEvent(state), ...more.map((e) => ({ ...e, caseId: state.caseId }))],
    });
    return state;
  }

  it('joins the student and the owner into each row; null where the directory has no such row', async () => {
    const known = await seed({ studentId: await student(schoolId, '10A') });
    const unknown = await seed({ ownerStaffId: randomUUID() });
    const { items } = await readModel.list({ caseIds: [known.caseId, unknown.caseId] }, { limit: 10 });
    const byId = new Map(items.map((item) => [item.caseId, item]));
    expect(byId.get(known.caseId)).toMatchObject({
      student: { givenName: 'Ola', familyName: 'Testelev 10A', className: '10A' },
      ownerName: 'Kari Testlærer',
      escalated: false,
      lastActivityAt: known.openedAt,
    });
    expect(byId.get(unknown.caseId)).toMatchObject({ student: null, ownerName: null });
  });

  it('moves the last activity with people’s events only, never back', async () => {
    const state = await seed({});
    const note = aNoteEvent(state, 30);
    await store.append({ state: { ...state, eventCount: 2, lastEventAt: note.occurredAt }, events: [note] });
    const reminderAt = new Date(Date.parse(state.openedAt) + 90 * 60_000).toISOString();
    const reminder: RecordedEvent = {
      type: 'reminder-due',
      eventId: `${state.caseId}:reminder-due:x`,
      occurredAt: reminderAt,
      payload: {
        deadlineId: 'x',
        kind: 'step1-contact',
        dueAt: reminderAt,
        notifyRoles: ['contact-teacher'],
      },
      caseId: state.caseId,
      step: 1,
      recordedAt: reminderAt,
    };
    await store.append({ state: { ...state, eventCount: 3, lastEventAt: reminderAt }, events: [reminder] });
    // A late retry of an older note does not move it back.
    await store.append({ state, events: [aNoteEvent(state, 10)] });
    const row = (await readModel.list({ caseIds: [state.caseId] }, { limit: 1 })).items[0];
    expect(row?.lastActivityAt).toBe(note.occurredAt);
    expect(row?.lastEventAt).toBe(reminderAt);
  });

  it('filters escalated cases, deadline windows and inactivity per school', async () => {
    const school = (await directory.upsertSchool({ name: 'Filterskolen', municipality: 'Testkommune' })).id;
    const at = (day: number) => `2026-12-${String(day).padStart(2, '0')}T14:00:00.000Z`;
    const escalated = await seed({
      schoolId: school,
      deadlines: [aDeadline({ dueAt: at(1), status: 'escalated' })],
    });
    const missed = await seed({
      schoolId: school,
      deadlines: [aDeadline({ dueAt: at(2), status: 'missed' })],
    });
    const pausedEscalated = await seed({
      schoolId: school,
      status: 'paused',
      pausedAt: at(3),
      deadlines: [aDeadline({ dueAt: at(3), status: 'escalated' })],
    });
    const later = await seed({
      schoolId: school,
      openedAt: '2026-12-01T08:00:00.000Z',
      lastEventAt: '2026-12-01T08:00:00.000Z',
      deadlines: [aDeadline({ dueAt: at(10) })],
    });
    const names = new Map([
      [escalated.caseId, 'escalated'],
      [missed.caseId, 'missed'],
      [pausedEscalated.caseId, 'pausedEscalated'],
      [later.caseId, 'later'],
    ]);
    const list = async (filter: Parameters<CaseReadModel['list']>[0]) =>
      (await readModel.list({ schoolIds: [school], ...filter }, { limit: 50 })).items.map((i) =>
        names.get(i.caseId),
      );
    expect(await list({ escalated: true })).toEqual(['escalated']);
    expect(await list({ escalated: false })).toEqual(['missed', 'pausedEscalated', 'later']);
    expect(await list({ overdue: true })).toEqual(['escalated', 'missed']);
    expect(
      await list({ deadlineFrom: new Date(at(2)), deadlineBefore: new Date('2026-12-10T00:00:00.000Z') }),
    ).toEqual(['missed', 'pausedEscalated']);
    // Open cases only; each school's own cutoff; a school without a cutoff matches nothing.
    const cutoff = new Date('2026-11-30T00:00:00.000Z');
    expect(await list({ inactiveBefore: [{ schoolId: school, before: cutoff }] })).toEqual([
      'escalated',
      'missed',
    ]);
    expect(await list({ inactiveBefore: [{ schoolId: otherSchoolId, before: cutoff }] })).toEqual([]);
    expect(await list({ inactiveBefore: [] })).toEqual([]);
  });

  it('summarizes a school by step, status and owner in one statement', async () => {
    const school = (await directory.upsertSchool({ name: 'Oversiktskolen', municipality: 'Testkommune' })).id;
    const due = (iso: string, status: 'open' | 'missed' | 'escalated' = 'open') => [
      aDeadline({ dueAt: iso, status }),
    ];
    await seed({ schoolId: school, step: 1, deadlines: due('2026-11-25T14:00:00.000Z') });
    await seed({ schoolId: school, step: 2, deadlines: due('2026-11-20T14:00:00.000Z', 'escalated') });
    await seed({
      schoolId: school,
      step: 2,
      ownerStaffId: leaderId,
      deadlines: due('2026-12-09T14:00:00.000Z'),
    });
    await seed({
      schoolId: school,
      step: 3,
      status: 'closed',
      closedAt: '2026-11-24T08:00:00.000Z',
      deadlines: [],
    });
    await seed({ schoolId: otherSchoolId, step: 1 });
    const groups = await readModel.summarize(school, {
      dueFrom: new Date('2026-11-23T00:00:00.000Z'),
      dueBefore: new Date('2026-11-30T00:00:00.000Z'),
      inactiveBefore: new Date('2026-11-24T00:00:00.000Z'),
    });
    expect(groups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          step: 1,
          status: 'open',
          ownerStaffId: teacherId,
          ownerName: 'Kari Testlærer',
          cases: 1,
          dueInWindow: 1,
          overdue: 0,
          inactive: 1,
        }),
        expect.objectContaining({
          step: 2,
          status: 'open',
          ownerStaffId: teacherId,
          cases: 1,
          overdue: 1,
          escalated: 1,
          dueInWindow: 0,
        }),
        expect.objectContaining({
          step: 2,
          status: 'open',
          ownerStaffId: leaderId,
          ownerName: 'Leder Test',
          cases: 1,
          dueInWindow: 0,
        }),
        expect.objectContaining({ step: 3, status: 'closed', cases: 1, inactive: 0 }),
      ]),
    );
    expect(groups.reduce((sum, g) => sum + g.cases, 0)).toBe(4);
  });

  it('answers a page of 1,000 cases quickly (measured, printed with its plan)', async () => {
    const school = (await directory.upsertSchool({ name: 'Storskolen', municipality: 'Testkommune' })).id;
    const students = await Promise.all(
      Array.from({ length: 50 }, (_, i) => student(school, `${8 + (i % 3)}${'ABC'[i % 3]}`)),
    );
    const states: CaseState[] = [];
    for (let i = 0; i < 1000; i++) {
      const dueAt = new Date(Date.parse('2026-11-23T14:00:00.000Z') + (i % 97) * 3_600_000).toISOString();
      states.push(
        aCaseState({
          schoolId: school,
          studentId: i < 50 ? students[i]! : randomUUID(),
          ownerStaffId: i % 2 ? teacherId : leaderId,
          step: ((i % 4) + 1) as 1 | 2 | 3 | 4,
          status: i % 10 === 0 ? 'closed' : 'open',
          deadlines: i % 10 === 0 ? [] : [aDeadline({ dueAt, status: i % 7 === 0 ? 'escalated' : 'open' })],
        }),
      );
    }
    for (let i = 0; i < states.length; i += 50)
      await Promise.all(
        states.slice(i, i + 50).map((s) => store.append({ state: s, events: [aCaseOpenedEvent(s)] })),
      );
    await dataSource.query('ANALYZE cases');

    const timings: number[] = [];
    for (let run = 0; run < 20; run++) {
      const started = process.hrtime.bigint();
      const page = await readModel.list({ schoolIds: [school] }, { limit: 50 });
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      expect(page.total).toBe(1000);
      expect(page.items).toHaveLength(50);
    }
    const escalatedPage = await readModel.list({ schoolIds: [school], escalated: true }, { limit: 200 });
    expect(escalatedPage.items.every((i) => i.escalated && i.status === 'open')).toBe(true);
    const sorted = [...timings].sort((a, b) => a - b);
    const summaryStarted = process.hrtime.bigint();
    await readModel.summarize(school, {
      dueFrom: new Date('2026-11-23T00:00:00.000Z'),
      dueBefore: new Date('2026-11-30T00:00:00.000Z'),
      inactiveBefore: new Date('2026-11-24T00:00:00.000Z'),
    });
    const summaryMs = Number(process.hrtime.bigint() - summaryStarted) / 1e6;
    const statement = listStatement({ schoolIds: [school] }, { limit: 50 });
    const plan = (await dataSource.query(
      `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
      statement.params,
    )) as { 'QUERY PLAN': string }[];
    // A measurement for the report, not an assertion on time.
    process.stdout.write(
      `\ncase list, 1,000 cases, first page of 50 (20 runs): median ${sorted[10]!.toFixed(1)} ms, ` +
        `min ${sorted[0]!.toFixed(1)} ms, max ${sorted[19]!.toFixed(1)} ms; overview summary ${summaryMs.toFixed(1)} ms\n` +
        plan.map((line) => line['QUERY PLAN']).join('\n') +
        '\n',
    );
  }, 120_000);
});
