import { ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_LIST_MAX_LIMIT } from '@tiltak/persistence';
import {
  CASE_STATUSES,
  DEFAULT_INACTIVE_SCHOOL_DAYS,
  MAX_INACTIVE_SCHOOL_DAYS,
  STEPS,
  type CaseStatus,
  type Step,
} from '@tiltak/domain';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from '../../common/date-validators';

/** `true` and `false` in a query string are text; anything else stays as sent and fails IsBoolean. */
const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

export class CaseListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  studentId?: string;

  @ApiPropertyOptional({ enum: STEPS })
  @IsOptional()
  @Type(() => Number)
  @IsIn(STEPS)
  step?: Step;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerStaffId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only cases with a missed or escalated deadline (or only without).',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'Only cases whose escalation has fired for a deadline nobody has met since (or only without). Never a paused or closed case.',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  escalated?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description: "true: only the caller's own cases (owner = caller), within what the caller may see.",
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only cases whose next deadline falls due before this instant.',
  })
  @IsOptional()
  @IsInstant()
  dueBefore?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only cases whose next deadline falls due at or after this instant.',
  })
  @IsOptional()
  @IsInstant()
  dueAfter?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    deprecated: true,
    description: 'The earlier name of dueBefore (both may be given; the earlier instant applies).',
  })
  @IsOptional()
  @IsInstant()
  deadlineBefore?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_INACTIVE_SCHOOL_DAYS,
    example: DEFAULT_INACTIVE_SCHOOL_DAYS,
    description:
      "Only open cases where nobody has recorded anything (people's events; reminders do not count) for at least this many school days, counted on each school's calendar.",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INACTIVE_SCHOOL_DAYS)
  inactiveSchoolDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: CASE_LIST_MAX_LIMIT, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CASE_LIST_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor." })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
