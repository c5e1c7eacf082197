import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

/** Step 3: the case is reported to the competence team (after consent). */
export class ReferralSentPayloadDto {
  @ApiProperty({ enum: ['competence-team'] })
  @IsIn(['competence-team'])
  to!: 'competence-team';
}
