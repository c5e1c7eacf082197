import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { TEXT_MAX } from '../../../common/validation';

/** Clocks stop while paused, e.g. during a long hospital stay. */
export class CasePausedPayloadDto {
  @ApiProperty({ enum: ['hospital-stay', 'long-term-illness', 'other'] })
  @IsIn(['hospital-stay', 'long-term-illness', 'other'])
  reason!: 'hospital-stay' | 'long-term-illness' | 'other';

  @ApiProperty({
    maxLength: TEXT_MAX,
    description: "Required when the reason is 'other'; no health details.",
  })
  @IsString()
  @MaxLength(TEXT_MAX)
  explanation!: string;
}
