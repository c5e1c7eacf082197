import { randomUUID } from 'node:crypto';
import type { CaseState, Deadline, DeadlineStatus, Step } from '@tiltak/domain';
import type { DataSource } from 'typeorm';
import { InvalidPageError } from '../errors';
import { aCaseOpenedEvent, aCaseState, aDeadline } from '../testing/case-fixtures';
import { migratedTestDatabase } from '../testing/test-database';
import { CaseEventStore } from './case-event.store';
import { CaseEntity } from './case.entity';
import { caseDetailFromEntity } from './case.mapper';
import { CaseReadModel, type CaseListFilter } from './case.read-model';

const SCHOOL_A = randomUUID();
const SCHOOL_B = randomUUID();
const TEACHER_1 = randomUUID();
const TEACHER_2 = randomUUID();

function due(day: number, status: DeadlineStatus = 'open'): Deadline {
  const dueAt = `2026-12-${String(day).padStart(2, '0')}T14:00:00.000Z`;
  return aDeadline({ id: `d#${day}`, dueAt, status });
}

interface Seed {
  name: string;
  school: string;
  owner: string;
  step: Step;
  status: CaseState['status'];
  openedDay: number;
  deadlines: Deadline[];
}

// Eleven cases across two schools, two owners, all steps and statuses.
const SEEDS: Seed[] = [
  {
    name: 'a1',
    school: SCHOOL_A,
    owner: TEACHER_1,
    step: 1,
    status: 'open',
    openedDay: 1,
    deadlines: [due(3)],
  },
  {
    name: 'a2',
    school: SCHOOL_A,
    owner: TEACHER_1,
    step: 2,
    status: 'open',
    openedDay: 2,
    deadlines: [due(10), due(5)],
  },
  {
    name: 'a3',
    school: SCHOOL_A,
    owner: TEACHER_2,
    step: 3,
    status: 'open',
    openedDay: 3,
    deadlines: [due(4, 'missed')],
  },
  {
    name: 'a4',
    school: SCHOOL_A,
    owner: TEACHER_2,
    step: 4,
    status: 'open',
    openedDay: 4,
    deadlines: [due(20, 'escalated')],
  },
  {
    name: 'a5',
    school: SCHOOL_A,
    owner: TEACHER_1,
    step: 2,
    status: 'paused',
    openedDay: 5,
    deadlines: [due(4, 'missed')],
  },
  { name: 'a6', school: SCHOOL_A, owner: TEACHER_1, step: 2, status: 'closed', openedDay: 6, deadlines: [] },
  {
    name: 'a7',
    school: SCHOOL_A,
    owner: TEACHER_2,
    step: 3,
    status: 'open',
    openedDay: 7,
    deadlines: [due(5)],
  },
  { name: 'a8', school: SCHOOL_A, owner: TEACHER_2, step: 4, status: 'open', openedDay: 8, deadlines: [] },
  {
    name: 'b1',
    school: SCHOOL_B,
    owner: TEACHER_1,
    step: 1,
    status: 'open',
    openedDay: 1,
    deadlines: [due(2)],
  },
  { name: 'b2', school: SCHOOL_B, owner: TEACHER_2, step: 1, status: 'closed', openedDay: 2, deadlines: [] },
  {
    name: 'b3',
    school: SCHOOL_B,
    owner: TEACHER_2,
    step: 2,
    status: 'open',
    openedDay: 3,
    deadlines: [due(5)],
  },
];

