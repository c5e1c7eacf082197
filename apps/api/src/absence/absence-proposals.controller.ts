import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ErrorResponseDto } from '../errors/error.response.dto';
import { AbsenceProposalsService } from './absence-proposals.service';
import {
  CaseProposalListResponseDto,
  CaseProposalResponseDto,
  DismissProposalRequestDto,
  ProposalListQueryDto,
} from './dto/case-proposal.dto';

@ApiTags('absence')
@ApiBearerAuth()
@Controller()
export class AbsenceProposalsController {
  constructor(private readonly proposals: AbsenceProposalsService) {}

  @Get('schools/:schoolId/absence-proposals')
  @ApiOperation({
    summary:
      'Cases absence detection proposes (ABSENCE_DETECTION_MODE=propose): the leadership sees the school’s, a contact teacher their own students’.',
  })
  @ApiOkResponse({ type: CaseProposalListResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async list(
    @CurrentCaller() caller: Caller,
    @Param('schoolId', ParseUUIDPipe) schoolId: string,
    @Query() query: ProposalListQueryDto,
  ): Promise<CaseProposalListResponseDto> {
    return this.proposals.list(caller, schoolId, query);
  }

  @Post('absence-proposals/:proposalId/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Confirms a proposed case: the case opens with the step-1 deadline from the proposal’s moment. Again: the same answer.',
  })
  @ApiOkResponse({ type: CaseProposalResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Dismissed already, or the student has an open case.',
  })
  async confirm(
    @CurrentCaller() caller: Caller,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
  ): Promise<CaseProposalResponseDto> {
    return this.proposals.confirm(caller, proposalId);
  }

  @Post('absence-proposals/:proposalId/dismiss')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Dismisses a proposed case with a reason from a closed list; the decision is kept (append-only).',
  })
  @ApiOkResponse({ type: CaseProposalResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Confirmed already, or dismissed for another reason.',
  })
  async dismiss(
    @CurrentCaller() caller: Caller,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Body() body: DismissProposalRequestDto,
  ): Promise<CaseProposalResponseDto> {
    return this.proposals.dismiss(caller, proposalId, body);
  }
}
