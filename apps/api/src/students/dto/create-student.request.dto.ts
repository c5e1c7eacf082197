import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { NAME_MAX } from '../../common/validation';
import { ConcernProfileDto } from './concern-profile.dto';

export class CreateStudentRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  schoolId!: string;

  @ApiProperty({ example: '5A', maxLength: 20 })
  @IsString()
  @Length(1, 20)
  className!: string;

  @ApiProperty({
    format: 'uuid',
    description: "The student's contact teacher (kontaktlærer) at the school; owns the student's cases.",
  })
  @IsUUID()
  contactTeacherId!: string;

  @ApiProperty({ example: 'Mia', maxLength: NAME_MAX })
  @IsString()
  @Length(1, NAME_MAX)
  givenName!: string;

  @ApiProperty({ example: 'Johansen', maxLength: NAME_MAX })
  @IsString()
  @Length(1, NAME_MAX)
  familyName!: string;

  @ApiPropertyOptional({ type: ConcernProfileDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConcernProfileDto)
  concernProfile?: ConcernProfileDto | null;

  @ApiPropertyOptional({
    example: 'VFS-00001',
    maxLength: 64,
    nullable: true,
    description:
      "The school administration system's student reference, unique per school: absence imports name the student by it.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  externalRef?: string | null;
}
