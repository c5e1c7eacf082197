import { defaultLadderPolicy, exampleCalendar2026_2027, openCase, type CaseState } from '@tiltak/domain';
import { buildOpenCaseInput } from '@tiltak/domain/testing';
import type { AccessLogInput } from '@tiltak/persistence';
import { AccessAudit } from '../access/access-audit.service';
import type { AccessAction } from '../access/access-audit.service';
import { DEMO_SCHOOLS } from '../demo/demo-data';
import { DomainError } from '../errors/domain-error';
import type { AccessLogStore, Stores } from '../infrastructure/stores.provider';
import { CALLERS } from '../testing/callers';
import { CaseAccess } from './case-access.service';
import type { CaseWorkflows } from './case-workflows';

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

/** Every call CaseAccess makes to the database and Temporal, in order, with what the access log got. */
function setup() {
  const steps: string[] = [];
  const logged: AccessLogInput[] = [];
  const rows: Record<string, CaseState> = { [existing.caseId]: existing };
  const stores = {
    get: async () => ({
      cases: {
        get: async (caseId: string) => {
          steps.push('select case');
          const state = rows[caseId];
          return state ? { ...state, state } : null;
        },
      },
      accessLog: {
        record: async (entry: AccessLogInput) => {
          steps.push(`insert access_log ${entry.outcome}`);
          logged.push(entry);
        },
      },
    }),
  } as unknown as Stores;
  const workflows = {
    state: async () => {
      steps.push('query workflow');
      return existing;
    },
  } as unknown as CaseWorkflows;
  const accessLogStore = {
    get: async () => (await stores.get()).accessLog,
  } as unknown as AccessLogStore;
  const access = new CaseAccess(stores, workflows, new AccessAudit(accessLogStore));
  return { access, steps, logged };
}

async function denial(caseId: string, action: AccessAction, live: boolean) {
  const { access, steps, logged } = setup();
  const error = await access.load(stranger, caseId, action, { live }).catch((err: unknown) => err);
  // The reason is for the log's reader; everything else must be the same.
  const shapes = logged.map(({ reason, ...entry }) => ({
    ...entry,
    resourceId: '<id>',
    reason: typeof reason,
  }));
  return { error, steps, shapes };
}

describe('CaseAccess: "not yours" and "does not exist" cannot be told apart', () => {
  it.each([
    ['case.read', true],
    ['case.timeline', false],
    ['case.activity-plan', false],
    ['case.event.read', false],
    ['case.record-event', false],
  ] as const)('%s does the same work and answers the same 404 for both', async (action, live) => {
    const forbidden = await denial(existing.caseId, action, live);
    const missing = await denial(missingId, action, live);

    expect(forbidden.steps).toEqual(['select case', 'insert access_log denied']);
    expect(missing.steps).toEqual(forbidden.steps);
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

  it('asks the workflow for the live state only after allowing the read', async () => {
    const { access, steps } = setup();
    await expect(access.load(owner, existing.caseId, 'case.read', { live: true })).resolves.toEqual({
      state: existing,
      source: 'live',
    });
    expect(steps).toEqual(['select case', 'insert access_log allowed', 'query workflow']);
  });
});
