import { defaultLadderPolicy, exampleCalendar2026_2027, openCase, type CaseState } from '@tiltak/domain';
import { buildOpenCaseInput } from '@tiltak/domain/testing';
import type { AccessLogInput } from '@tiltak/persistence';
import { AccessAudit } from '../access/access-audit.service';
import type { AccessAction } from '../access/access-audit.service';
import { DEMO_SCHOOLS } from '../demo/demo-data';
import { DomainError } from '../errors/domain-error';
import type { AccessLogStore, CaseReadModelStore, DirectoryStore } from '../infrastructure/stores.provider';
import { CALLERS } from '../testing/callers';
import { CaseAccess } from './case-access.service';
import type { CaseWorkflowInput } from '@tiltak/workflows';
import type { CaseWorkflows, UnstoredCase } from './case-workflows';

const owner = CALLERS.fjordvikTeacher5A;
const stranger = CALLERS.fjordvikTeacher5B;
const existing = openCase(
  buildOpenCaseInput({
    caseId: 'c0000000-0000-4000-8000-000000000001',
    schoolId: DEMO_SCHOOLS.fjordvik.id,
    ownerStaffId: owner.staffId,
  }),
  defaultLadderPolicy(),
  [exampleCalendar2026_2027()],
);
const missingId = 'c0000000-0000-4000-8000-00000000dead';
// Opened, but the workflow has not written its row yet (ADR 0003: the write can lag).
const openingInput = buildOpenCaseInput({
  caseId: 'c0000000-0000-4000-8000-000000000002',
  schoolId: DEMO_SCHOOLS.fjordvik.id,
  ownerStaffId: owner.staffId,
});
const opening: CaseWorkflowInput = {
  open: { ...openingInput, openedBy: { staffId: owner.staffId, role: owner.role } },
  policy: defaultLadderPolicy(),
};
// Its row was written and then lost: the workflow answers its state.
const rowless = { ...existing, caseId: 'c0000000-0000-4000-8000-000000000003' };

/** Every call CaseAccess makes to the database and Temporal, in order, with what the access log got. */
function setup(temporal: 'up' | 'down' = 'up') {
  const steps: string[] = [];
  const logged: AccessLogInput[] = [];
  const rows: Record<string, CaseState> = { [existing.caseId]: existing };
  const directoryStore = {
    get: async () => ({
      getCalendars: async () => {
        steps.push('select calendars');
        return [exampleCalendar2026_2027()];
      },
    }),
  } as unknown as DirectoryStore;
  const caseReadModelStore = {
    get: async () => ({
      get: async (caseId: string) => {
        steps.push('select case');
        const state = rows[caseId];
        return state ? { ...state, state } : null;
      },
    }),
  } as unknown as CaseReadModelStore;
  const workflows = {
    withoutReadModel: async (caseId: string): Promise<UnstoredCase> => {
      steps.push('ask workflow');
      if (temporal === 'down')
        throw new DomainError('DEPENDENCY_UNAVAILABLE', 'Saksflyten svarer ikke', { reason: 'x' });
      if (caseId === opening.open.caseId) return { kind: 'opening', input: opening };
      if (caseId === rowless.caseId) return { kind: 'state', state: rowless };
      return { kind: 'none' };
    },
  } as unknown as CaseWorkflows;
  const accessLogStore = {
    get: async () => ({
      record: async (entry: AccessLogInput) => {
        steps.push(`insert access_log ${entry.outcome}`);
        logged.push(entry);
      },
    }),
  } as unknown as AccessLogStore;
  const access = new CaseAccess(
    caseReadModelStore,
    directoryStore,
    workflows,
    new AccessAudit(accessLogStore),
  );
  return { access, steps, logged };
}

async function denial(caseId: string, action: AccessAction) {
  const { access, steps, logged } = setup();
  const error = await access.load(stranger, caseId, action).catch((err: unknown) => err);
  // The reason is for the log's reader; everything else must be the same.
  const shapes = logged.map(({ reason, ...entry }) => ({
    ...entry,
    resourceId: '<id>',
    reason: typeof reason,
  }));
  return { error, steps, shapes };
}

describe('CaseAccess: "not yours" and "does not exist" answer the same', () => {
  it.each([
    'case.read',
    'case.timeline',
    'case.activity-plan',
    'case.event.read',
    'case.record-event',
  ] as const)('%s answers the same 404 and access-log row for both', async (action) => {
    const forbidden = await denial(existing.caseId, action);
    const missing = await denial(missingId, action);

    expect(forbidden.steps).toEqual(['select case', 'insert access_log denied']);
    // No row: Temporal decides whether the case exists.
    expect(missing.steps).toEqual(['select case', 'ask workflow', 'insert access_log denied']);
    expect(missing.shapes).toEqual(forbidden.shapes);
    expect(forbidden.error).toBeInstanceOf(DomainError);
    expect(missing.error).toBeInstanceOf(DomainError);
    const answer = (err: unknown, id: string) => {
      const { code, message } = err as DomainError;
      return { code, message: message.replace(id, '<id>') };
    };
    expect(answer(missing.error, missingId)).toEqual(answer(forbidden.error, existing.caseId));
    expect(answer(missing.error, missingId).code).toBe('NOT_FOUND');
  });

  it('answers a case that has its row from the read model, without asking the workflow', async () => {
    const { access, steps } = setup();
    await expect(access.load(owner, existing.caseId, 'case.read')).resolves.toEqual({
      state: existing,
      source: 'read-model',
    });
    expect(steps).toEqual(['select case', 'insert access_log allowed']);
  });
});

describe('CaseAccess: a case whose read-model row is not (yet) there', () => {
  it('lets the owner in on the state the opening workflow starts from', async () => {
    const { access, steps, logged } = setup();
    const seen = await access.load(owner, opening.open.caseId, 'case.record-event');
    expect(seen.source).toBe('live');
    expect(seen.state).toEqual(openCase(openingInput, defaultLadderPolicy(), [exampleCalendar2026_2027()]));
    expect(steps).toEqual(['select case', 'ask workflow', 'select calendars', 'insert access_log allowed']);
    expect(logged.map((e) => e.outcome)).toEqual(['allowed']);
  });

  it('lets the owner in on the state the workflow answers', async () => {
    const { access } = setup();
    await expect(access.load(owner, rowless.caseId, 'case.read')).resolves.toEqual({
      state: rowless,
      source: 'live',
    });
  });

  it.each([
    ['opening', opening.open.caseId],
    ['answering', rowless.caseId],
  ])('denies another teacher with the same 404 and a logged denial (%s workflow)', async (_kind, caseId) => {
    const { access, logged } = setup();
    const error = await access.load(stranger, caseId, 'case.read').catch((e: unknown) => e);
    expect((error as DomainError).code).toBe('NOT_FOUND');
    expect(logged.map(({ outcome, reason }) => ({ outcome, reason }))).toEqual([
      { outcome: 'denied', reason: 'not the owner of the case' },
    ]);
  });

  it('does not say "not found" when Temporal does not answer', async () => {
    const { access, logged } = setup('down');
    const error = await access.load(owner, missingId, 'case.read').catch((e: unknown) => e);
    expect((error as DomainError).code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(logged).toEqual([]);
  });
});
