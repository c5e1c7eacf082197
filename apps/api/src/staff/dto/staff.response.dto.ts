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

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Municipality-wide partners: the schools they serve; empty for everyone else.',
  })
  servesSchoolIds!: string[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: "Who signs in as this staff member (the sign-in provider's user id); null: nobody.",
  })
  oidcSubject!: string | null;

  @ApiProperty()
  active!: boolean;

  static from(staff: StaffMember): StaffResponseDto {
    return {
      id: staff.id,
      displayName: staff.displayName,
      email: staff.email,
      role: staff.role,
      schoolId: staff.schoolId,
      servesSchoolIds: [...staff.servesSchoolIds],
      oidcSubject: staff.oidcSubject,
      active: staff.active,
    };
  }
}
