import { Injectable } from '@nestjs/common';
import { openCase, type CaseState } from '@tiltak/domain';
import { AccessAudit, type AccessAction } from '../access/access-audit.service';
import { type CaseFacts, mayReadCase } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import { CaseReadModelStore, DirectoryStore } from '../infrastructure/stores.provider';
import { CaseWorkflows, type UnstoredCase } from './case-workflows';

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
 * The decision uses the read model's row when there is one. The row is written by the case workflow in
 * the background and can lag (ADR 0003: its first write is retried while PostgreSQL is slow or down), so
 * a case that was just opened may have no row yet: then the workflow is asked (its state, or the input
 * it was started with while it is still opening), and the same policy decides on what it says. Only when
 * Temporal says there is no such workflow is the case "not found"; Temporal not answering is a 503.
 * A case that has a row and is "not yours" costs one read-model query, one decision, one access-log
 * row, one 404; an unknown id also costs one Temporal round trip. A case that has a row costs no
 * Temporal round trip at all.
 */
@Injectable()
export class CaseAccess {
  constructor(
    private readonly caseReadModelStore: CaseReadModelStore,
    private readonly directoryStore: DirectoryStore,
    private readonly workflows: CaseWorkflows,
    private readonly audit: AccessAudit,
  ) {}

  /**
   * The case as the read model holds it: the workflow writes its whole state there with every event it
   * accepts and every deadline it fires, before it answers the Update, so the row is as new as any answer
   * a person has had (docs/adr/0012). `logAllowed: false` when the caller logs the allowed access itself
   * (it may still refuse the action).
   */
  async load(
    caller: Caller,
    caseId: string,
    action: AccessAction,
    options: { logAllowed?: boolean } = {},
  ): Promise<VisibleCase> {
    const cases = await this.caseReadModelStore.get();
    const stored = await cases.get(caseId);
    if (!stored) return this.loadWithoutRow(caller, caseId, action, options);
    const decision = mayReadCase(caller, stored.state);
    if (!decision.allowed) throw await this.audit.notFound(caller, action, 'case', caseId, decision.reason);
    if (options.logAllowed !== false) await this.audit.allowed(caller, action, 'case', caseId);
    return { state: stored.state, source: 'read-model' };
  }

  /** No read-model row (yet): the workflow's word decides, with the same policy. */
  private async loadWithoutRow(
    caller: Caller,
    caseId: string,
    action: AccessAction,
    options: { logAllowed?: boolean },
  ): Promise<VisibleCase> {
    const unstored = await this.workflows.withoutReadModel(caseId);
    const state = unstored.kind === 'none' ? null : await this.stateOf(unstored);
    const decision = mayReadCase(caller, state ?? NO_CASE);
    if (!state) throw await this.audit.notFound(caller, action, 'case', caseId, 'no such case');
    if (!decision.allowed) throw await this.audit.notFound(caller, action, 'case', caseId, decision.reason);
    if (options.logAllowed !== false) await this.audit.allowed(caller, action, 'case', caseId);
    return { state, source: 'live' };
  }

  private async stateOf(unstored: Exclude<UnstoredCase, { kind: 'none' }>): Promise<CaseState> {
    if (unstored.kind === 'state') return unstored.state;
    const { open, policy, carried } = unstored.input;
    if (carried) return carried.state;
    // What the workflow computes as its first state (libs/workflows), from the same input and calendars.
    const { openedBy: _openedBy, ...openInput } = open;
    const directory = await this.directoryStore.get();
    return openCase(openInput, policy, await directory.getCalendars(open.schoolId));
  }
}
