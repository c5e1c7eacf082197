import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  CONCERN_TRIGGERS,
  PROPOSAL_DISMISSAL_LABELS,
  PROPOSAL_DISMISSAL_REASONS,
  PROPOSAL_STATUSES,
  type ConcernTrigger,
  type ProposalDismissalReason,
  type ProposalStatus,
} from '@tiltak/domain';
import type { CaseProposal } from '@tiltak/persistence';
import { apiPath } from '../../http/api-prefix';

const REASON_LIST = PROPOSAL_DISMISSAL_REASONS.map((r) => `${r} (${PROPOSAL_DISMISSAL_LABELS[r]})`).join(
  ', ',
);

export class ProposalListQueryDto {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES, description: 'Only proposals with this status.' })
  @IsOptional()
  @IsIn([...PROPOSAL_STATUSES])
  status?: ProposalStatus;
}

export class DismissProposalRequestDto {
  @ApiProperty({
    enum: PROPOSAL_DISMISSAL_REASONS,
    description: `Why no case is opened, from a closed list (no free text: it would invite health details): ${REASON_LIST}.`,
  })
  @IsIn([...PROPOSAL_DISMISSAL_REASONS])
  reason!: ProposalDismissalReason;
}

export class ProposalDecisionDto {
  @ApiProperty({ enum: ['confirmed', 'dismissed'] })
  decision!: 'confirmed' | 'dismissed';

  @ApiProperty({ enum: PROPOSAL_DISMISSAL_REASONS, nullable: true, type: String })
  reason!: ProposalDismissalReason | null;

  @ApiProperty({ nullable: true, type: String, description: 'The reason as teachers read it.' })
  reasonLabel!: string | null;

  @ApiProperty({ format: 'uuid' })
  decidedBy!: string;

  @ApiProperty({ format: 'date-time' })
  decidedAt!: string;
}

export class ProposalFiguresDto {
  @ApiProperty({ nullable: true, type: Number })
  schoolYearPercent!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  recentPercent!: number | null;

  @ApiProperty()
  thresholdPercent!: number;

  @ApiProperty({ enum: ['rising', 'falling', 'stable', 'unknown'] })
  trend!: 'rising' | 'falling' | 'stable' | 'unknown';

  @ApiProperty()
  lateArrivalsRecent!: number;

  @ApiProperty()
  presentNotInClassRecent!: number;
}

export class CaseProposalResponseDto {
  @ApiProperty({ format: 'uuid' })
  proposalId!: string;

  @ApiProperty({ format: 'uuid' })
  schoolId!: string;

  @ApiProperty({ format: 'uuid' })
  studentId!: string;

  @ApiProperty()
  givenName!: string;

  @ApiProperty()
  familyName!: string;

  @ApiProperty()
  className!: string;

  @ApiProperty({ format: 'uuid' })
  contactTeacherId!: string;

  @ApiProperty({ enum: CONCERN_TRIGGERS, description: 'The trigger the case would be opened for.' })
  trigger!: ConcernTrigger;

  @ApiProperty({ enum: CONCERN_TRIGGERS, isArray: true, description: 'Every trigger that fired.' })
  triggers!: ConcernTrigger[];

  @ApiProperty({ nullable: true, type: Number })
  absencePercent!: number | null;

  @ApiProperty({ type: ProposalFiguresDto })
  figures!: ProposalFiguresDto;

  @ApiProperty({
    format: 'date-time',
    description: 'When detection proposed it; the step-1 deadline runs from here.',
  })
  proposedAt!: string;

  @ApiProperty({ enum: PROPOSAL_STATUSES })
  status!: ProposalStatus;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The case a confirmation opened.',
  })
  caseId!: string | null;

  @ApiProperty({ type: ProposalDecisionDto, nullable: true })
  decision!: ProposalDecisionDto | null;

  @ApiProperty({ nullable: true, type: String, description: 'Where the opened case is.' })
  caseLocation!: string | null;

  static from(
    p: CaseProposal,
    student: { givenName: string; familyName: string; className: string } | undefined,
  ): CaseProposalResponseDto {
    const f = p.detection.figures;
    return {
      proposalId: p.id,
      schoolId: p.schoolId,
      studentId: p.studentId,
      givenName: student?.givenName ?? '',
      familyName: student?.familyName ?? '',
      className: student?.className ?? '',
      contactTeacherId: p.contactTeacherId,
      trigger: p.trigger,
      triggers: p.detection.triggers,
      absencePercent: p.absencePercent,
      figures: {
        schoolYearPercent: f.schoolYear.percent,
        recentPercent: f.recent.percent,
        thresholdPercent: f.thresholdPercent,
        trend: f.trend,
        lateArrivalsRecent: f.lateArrivalsRecent,
        presentNotInClassRecent: f.presentNotInClassRecent,
      },
      proposedAt: p.proposedAt,
      status: p.status,
      caseId: p.caseId,
      decision: p.decision
        ? {
            decision: p.decision.decision,
            reason: p.decision.reason,
            reasonLabel: p.decision.reason ? PROPOSAL_DISMISSAL_LABELS[p.decision.reason] : null,
            decidedBy: p.decision.decidedBy,
            decidedAt: p.decision.decidedAt,
          }
        : null,
      caseLocation: p.caseId ? apiPath(`/cases/${p.caseId}`) : null,
    };
  }
}

export class CaseProposalListResponseDto {
  @ApiProperty({ type: [CaseProposalResponseDto] })
  proposals!: CaseProposalResponseDto[];
}
