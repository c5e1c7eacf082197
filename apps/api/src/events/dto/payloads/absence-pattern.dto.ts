import { ApiProperty } from '@nestjs/swagger';
import { WEEKDAYS, type Weekday } from '@tiltak/domain';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn } from 'class-validator';

/** The step-1 call starts with the pattern: which weekdays, runs of days or single days, late arrivals. */
export class AbsencePatternDto {
  @ApiProperty({
    enum: WEEKDAYS,
    isArray: true,
    example: ['monday'],
    description: 'Weekdays the absence clusters on (often Mondays?).',
  })
  @IsArray()
  @ArrayMaxSize(WEEKDAYS.length)
  @ArrayUnique()
  @IsIn(WEEKDAYS, { each: true })
  weekdays!: Weekday[];

  @ApiProperty({ description: 'Runs of consecutive days.' })
  @IsBoolean()
  consecutiveDays!: boolean;

  @ApiProperty({ description: 'Single days here and there.' })
  @IsBoolean()
  singleDays!: boolean;

  @ApiProperty()
  @IsBoolean()
  lateArrivals!: boolean;

  @ApiProperty()
  @IsBoolean()
  leavingEarly!: boolean;

  @ApiProperty({ description: 'Doctor or dentist appointments, or assessment days.' })
  @IsBoolean()
  appointmentsOrAssessmentDays!: boolean;
}
