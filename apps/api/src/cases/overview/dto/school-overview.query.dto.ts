import { ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_INACTIVE_SCHOOL_DAYS, MAX_INACTIVE_SCHOOL_DAYS } from '@tiltak/domain';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class SchoolOverviewQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_INACTIVE_SCHOOL_DAYS,
    default: DEFAULT_INACTIVE_SCHOOL_DAYS,
    description: 'N in "open cases with no activity for N school days" (on the school\'s calendar).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INACTIVE_SCHOOL_DAYS)
  inactiveSchoolDays?: number;
}
