import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '@tiltak/domain';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { NAME_MAX } from '../../common/validation';
import { IsEmailAddress } from '../../common/value-validators';

export class CreateStaffRequestDto {
  @ApiProperty({ example: 'Ingrid Haugen', maxLength: NAME_MAX })
  @IsString()
  @Length(1, NAME_MAX)
  displayName!: string;

  @ApiProperty({ example: 'ingrid.haugen@example.no', maxLength: 254 })
  @IsEmailAddress()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The school, or null for municipality-wide staff (PPT, mobile team, health nurse).',
  })
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  schoolId!: string | null;

  @ApiProperty({
    required: false,
    type: [String],
    format: 'uuid',
    maxItems: 200,
    description:
      'Municipality-wide partners (competence team, PPT, mobile team, health nurse) only: the schools ' +
      'they serve. They see a case assigned to their service only at these schools.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  servesSchoolIds?: string[];

  @ApiProperty({
    required: false,
    nullable: true,
    type: String,
    maxLength: 255,
    example: 'ingrid.haugen@fjordvik.kommune.no',
    description:
      "Who signs in to the web app as this staff member: the person's id at the sign-in provider (Feide's user id, the claim AUTH_OIDC_SUBJECT_CLAIM names). Several staff rows of one person share it.",
  })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @Length(1, 255)
  oidcSubject?: string | null;
}
