import { ApiProperty } from '@nestjs/swagger';
import { RESPONSIBLE_KINDS, STAFF_ROLES, type ResponsibleKind, type StaffRole } from '@tiltak/domain';

export class PlanResponsibleDto {
  @ApiProperty({ enum: RESPONSIBLE_KINDS })
  kind!: ResponsibleKind;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  staffId!: string | null;

  @ApiProperty({ enum: STAFF_ROLES, nullable: true })
  role!: StaffRole | null;

  @ApiProperty({ type: String, nullable: true })
  displayName!: string | null;
}
