import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '@tiltak/domain';

/** One staff row of the signed-in person: a role at a school, or municipality-wide. */
export class StaffAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  staffId!: string;

  @ApiProperty({ example: 'Ingrid Haugen' })
  name!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  role!: StaffRole;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: municipality-wide.' })
  schoolId!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Fjordvik barneskole' })
  schoolName!: string | null;
}

class SessionPersonDto {
  @ApiProperty({ example: 'Ingrid Haugen' })
  name!: string;
}

/** The signed-in person, the assignment they act as now, and the CSRF token for their writes. */
export class SessionResponseDto {
  @ApiProperty({ type: SessionPersonDto })
  person!: SessionPersonDto;

  @ApiProperty({
    type: StaffAssignmentDto,
    description: 'The staff row every request of this session acts as.',
  })
  actingAs!: StaffAssignmentDto;

  @ApiProperty({
    type: [StaffAssignmentDto],
    description:
      'Every active assignment of the person; PUT /api/auth/session/acting-as switches between them.',
  })
  assignments!: StaffAssignmentDto[];

  @ApiProperty({
    description:
      'Send as X-CSRF-Token on every request other than GET, HEAD and OPTIONS made with the session cookie.',
  })
  csrfToken!: string;

  @ApiProperty({ format: 'date-time', description: 'Each request moves it on (AUTH_SESSION_IDLE_MINUTES).' })
  idleExpiresAt!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'The session ends then at the latest (AUTH_SESSION_ABSOLUTE_HOURS).',
  })
  absoluteExpiresAt!: string;
}

export class LogoutResponseDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "The sign-in provider's logout page (RP-initiated logout) to send the browser to, or null when it has none.",
  })
  endSessionUrl!: string | null;
}
