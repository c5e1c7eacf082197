import { ApiProperty } from '@nestjs/swagger';
import { PARTNER_SERVICES, type AssignmentReason, type PartnerService } from '@tiltak/domain';

/** A service brought into the case; its staff serving the case's school may see the case. */
export class PartnerAssignmentDto {
  @ApiProperty({ enum: PARTNER_SERVICES })
  service!: PartnerService;

  @ApiProperty({ enum: ['referral', 'escalation'] })
  reason!: AssignmentReason;

  @ApiProperty({
    description: 'The referral-sent, deadline-missed or escalated event that named the service.',
  })
  sourceEventId!: string;

  @ApiProperty({ format: 'date-time' })
  assignedAt!: string;
}