describe('CaseReadModel', () => {
  let dataSource: DataSource;
  let readModel: CaseReadModel;
  const caseIds = new Map<string, string>();
  const nameOf = new Map<string, string>();
  const names = (items: { caseId: string }[]) => items.map((i) => nameOf.get(i.caseId));
  const idOf = (name: string): string => {
    const id = caseIds.get(name);
    if (!id) throw new Error(`no seeded case ${name}`);
    return id;
  };
  const getCase = async (name: string) => {
    const found = await readModel.get(idOf(name));
    if (!found) throw new Error(`case ${name} is not in the read model`);
    return found;
  };

  beforeAll(async () => {
    ({ dataSource } = await migratedTestDatabase());
    readModel = new CaseReadModel(dataSource);
    const store = new CaseEventStore(dataSource);
    for (const seed of SEEDS) {
      const state = aCaseState({
        schoolId: seed.school,
        ownerStaffId: seed.owner,
        step: seed.step,
        status: seed.status,
        openedAt: `2026-11-${String(seed.openedDay).padStart(2, '0')}T08:00:00.000Z`,
        closedAt: seed.status === 'closed' ? '2026-11-20T08:00:00.000Z' : null,
        closeReason: seed.status === 'closed' ? 'resolved' : null,
        pausedAt: seed.status === 'paused' ? '2026-11-19T08:00:00.000Z' : null,
        deadlines: seed.deadlines,
      });
      caseIds.set(seed.name, state.caseId);
      nameOf.set(state.caseId, seed.name);
      await store.append({ state, events: [aCaseOpenedEvent(state)] });
    }
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  async function listNames(filter: CaseListFilter): Promise<(string | undefined)[]> {
    return names((await readModel.list(filter, { limit: 200 })).items);
  }

  it('reads one case, every column, as the entity mapping reads it (get runs raw SQL on the pool)', async () => {
    for (const name of ['a1', 'a3', 'b2', 'a8']) {
      const entity = await dataSource
        .getRepository(CaseEntity)
        .createQueryBuilder('c')
        .addSelect('c.state')
        .where('c.caseId = :caseId', { caseId: idOf(name) })
        .getOneOrFail();
      expect(await getCase(name)).toEqual(caseDetailFromEntity(entity));
    }
    expect(await readModel.get(randomUUID())).toBeNull();
  });

  it('orders by next deadline (none last), then by when the case was opened', async () => {
    expect(await listNames({})).toEqual(['b1', 'a1', 'a3', 'a5', 'a2', 'b3', 'a7', 'a4', 'b2', 'a6', 'a8']);
  });

  it.each<[string, () => CaseListFilter, string[]]>([
    ['school', () => ({ schoolIds: [SCHOOL_B] }), ['b1', 'b3', 'b2']],
    ['several schools', () => ({ schoolIds: [SCHOOL_A, SCHOOL_B], step: 1 }), ['b1', 'a1', 'b2']],
    ['owner', () => ({ ownerStaffId: TEACHER_1 }), ['b1', 'a1', 'a5', 'a2', 'a6']],
    ['step', () => ({ step: 4 }), ['a4', 'a8']],
    ['status', () => ({ status: 'open', schoolIds: [SCHOOL_A] }), ['a1', 'a3', 'a2', 'a7', 'a4', 'a8']],
    ['statuses', () => ({ status: ['paused', 'closed'] }), ['a5', 'b2', 'a6']],
    // The paused case a5 has a missed deadline, but its clock is stopped.
    ['overdue', () => ({ overdue: true }), ['a3', 'a4']],
    [
      'not overdue, open',
      () => ({ overdue: false, status: 'open', ownerStaffId: TEACHER_2 }),
      ['b3', 'a7', 'a8'],
    ],
    [
      'deadline before',
      () => ({ deadlineBefore: new Date('2026-12-05T00:00:00.000Z') }),
      ['b1', 'a1', 'a3', 'a5'],
    ],
    ['case ids', () => ({ caseIds: [idOf('a8'), idOf('b1')] }), ['b1', 'a8']],
    ['combined', () => ({ schoolIds: [SCHOOL_A], ownerStaffId: TEACHER_2, step: 3 }), ['a3', 'a7']],
  ])('filters by %s', async (_label, filter, expected) => {
    const result = await readModel.list(filter(), { limit: 50 });
    expect(names(result.items)).toEqual(expected);
    expect(result.total).toBe(expected.length);
  });

  it('lists nothing for an empty list of schools or cases, never everything', async () => {
    expect(await readModel.list({ schoolIds: [] }, { limit: 50 })).toEqual({
      items: [],
      total: 0,
      nextCursor: null,
    });
    expect(await readModel.list({ caseIds: [] }, { limit: 50 })).toEqual({
      items: [],
      total: 0,
      nextCursor: null,
    });
  });

  it('pages by offset with the total of the whole filter', async () => {
    const page2 = await readModel.list({ schoolIds: [SCHOOL_A] }, { limit: 3, offset: 3 });
    expect(names(page2.items)).toEqual(['a2', 'a7', 'a4']);
    expect(page2.total).toBe(8);
  });

  it('pages by cursor through every case once, in order, across the no-deadline boundary', async () => {
    const seen: (string | undefined)[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await readModel.list({}, { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(SEEDS.length);
      seen.push(...names(page.items));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(await listNames({}));
  });

  it('gives no next cursor when the page holds the last case', async () => {
    const result = await readModel.list({ schoolIds: [SCHOOL_B] }, { limit: 3 });
    expect(result.items).toHaveLength(3);
    expect(result.nextCursor).toBeNull();
  });

  it.each([
    [{ limit: 0 }],
    [{ limit: 201 }],
    [{ limit: 2.5 }],
    [{ limit: 10, offset: -1 }],
    [{ limit: 10, offset: 0, cursor: 'abc' }],
    [{ limit: 10, cursor: 'not-a-cursor' }],
  ])('refuses the page %j', async (page) => {
    await expect(readModel.list({}, page)).rejects.toBeInstanceOf(InvalidPageError);
  });

  it('reads one case with its state, and a student’s open case and case count', async () => {
    const a2 = await readModel.get(idOf('a2'));
    expect(a2).toMatchObject({
      caseId: idOf('a2'),
      step: 2,
      status: 'open',
      nextDeadlineAt: '2026-12-05T14:00:00.000Z',
      nextDeadlineKind: 'step1-contact',
      overdue: false,
      openedAt: '2026-11-02T08:00:00.000Z',
      eventCount: 1,
    });
    expect(a2?.state.deadlines).toHaveLength(2);
    expect(await readModel.get(randomUUID())).toBeNull();

    const closed = await getCase('a6');
    expect(await readModel.findOpenByStudent(closed.studentId)).toBeNull();
    expect(await readModel.countByStudent(closed.studentId)).toBe(1);
    const paused = await getCase('a5');
    expect((await readModel.findOpenByStudent(paused.studentId))?.caseId).toBe(paused.caseId);
    expect(await readModel.openingFacts(closed.studentId)).toEqual({ openCaseId: null, earlier: 1 });
    expect(await readModel.openingFacts(paused.studentId)).toEqual({ openCaseId: paused.caseId, earlier: 1 });
    expect(await readModel.openingFacts(randomUUID())).toEqual({ openCaseId: null, earlier: 0 });
  });

  // Last: it adds cases of its own school, which the whole-table tests above do not expect.
  it('lists only the cases assigned to a service, when asked to', async () => {
    const school = randomUUID();
    const store = new CaseEventStore(dataSource);
    const assignment = (service: 'ppt' | 'mobile-team') => ({
      service,
      reason: 'referral' as const,
      sourceEventId: `referral-${service}`,
      assignedAt: '2026-11-20T08:00:00.000Z',
    });
    const seeded: Record<string, CaseState> = {
      toPpt: aCaseState({ schoolId: school, step: 4, assignments: [assignment('ppt')] }),
      toBoth: aCaseState({
        schoolId: school,
        step: 4,
        assignments: [assignment('ppt'), assignment('mobile-team')],
      }),
      none: aCaseState({ schoolId: school, step: 4, assignments: [] }),
    };
    // A state recorded before assignments existed.
    const { assignments: _none, ...legacy } = aCaseState({ schoolId: school, step: 4 });
    seeded['legacy'] = legacy;
    const byId = new Map(Object.entries(seeded).map(([name, state]) => [state.caseId, name]));
    for (const state of Object.values(seeded))
      await store.append({ state, events: [aCaseOpenedEvent(state)] });

    const list = async (filter: CaseListFilter) =>
      (await readModel.list({ schoolIds: [school], ...filter }, { limit: 200 })).items
        .map((i) => byId.get(i.caseId))
        .sort();
    expect(await list({ assignedService: 'ppt' })).toEqual(['toBoth', 'toPpt']);
    expect(await list({ assignedService: 'mobile-team' })).toEqual(['toBoth']);
    expect(await list({ assignedService: 'health-nurse' })).toEqual([]);
    expect(await list({})).toEqual(['legacy', 'none', 'toBoth', 'toPpt']);
  });
});
