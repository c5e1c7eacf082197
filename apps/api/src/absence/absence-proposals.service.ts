// Propose mode (ADR 0015): the contact teacher (or the school's leadership) confirms a proposed case,
// which opens it as detection would have, with the step-1 deadline from the proposal's moment, or
// dismisses it with a reason from a closed list. Both are idempotent: the same decision again answers
// the same; the other decision after one is a 409.
import { Injectable } from '@nestjs/common';
import { validateOpenCaseInput } from '@tiltak/domain';
import { ProposalStore, caseIdFor, type CaseProposal, type DecisionRefusal } from '@tiltak/persistence';
import type { CaseWorkflowInput } from '@tiltak/workflows';
import { AccessAudit } from '../access/access-audit.service';
import { mayDecideProposal, proposalListScope } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import { casePath } from '../cases/case-ids';
import { CaseWorkflows } from '../cases/case-workflows';
import { DomainError } from '../errors/domain-error';
import { Database } from '../infrastructure/database.provider';
import { CasePolicy } from '../infrastructure/ladder-policy';
import { CaseReadModelStore, DirectoryStore, InstallationStoreRef } from '../infrastructure/stores.provider';
import {
  CaseProposalResponseDto,
  type CaseProposalListResponseDto,
  type DismissProposalRequestDto,
  type ProposalListQueryDto,
} from './dto/case-proposal.dto';

/** How long confirming waits for the opened case's first state (as opening one by hand does). */
const FIRST_STATE_WAIT_MS = 5_000;

@Injectable()
export class AbsenceProposalsService {
  private store: ProposalStore | null = null;

  constructor(
    private readonly database: Database,
    private readonly directoryStore: DirectoryStore,
    private readonly caseStore: CaseReadModelStore,
    private readonly installationStore: InstallationStoreRef,
    private readonly audit: AccessAudit,
    private readonly workflows: CaseWorkflows,
    private readonly casePolicy: CasePolicy,
  ) {}

  private async proposals(): Promise<ProposalStore> {
    this.store ??= new ProposalStore(await this.database.ready());
    return this.store;
  }

  async list(
    caller: Caller,
    schoolId: string,
    query: ProposalListQueryDto,
  ): Promise<CaseProposalListResponseDto> {
    const directory = await this.directoryStore.get();
    if (!(await directory.getSchool(schoolId)))
      throw await this.audit.notFound(caller, 'absence.proposal.list', 'school', schoolId, 'no such school');
    const scope = proposalListScope(caller, schoolId);
    await this.audit.requireVisible(
      caller,
      scope
        ? { allowed: true }
        : { allowed: false, reason: 'neither leadership nor a contact teacher of the school' },
      'absence.proposal.list',
      'school',
      schoolId,
    );
    const [found, students] = await Promise.all([
      (await this.proposals()).list(schoolId, {
        contactTeacherId: scope === 'own' ? caller.staffId : null,
        status: query.status ?? null,
      }),
      directory.listStudents(schoolId),
    ]);
    const byId = new Map(students.map((s) => [s.id, s]));
    return { proposals: found.map((p) => CaseProposalResponseDto.from(p, byId.get(p.studentId))) };
  }

  async confirm(caller: Caller, proposalId: string): Promise<CaseProposalResponseDto> {
    const proposal = await this.decidable(caller, proposalId);
    const [cases, installation] = await Promise.all([this.caseStore.get(), this.installationStore.get()]);
    if (proposal.status === 'pending') {
      const open = await cases.findOpenByStudent(proposal.studentId);
      if (open)
        throw new DomainError(
          'CONFLICT',
          'Eleven har allerede en åpen sak. Avvis forslaget med begrunnelse.',
          {
            reason: 'OPEN_CASE_EXISTS',
            location: casePath(open.caseId),
          },
        );
    }
    const installationId = await installation.id();
    const decided = refusalToError(
      await (
        await this.proposals()
      ).confirm(proposalId, caller.staffId, async (p) =>
        caseIdFor(installationId, p.studentId, await cases.countByStudent(p.studentId)),
      ),
    );
    await this.startCase(caller, decided);
    await this.audit.allowed(caller, 'case.open', 'case', decided.caseId ?? proposalId);
    return this.answer(decided);
  }

