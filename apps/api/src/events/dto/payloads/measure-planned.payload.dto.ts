import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsLocalDate } from '../../../common/date-validators';
import { LOCAL_DATE_EXAMPLE, TEXT_MAX } from '../../../common/validation';
import { MeasureResponsibleDto } from './measure-responsible.dto';

/** A measure (tiltak) for three weeks at a time. Its id is the event's id, assigned by the API. */
export class MeasurePlannedPayloadDto {
  @ApiProperty({ maxLength: TEXT_MAX, example: 'Fast voksen tar imot eleven om morgenen' })
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  what!: string;

  @ApiProperty({ type: MeasureResponsibleDto })
  @ValidateNested()
  @Type(() => MeasureResponsibleDto)
  responsible!: MeasureResponsibleDto;

  @ApiProperty({ maxLength: TEXT_MAX, example: 'Møtes ved inngangen kl. 08.15' })
  @IsString()
  @MaxLength(TEXT_MAX)
  how!: string;

  @ApiProperty({ example: LOCAL_DATE_EXAMPLE })
  @IsLocalDate()
  startsOn!: string;

  @ApiProperty({ example: '2026-12-14', description: 'When the measure is evaluated.' })
  @IsLocalDate()
  evaluateBy!: string;

  @ApiProperty({ maxLength: TEXT_MAX, description: 'What to do if the measure cannot be carried out.' })
  @IsString()
  @MaxLength(TEXT_MAX)
  ifNotPossible!: string;
}
