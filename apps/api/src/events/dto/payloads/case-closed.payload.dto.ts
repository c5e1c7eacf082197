import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { TEXT_MAX } from '../../../common/validation';

/** Closing outside an evaluation, e.g. the student moved school. */
export class CaseClosedPayloadDto {
  @ApiProperty({ enum: ['resolved', 'moved-school', 'other'] })
  @IsIn(['resolved', 'moved-school', 'other'])
  reason!: 'resolved' | 'moved-school' | 'other';

  @ApiProperty({ maxLength: TEXT_MAX, description: "Required when the reason is 'other'." })
  @IsString()
  @MaxLength(TEXT_MAX)
  explanation!: string;
}
