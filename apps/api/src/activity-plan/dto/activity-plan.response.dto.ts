import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, STEPS, type CaseStatus, type Step } from '@tiltak/domain';
import { NextDeadlineDto } from '../../cases/dto/next-deadline.dto';
import type { ActivityPlan } from '../activity-plan.model';
import { PlanMeasureDto } from './plan-measure.dto';

/** The activity plan (Education Act §12-4) as JSON; `?format=html` gives the printable document. */
export class ActivityPlanResponseDto implements ActivityPlan {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ format: 'date-time' })
  generatedAt!: string;

  @ApiProperty({
    type: Object,
    example: { id: '…', givenName: 'Mia', familyName: 'Johansen', className: '5A' },
  })
  student!: ActivityPlan['student'];

  @ApiProperty({ type: Object, example: { id: '…', name: 'Fjordvik skole' } })
  school!: ActivityPlan['school'];

  @ApiProperty({ type: Object, example: { staffId: '…', displayName: 'Ingrid Haugen' } })
  owner!: ActivityPlan['owner'];

  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;

  @ApiProperty({ enum: STEPS })
  step!: Step;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  closedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  closeReason!: string | null;

  @ApiProperty({
    type: Object,
    description:
      'The problem the measures address: the trigger and figures, the step-1 clarification, and each mapping across school, home, leisure and the student.',
  })
  problem!: ActivityPlan['problem'];

  @ApiProperty({ type: [PlanMeasureDto] })
  measures!: PlanMeasureDto[];

  @ApiProperty({ type: Object, isArray: true })
  meetings!: ActivityPlan['meetings'];

  @ApiProperty({ type: Object, isArray: true })
  teamAdvice!: ActivityPlan['teamAdvice'];

  @ApiProperty({
    type: Object,
    isArray: true,
    description: 'The partner services a referral or escalation brought into the case, oldest first.',
    example: [{ service: 'ppt', reason: 'referral', assignedAt: '2026-11-23T09:00:00.000Z', step: 3 }],
  })
  partners!: ActivityPlan['partners'];

  @ApiProperty({
    type: Object,
    isArray: true,
    description: "Absence at the time, effect, the student's voice, the decision.",
  })
  evaluations!: ActivityPlan['evaluations'];

  @ApiProperty({ type: NextDeadlineDto, nullable: true })
  nextEvaluation!: ActivityPlan['nextEvaluation'];
}
