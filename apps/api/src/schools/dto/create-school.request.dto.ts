import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { NAME_MAX } from '../../common/validation';

export class CreateSchoolRequestDto {
  @ApiProperty({ example: 'Fjordvik skole', maxLength: NAME_MAX })
  @IsString()
  @Length(1, NAME_MAX)
  name!: string;

  @ApiProperty({ example: 'Fjordvik kommune', maxLength: NAME_MAX })
  @IsString()
  @Length(1, NAME_MAX)
  municipality!: string;
}
