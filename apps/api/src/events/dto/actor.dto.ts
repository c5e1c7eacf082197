import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '@tiltak/domain';

export class ActorDto {
  @ApiProperty({ format: 'uuid' })
  staffId!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  role!: StaffRole;

  @ApiPropertyOptional({ description: 'From the staff directory, when known.' })
  displayName?: string;
}
