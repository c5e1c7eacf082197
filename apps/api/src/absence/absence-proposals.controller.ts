import { Body, Get, Post, Query } from '@nestjs/common';
import { type Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { Endpoint, StaffController, UuidParam } from '../http/endpoint.decorator';
import { AbsenceProposalsService } from './absence-proposals.service';
import {
  CaseProposalListResponseDto,
  CaseProposalResponseDto,
  DismissProposalRequestDto,
  ProposalListQueryDto,
} from './dto/case-proposal.dto';

@StaffController('absence')
export class AbsenceProposalsController {
  constructor(private readonly proposals: AbsenceProposalsService) {}

  @Get('schools/:schoolId/absence-proposals')
  @Endpoint({
    summary:
      'Cases absence detection proposes (ABSENCE_DETECTION_MODE=propose): the leadership sees the school’s, a contact teacher their own students’.',
    type: CaseProposalListResponseDto,
  })
  async list(
    @CurrentCaller() caller: Caller,
    @UuidParam('schoolId') schoolId: string,
    @Query() query: ProposalListQueryDto,
  ): Promise<CaseProposalListResponseDto> {
    return this.proposals.list(caller, schoolId, query);
  }

  @Post('absence-proposals/:proposalId/confirm')
  @Endpoint({
    summary:
      'Confirms a proposed case: the case opens with the step-1 deadline from the proposal’s moment. Again: the same answer.',
    type: CaseProposalResponseDto,
    conflict: 'Dismissed already, or the student has an open case.',
  })
  async confirm(
    @CurrentCaller() caller: Caller,
    @UuidParam('proposalId') proposalId: string,
  ): Promise<CaseProposalResponseDto> {
    return this.proposals.confirm(caller, proposalId);
  }

  @Post('absence-proposals/:proposalId/dismiss')
  @Endpoint({
    summary:
      'Dismisses a proposed case with a reason from a closed list; the decision is kept (append-only).',
    type: CaseProposalResponseDto,
    conflict: 'Confirmed already, or dismissed for another reason.',
  })
  async dismiss(
    @CurrentCaller() caller: Caller,
    @UuidParam('proposalId') proposalId: string,
    @Body() body: DismissProposalRequestDto,
  ): Promise<CaseProposalResponseDto> {
    return this.proposals.dismiss(caller, proposalId, body);
  }
}
