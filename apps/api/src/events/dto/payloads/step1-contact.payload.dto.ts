import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { TEXT_MAX } from '../../../common/validation';
import { AbsencePatternDto } from './absence-pattern.dto';

/** Step 1: the talk with the student and the call home (oppklare bekymring). */
export class Step1ContactPayloadDto {
  @ApiProperty({ description: 'Talked with the student, as age allows.' })
  @IsBoolean()
  talkedWithStudent!: boolean;

  @ApiProperty({
    enum: [true],
    description: 'Must be true: attempts that did not reach the guardians are notes.',
  })
  @IsBoolean()
  guardiansContacted!: boolean;

  @ApiProperty({ type: AbsencePatternDto })
  @ValidateNested()
  @Type(() => AbsencePatternDto)
  pattern!: AbsencePatternDto;

  @ApiProperty({ maxLength: TEXT_MAX, description: "The guardians' view, briefly. No health details." })
  @IsString()
  @MaxLength(TEXT_MAX)
  guardiansView!: string;

  @ApiProperty({
    enum: ['explained', 'concern-remains'],
    description: 'explained closes the case at step 1; concern-remains moves it to step 2.',
  })
  @IsIn(['explained', 'concern-remains'])
  conclusion!: 'explained' | 'concern-remains';
}
