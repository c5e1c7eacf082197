import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { TEXT_MAX } from '../../../common/validation';

export class NotePayloadDto {
  @ApiProperty({
    maxLength: TEXT_MAX,
    description: 'A short note. Never health details: use the structured fields.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  text!: string;
}
