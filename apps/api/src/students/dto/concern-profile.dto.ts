import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Max, Min } from 'class-validator';
import { IsDecimal } from '../../common/value-validators';
import { IsLocalDate } from '../../common/date-validators';
import { LOCAL_DATE_EXAMPLE } from '../../common/validation';
import {
  CONCERN_PROFILE_REASONS,
  DEFAULT_CONCERN_THRESHOLD_PERCENT,
  type ConcernProfileReason,
} from '@tiltak/domain';

/** An especially vulnerable student (skjerpet aktivitetsplikt) gets a lower absence threshold. */
export class ConcernProfileDto {
  @ApiProperty({ example: 5, minimum: 0.5, maximum: DEFAULT_CONCERN_THRESHOLD_PERCENT - 0.5 })
  @IsDecimal(1)
  @Min(0.5)
  @Max(DEFAULT_CONCERN_THRESHOLD_PERCENT - 0.5)
  lowerThresholdPercent!: number;

  @ApiProperty({
    enum: CONCERN_PROFILE_REASONS,
    description: 'The ground, never health details: function level, family situation, traits.',
  })
  @IsIn(CONCERN_PROFILE_REASONS)
  reason!: ConcernProfileReason;

  @ApiProperty({ example: LOCAL_DATE_EXAMPLE, description: 'When the profile is reviewed.' })
  @IsLocalDate()
  reviewOn!: string;
}
