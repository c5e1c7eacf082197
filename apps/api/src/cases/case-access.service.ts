import { Injectable } from '@nestjs/common';
import type { CaseState } from '@tiltak/domain';
import { AccessAudit, type AccessAction } from '../access/access-audit.service';
import { type CaseFacts, mayReadCase } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import { Stores } from '../infrastructure/stores.provider';
import { CaseWorkflows } from './case-workflows';

export interface VisibleCase {
  state: CaseState;
  source: 'live' | 'read-model';
}

// Decided on when the case does not exist, so both denials run the same code: facts nobody can see.
const NO_CASE: CaseFacts = {
  schoolId: '00000000-0000-0000-0000-000000000000',
  ownerStaffId: '00000000-0000-0000-0000-000000000000',
  step: 1,
  status: 'open',
};

/**
 * Finds a case and decides whether the caller may see it. Every denial (including "no such case") is
 * logged and answered 404; allowed reads are logged too.
 *
 * "Exists but not yours" and "does not exist" do the same work, so the answer time does not tell them
 * apart: one read-model query, one access decision, one access-log row, one 404. The decision uses the
 * read model, never the workflow: the workflow answers queries only after it has written the case's
 * row (its first activity), so the row is never behind what the workflow would say, and asking
 * Temporal before deciding made the two denials differ by milliseconds. The live state is fetched
 * only once the caller is allowed.
 */
@Injectable()
export class CaseAccess {
  constructor(
    private readonly stores: Stores,
    private readonly workflows: CaseWorkflows,
    private readonly audit: AccessAudit,
  ) {}

  /**
   * `live`: ask the running workflow for its state (GET /cases/{id}); the read model when it does not
   * answer. `logAllowed: false` when the caller logs the allowed access itself (it may still refuse the action).
   */
  async load(
    caller: Caller,
    caseId: string,
    action: AccessAction,
    options: { live: boolean; logAllowed?: boolean },
  ): Promise<VisibleCase> {
    const { cases } = await this.stores.get();
    const stored = await cases.get(caseId);
    const decision = mayReadCase(caller, stored?.state ?? NO_CASE);
    if (!stored) throw await this.audit.notFound(caller, action, 'case', caseId, 'no such case');
    if (!decision.allowed) throw await this.audit.notFound(caller, action, 'case', caseId, decision.reason);
    if (options.logAllowed !== false) await this.audit.allowed(caller, action, 'case', caseId);
    const live = options.live && stored.status !== 'closed' ? await this.workflows.state(caseId) : null;
    return live ? { state: live, source: 'live' } : { state: stored.state, source: 'read-model' };
  }
}
