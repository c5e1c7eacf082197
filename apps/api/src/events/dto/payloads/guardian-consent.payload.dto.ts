import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

/** Step 3: the guardians' consent to refer the case to the competence team. */
export class GuardianConsentPayloadDto {
  @ApiProperty()
  @IsBoolean()
  consentGiven!: boolean;
}
