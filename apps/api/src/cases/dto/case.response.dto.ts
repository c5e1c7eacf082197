import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_EVENT_TYPES,
  CASE_STATUSES,
  CONCERN_TRIGGERS,
  STEPS,
  type CaseEventType,
  type CaseStatus,
  type ConcernTrigger,
  type Step,
} from '@tiltak/domain';
import { CaseDetectionDto } from '../../absence/dto/case-detection.dto';
import { CaseLinksDto } from './case-links.dto';
import { CaseProgressDto } from './case-progress.dto';
import { DeadlineDto } from './deadline.dto';
import { MeasureDto } from './measure.dto';
import { PartnerAssignmentDto } from './partner-assignment.dto';
import { NextDeadlineDto } from './next-deadline.dto';

export class CaseResponseDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ format: 'uuid', description: 'Pseudonymous; GET /students/{id} for the name.' })
  studentId!: string;

  @ApiProperty({ format: 'uuid' })
  schoolId!: string;

  @ApiProperty({ format: 'uuid' })
  ownerStaffId!: string;

  @ApiProperty({ enum: CONCERN_TRIGGERS })
  trigger!: ConcernTrigger;

  @ApiPropertyOptional({
    type: CaseDetectionDto,
    description:
      'Only on a case the system opened from absence data: the trigger, figures and pattern (ADR 0009).',
  })
  detection?: CaseDetectionDto;

  @ApiProperty({ enum: STEPS })
  step!: Step;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  closedAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  closeReason!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  pausedAt!: string | null;

  @ApiProperty({ type: NextDeadlineDto, nullable: true })
  nextDeadline!: NextDeadlineDto | null;

  @ApiProperty({ description: 'An open deadline was missed or escalated.' })
  overdue!: boolean;

  @ApiProperty({ type: [DeadlineDto], description: 'Open deadlines.' })
  deadlines!: DeadlineDto[];

  @ApiProperty({ type: [MeasureDto] })
  measures!: MeasureDto[];

  @ApiProperty({
    type: [PartnerAssignmentDto],
    description: 'The partner services a referral or escalation brought into the case (need to know).',
  })
  assignments!: PartnerAssignmentDto[];

  @ApiProperty({ type: CaseProgressDto })
  progress!: CaseProgressDto;

  @ApiProperty({ type: [String], description: 'What the step still needs before it can be evaluated.' })
  outstanding!: string[];

  @ApiProperty({
    enum: CASE_EVENT_TYPES,
    isArray: true,
    description: 'Events the case accepts now that the caller may record.',
  })
  allowedEventTypes!: CaseEventType[];

  @ApiProperty()
  eventCount!: number;

  @ApiProperty({ format: 'date-time' })
  lastEventAt!: string;

  @ApiProperty({
    enum: ['live', 'read-model'],
    description: 'live: from the running workflow; read-model: as last persisted.',
  })
  source!: 'live' | 'read-model';

  @ApiProperty({ type: CaseLinksDto })
  links!: CaseLinksDto;
}
