import { ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_LIST_MAX_LIMIT } from '@tiltak/persistence';
import { CASE_STATUSES, STEPS, type CaseStatus, type Step } from '@tiltak/domain';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from '../../common/date-validators';

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
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only cases whose next deadline falls due before this instant.',
  })
  @IsOptional()
  @IsInstant()
  deadlineBefore?: string;

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
