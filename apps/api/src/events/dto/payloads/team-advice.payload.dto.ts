import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { TEXT_MAX } from '../../../common/validation';

/** The competence team's advice, taken into account at the step-3 evaluation. */
export class TeamAdvicePayloadDto {
  @ApiProperty({ maxLength: TEXT_MAX })
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  advice!: string;
}
