import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '@tiltak/domain';
import type { StaffMember } from '@tiltak/persistence';

export class StaffResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  role!: StaffRole;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: municipality-wide.' })
  schoolId!: string | null;

  @ApiProperty()
  active!: boolean;

  static from(staff: StaffMember): StaffResponseDto {
    return {
      id: staff.id,
      displayName: staff.displayName,
      email: staff.email,
      role: staff.role,
      schoolId: staff.schoolId,
      active: staff.active,
    };
  }
}
