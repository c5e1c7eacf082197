import { ApiProperty } from '@nestjs/swagger';
import { PARTNER_SERVICES, type PartnerService } from '@tiltak/domain';
import { IsIn } from 'class-validator';

/**
 * Step 3: the case is reported to the competence team (after consent). Step 4: a partner (PPT, the
 * mobile team, the health nurse) is brought into the collaboration. The named service gets access.
 */
export class ReferralSentPayloadDto {
  @ApiProperty({
    enum: PARTNER_SERVICES,
    description: 'Step 3: competence-team. Step 4: ppt, mobile-team or health-nurse.',
  })
  @IsIn(PARTNER_SERVICES)
  to!: PartnerService;
}
