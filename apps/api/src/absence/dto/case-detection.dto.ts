import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { type AbsencePattern, CONCERN_TRIGGERS, type CaseDetection } from '@tiltak/domain';

/** Why the system opened a case from absence data (ADR 0009): what the step-1 form starts from. */
export class CaseDetectionDto {
  @ApiProperty({
    enum: CONCERN_TRIGGERS,
    isArray: true,
    description: 'Every trigger that crossed, the case’s own first.',
  })
  triggers!: string[];

  @ApiProperty({ format: 'date', description: 'The day the figures are from.' })
  evaluatedOn!: string;

  @ApiProperty({ description: 'The threshold (%) that applied to the student.' })
  thresholdPercent!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Absent share this school year (%).' })
  schoolYearPercent!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Absent share over the last 4 school weeks (%).',
  })
  recentPercent!: number | null;

  @ApiProperty({ description: 'Late arrivals and early departures in the last 4 school weeks.' })
  lateOrEarlyRecent!: number;

  @ApiProperty({ description: 'Lessons present at school but not in class, last 4 school weeks.' })
  presentNotInClassRecent!: number;

  @ApiProperty({ type: [String], description: 'Subject codes the absence concentrates on.' })
  subjects!: string[];

  // The step-1 payload's component, generated from the domain's event schema (ADR 0008).
  @ApiProperty({
    allOf: [{ $ref: getSchemaPath('AbsencePatternDto') }],
    description: 'The pattern found, in the step-1 form’s shape (prefill).',
  })
  pattern!: AbsencePattern;

  static from(d: CaseDetection): CaseDetectionDto {
    const f = d.figures;
    return {
      triggers: [...d.triggers],
      evaluatedOn: f.asOf,
      thresholdPercent: f.thresholdPercent,
      schoolYearPercent: f.schoolYear.percent,
      recentPercent: f.recent.percent,
      lateOrEarlyRecent: f.lateArrivalsRecent + f.earlyDeparturesRecent,
      presentNotInClassRecent: f.presentNotInClassRecent,
      subjects: f.subjects.map((s) => s.key),
      pattern: { ...d.pattern, weekdays: [...d.pattern.weekdays] },
    };
  }
}
