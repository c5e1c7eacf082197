import { ApiProperty } from '@nestjs/swagger';
import { CONCERN_TRIGGERS, WEEKDAYS, type AbsenceFigures } from '@tiltak/domain';

export class OverviewFiguresDto {
  @ApiProperty({ format: 'date', description: 'The day the figures were computed.' })
  evaluatedOn!: string;

  @ApiProperty({
    description: 'The threshold (%) that applies to the student (lower with a concern profile).',
  })
  thresholdPercent!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Absent share of registered lessons this school year (%).',
  })
  schoolYearPercent!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'The same over the last 4 school weeks (%).' })
  recentPercent!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'The 4 school weeks before those (%).' })
  previousPercent!: number | null;

  @ApiProperty({ enum: ['rising', 'falling', 'stable', 'unknown'] })
  trend!: string;

  @ApiProperty()
  lessonsRegistered!: number;

  @ApiProperty()
  wholeDaysAbsent!: number;

  @ApiProperty({ description: 'Late arrivals in the last 4 school weeks.' })
  lateArrivalsRecent!: number;

  @ApiProperty({ description: 'Early departures in the last 4 school weeks.' })
  earlyDeparturesRecent!: number;

  @ApiProperty({ description: 'Lessons present at school but not in class, last 4 school weeks.' })
  presentNotInClassRecent!: number;

  @ApiProperty({ enum: WEEKDAYS, isArray: true, description: 'Weekdays the absence concentrates on.' })
  weekdays!: string[];

  @ApiProperty({ type: [String], description: 'Subject codes the absence concentrates on.' })
  subjects!: string[];

  @ApiProperty({ type: [String], description: 'Teacher references the absence concentrates on.' })
  teachers!: string[];
}

/** The stored figures as the overview and a case page show them (one mapping for both). */
export function overviewFiguresFrom(f: AbsenceFigures): OverviewFiguresDto {
  return {
    evaluatedOn: f.asOf,
    thresholdPercent: f.thresholdPercent,
    schoolYearPercent: f.schoolYear.percent,
    recentPercent: f.recent.percent,
    previousPercent: f.previous.percent,
    trend: f.trend,
    lessonsRegistered: f.schoolYear.registered,
    wholeDaysAbsent: f.wholeDaysAbsent,
    lateArrivalsRecent: f.lateArrivalsRecent,
    earlyDeparturesRecent: f.earlyDeparturesRecent,
    presentNotInClassRecent: f.presentNotInClassRecent,
    weekdays: f.weekdays.map((w) => w.key),
    subjects: f.subjects.map((s) => s.key),
    teachers: f.teachers.map((t) => t.key),
  };
}

/** A case's "absence now": the student's latest figures and the triggers over their threshold. */
export class CaseAbsenceDto extends OverviewFiguresDto {
  @ApiProperty({ enum: CONCERN_TRIGGERS, isArray: true, description: 'Triggers over their threshold now.' })
  flags!: string[];
}

export class OverviewStudentDto {
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

  @ApiProperty({
    type: OverviewFiguresDto,
    nullable: true,
    description: 'null until an import has named the student.',
  })
  figures!: OverviewFiguresDto | null;

  @ApiProperty({ enum: CONCERN_TRIGGERS, isArray: true, description: 'Triggers over their threshold now.' })
  flags!: string[];

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  openCaseId!: string | null;

  @ApiProperty({
    description: 'Over a threshold and no open case: the students the missing plan rate counts.',
  })
  withoutOpenCase!: boolean;
}

export class AbsenceOverviewResponseDto {
  @ApiProperty({ format: 'uuid' })
  schoolId!: string;

  @ApiProperty({ type: [OverviewStudentDto] })
  students!: OverviewStudentDto[];

  @ApiProperty({ description: 'Students over any threshold now.' })
  overThreshold!: number;

  @ApiProperty({ description: 'Of those, the students without an open case.' })
  overThresholdWithoutOpenCase!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'overThresholdWithoutOpenCase / overThreshold (0–1); null when nobody is over a threshold.',
  })
  missingPlanRate!: number | null;
}
