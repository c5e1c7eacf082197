import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '@tiltak/domain';

export class PlanResponsibleDto {
  @ApiProperty({ enum: ['staff', 'student', 'guardians'] })
  kind!: 'staff' | 'student' | 'guardians';

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  staffId!: string | null;

  @ApiProperty({ enum: STAFF_ROLES, nullable: true })
  role!: StaffRole | null;

  @ApiProperty({ type: String, nullable: true })
  displayName!: string | null;
}
