import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length, ValidateIf, ValidateNested } from 'class-validator';
import { NAME_MAX } from '../../common/validation';
import { ConcernProfileDto } from './concern-profile.dto';

/** Only the given fields change. The school cannot: a student who moves school is registered there. */
export class UpdateStudentRequestDto {
  @ApiPropertyOptional({ example: '6A', maxLength: 20 })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  className?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A new contact teacher; open cases keep their owner until reassigned.',
  })
  @IsOptional()
  @IsUUID()
  contactTeacherId?: string;

  @ApiPropertyOptional({ maxLength: NAME_MAX })
  @IsOptional()
  @IsString()
  @Length(1, NAME_MAX)
  givenName?: string;

  @ApiPropertyOptional({ maxLength: NAME_MAX })
  @IsOptional()
  @IsString()
  @Length(1, NAME_MAX)
  familyName?: string;

  @ApiPropertyOptional({ type: ConcernProfileDto, nullable: true, description: 'null removes the profile.' })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
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
