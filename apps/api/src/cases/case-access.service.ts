import { Injectable } from '@nestjs/common';
import type { CaseState } from '@tiltak/domain';
import { AccessAudit, type AccessAction } from '../access/access-audit.service';
import { mayReadCase } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import { Stores } from '../infrastructure/stores.provider';
import { CaseWorkflows } from './case-workflows';

export interface VisibleCase {
  state: CaseState;
  source: 'live' | 'read-model';
}

/**
 * Finds a case and decides, with the freshest facts at hand, whether the caller may see it. Every
 * denial (including "no such case") is logged and answered 404; allowed reads are logged too.
 */
@Injectable()
export class CaseAccess {
  constructor(
    private readonly stores: Stores,
    private readonly workflows: CaseWorkflows,
    private readonly audit: AccessAudit,
  ) {}

  /**
   * `live`: ask the running workflow for its state (GET /cases/{id}); otherwise the read model, with the
   * workflow only as a fallback right after opening, before the read model has caught up.
   * `logAllowed: false` when the caller logs the allowed access itself (it may still refuse the action).
   */
  async load(
    caller: Caller,
    caseId: string,
    action: AccessAction,
    options: { live: boolean; logAllowed?: boolean },
  ): Promise<VisibleCase> {
    const { cases } = await this.stores.get();
    const stored = await cases.get(caseId);
    let live: CaseState | null = null;
    if (!stored || (options.live && stored.status !== 'closed')) live = await this.workflows.state(caseId);
    const state = live ?? stored?.state;
    if (!state) throw await this.audit.notFound(caller, action, 'case', caseId, 'no such case');
    const decision = mayReadCase(caller, state);
    if (!decision.allowed) throw await this.audit.notFound(caller, action, 'case', caseId, decision.reason);
    if (options.logAllowed !== false) await this.audit.allowed(caller, action, 'case', caseId);
    return { state, source: live ? 'live' : 'read-model' };
  }
}
