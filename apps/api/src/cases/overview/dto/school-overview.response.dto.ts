import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, STEPS, type CaseStatus, type Step } from '@tiltak/domain';

/** A count and the case list request that shows exactly those cases. */
export class OverviewFigureDto {
  @ApiProperty()
  count!: number;

  @ApiProperty({
    description:
      'GET this (a path with its query string) to list the cases counted, within what the caller may see.',
    example: '/api/cases?schoolId=d0000000-0000-4000-8000-000000000001&overdue=true',
  })
  query!: string;
}

export class StepFigureDto extends OverviewFigureDto {
  @ApiProperty({ enum: STEPS })
  step!: Step;
}

export class StatusFigureDto extends OverviewFigureDto {
  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;
}

export class OverviewWeekDto {
  @ApiProperty({ format: 'date-time', description: 'Monday 00:00, Oslo time.' })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'The next Monday 00:00, Oslo time (not included).' })
  to!: string;
}

export class OwnerFiguresDto {
  @ApiProperty({ format: 'uuid' })
  staffId!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null when the directory has no such staff member.',
  })
  name!: string | null;

  @ApiProperty({ type: OverviewFigureDto, description: 'Open cases the person owns.' })
  open!: OverviewFigureDto;

  @ApiProperty({ type: OverviewFigureDto })
  overdue!: OverviewFigureDto;

  @ApiProperty({ type: OverviewFigureDto })
  inactive!: OverviewFigureDto;
}

export class SchoolOverviewResponseDto {
  @ApiProperty({ format: 'uuid' })
  schoolId!: string;

  @ApiProperty({ format: 'date-time', description: 'When the figures were counted.' })
  asOf!: string;

  @ApiProperty({ type: OverviewWeekDto, description: 'The Oslo calendar week asOf falls in.' })
  week!: OverviewWeekDto;

  @ApiProperty({ description: 'N of the inactive figures.' })
  inactiveSchoolDays!: number;

  @ApiProperty({
    format: 'date-time',
    description: 'Open cases whose last activity is before this count as inactive (N school days back).',
  })
  inactiveSince!: string;

  @ApiProperty({
    type: [StepFigureDto],
    description: 'Open cases by step (paused and closed ones are in byStatus).',
  })
  byStep!: StepFigureDto[];

  @ApiProperty({ type: [StatusFigureDto], description: 'Every case of the school by status.' })
  byStatus!: StatusFigureDto[];

  @ApiProperty({
    type: OverviewFigureDto,
    description: 'Open cases with a missed or escalated deadline now.',
  })
  overdue!: OverviewFigureDto;

  @ApiProperty({ type: OverviewFigureDto, description: 'Open cases escalated now.' })
  escalated!: OverviewFigureDto;

  @ApiProperty({
    type: OverviewFigureDto,
    description: 'Open cases whose next deadline falls due this week.',
  })
  dueThisWeek!: OverviewFigureDto;

  @ApiProperty({
    type: OverviewFigureDto,
    description: 'Open cases where nobody has recorded anything for inactiveSchoolDays school days.',
  })
  inactive!: OverviewFigureDto;

  @ApiProperty({
    type: [OwnerFiguresDto],
    description:
      'Per owner (the contact teacher, or whoever the case was reassigned to) of open or paused cases, by name.',
  })
  perContactTeacher!: OwnerFiguresDto[];
}