  async dismiss(
    caller: Caller,
    proposalId: string,
    body: DismissProposalRequestDto,
  ): Promise<CaseProposalResponseDto> {
    await this.decidable(caller, proposalId);
    const decided = refusalToError(
      await (await this.proposals()).dismiss(proposalId, caller.staffId, body.reason),
    );
    if (decided.decision?.reason !== body.reason)
      throw new DomainError('CONFLICT', 'Forslaget er allerede avvist med en annen begrunnelse.', {
        reason: 'PROPOSAL_ALREADY_DISMISSED',
      });
    return this.answer(decided);
  }

  /** The proposal, if the caller may decide it; 404 (logged) otherwise. */
  private async decidable(caller: Caller, proposalId: string): Promise<CaseProposal> {
    const proposal = await (await this.proposals()).get(proposalId);
    if (!proposal)
      throw await this.audit.notFound(
        caller,
        'absence.proposal.decide',
        'proposal',
        proposalId,
        'no such proposal',
      );
    await this.audit.requireVisible(
      caller,
      mayDecideProposal(caller, { schoolId: proposal.schoolId, contactTeacherId: proposal.contactTeacherId }),
      'absence.proposal.decide',
      'proposal',
      proposalId,
    );
    return proposal;
  }

  /**
   * Opens the confirmed proposal's case: the workflow id is the case id, so a retried confirmation
   * starts nothing twice. The case opens at the proposal's moment (the guide's "same day").
   */
  private async startCase(caller: Caller, proposal: CaseProposal): Promise<void> {
    if (!proposal.caseId) throw new Error(`Confirmed proposal ${proposal.id} has no case id`);
    const input: CaseWorkflowInput = {
      open: {
        caseId: proposal.caseId,
        studentId: proposal.studentId,
        schoolId: proposal.schoolId,
        ownerStaffId: proposal.contactTeacherId,
        trigger: proposal.trigger,
        absencePercent: proposal.absencePercent,
        openedAt: proposal.proposedAt,
        openedBy: { staffId: caller.staffId, role: caller.role },
        detection: proposal.detection,
      },
      policy: this.casePolicy.policy,
    };
    const { openedBy: _openedBy, ...openInput } = input.open;
    const valid = validateOpenCaseInput(openInput, new Date().toISOString());
    if (!valid.ok)
      throw new DomainError('UNPROCESSABLE', 'Saken kan ikke åpnes med disse opplysningene.', {
        reason: valid.code,
      });
    // 'running' or 'closed': a retry found the case this confirmation opened.
    await this.workflows.start(input, FIRST_STATE_WAIT_MS);
  }

  private async answer(proposal: CaseProposal): Promise<CaseProposalResponseDto> {
    const directory = await this.directoryStore.get();
    const student = await directory.getStudent(proposal.studentId);
    return CaseProposalResponseDto.from(proposal, student ?? undefined);
  }
}

function refusalToError(outcome: CaseProposal | DecisionRefusal): CaseProposal {
  switch (outcome) {
    case 'not-found':
      throw new DomainError('NOT_FOUND', 'Fant ikke forslaget.');
    case 'already-confirmed':
      throw new DomainError('CONFLICT', 'Forslaget er allerede bekreftet, og saken er opprettet.', {
        reason: 'PROPOSAL_ALREADY_CONFIRMED',
      });
    case 'already-dismissed':
      throw new DomainError('CONFLICT', 'Forslaget er allerede avvist.', {
        reason: 'PROPOSAL_ALREADY_DISMISSED',
      });
    default:
      return outcome;
  }
}
