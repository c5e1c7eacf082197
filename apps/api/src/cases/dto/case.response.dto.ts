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
import { CaseAbsenceDto } from '../../absence/dto/absence-overview.response.dto';
import { CaseDetectionDto } from '../../absence/dto/case-detection.dto';
import { CaseLinksDto } from './case-links.dto';
import { ChecklistItemDto } from './checklist-item.dto';
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

  @ApiProperty({
    description:
      "An open deadline's escalation has fired (leadership or partner services were told it was missed) and nobody has met it since.",
  })
  escalated!: boolean;

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

  @ApiProperty({
    type: [String],
    description:
      "The texts of the checklist items that hold up the step's evaluation, in Norwegian (see checklist).",
  })
  outstanding!: string[];

  @ApiProperty({
    type: [ChecklistItemDto],
    description: 'What the current step still lacks, in the order the guide takes it; empty once closed.',
  })
  checklist!: ChecklistItemDto[];

  @ApiProperty({
    enum: CASE_EVENT_TYPES,
    isArray: true,
    description:
      "The event types the caller may post now: the case accepts them at its status and step with what is recorded so far (the workflow can still refuse a payload, e.g. a meeting kind of another step), and the caller's role may record them.",
  })
  allowedActions!: CaseEventType[];

  @ApiProperty({
    enum: CASE_EVENT_TYPES,
    isArray: true,
    deprecated: true,
    description: 'The same list as allowedActions (its earlier name).',
  })
  allowedEventTypes!: CaseEventType[];

  @ApiProperty()
  eventCount!: number;

  @ApiProperty({
    format: 'date-time',
    description: "The latest event, the system's (reminders, escalations) included.",
  })
  lastEventAt!: string;

  @ApiProperty({
    enum: ['live', 'read-model'],
    description:
      'live: answered by the workflow (the answer to opening a case, or a case whose row is not stored yet); read-model: the state the workflow last stored, as GET answers it.',
  })
  source!: 'live' | 'read-model';

  @ApiProperty({ type: CaseLinksDto })
  links!: CaseLinksDto;

  @ApiProperty({
    type: CaseAbsenceDto,
    nullable: true,
    required: false,
    description:
      "The student's absence now (the figures the school's absence overview shows), on GET of the case; null until an import has named the student.",
  })
  absence?: CaseAbsenceDto | null;
}
