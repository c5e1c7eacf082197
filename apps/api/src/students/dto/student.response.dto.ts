import { ApiProperty } from '@nestjs/swagger';
import type { Student } from '@tiltak/persistence';
import { concernThresholdPercent } from '@tiltak/domain';
import { ConcernProfileDto } from './concern-profile.dto';

export class StudentResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Pseudonymous: the only id cases, workflows and logs use.' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  schoolId!: string;

  @ApiProperty()
  className!: string;

  @ApiProperty({ format: 'uuid' })
  contactTeacherId!: string;

  @ApiProperty()
  givenName!: string;

  @ApiProperty()
  familyName!: string;

  @ApiProperty({ type: ConcernProfileDto, nullable: true })
  concernProfile!: ConcernProfileDto | null;

  @ApiProperty({
    description: 'The absence share (%) at which absence is concerning for this student.',
    example: 10,
  })
  concernThresholdPercent!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The school administration system's reference (absence imports name the student by it).",
  })
  externalRef!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static from(student: Student): StudentResponseDto {
    const profile = student.concernProfile;
    return {
      id: student.id,
      schoolId: student.schoolId,
      className: student.className,
      contactTeacherId: student.contactTeacherId,
      givenName: student.givenName,
      familyName: student.familyName,
      concernProfile: profile
        ? {
            lowerThresholdPercent: profile.lowerThresholdPercent,
            reason: profile.reason as ConcernProfileDto['reason'],
            reviewOn: profile.reviewOn,
          }
        : null,
      concernThresholdPercent: concernThresholdPercent(profile),
      externalRef: student.externalRef,
      updatedAt: student.updatedAt,
    };
  }
}
