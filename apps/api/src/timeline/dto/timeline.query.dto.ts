import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const TIMELINE_DEFAULT_LIMIT = 500;
export const TIMELINE_MAX_LIMIT = 1000;

/** Long step-4 cases collect many events: the trail is read in pages, oldest first. */
export class TimelineQueryDto {
  @ApiPropertyOptional({
    description: 'Continue after this entry (the `nextAfterSeq` of the previous page).',
    example: '42',
  })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'må være en posisjon fra en tidligere side (nextAfterSeq)' })
  afterSeq?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: TIMELINE_MAX_LIMIT, default: TIMELINE_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(TIMELINE_MAX_LIMIT)
  limit?: number;
}
