import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { IsLocalDate } from '../../common/date-validators';
import { LOCAL_DATE } from '../../common/validation';
import { ClosedPeriodDto } from './closed-period.dto';

/** A school year's calendar; the school and the year come from the path. */
export class SchoolCalendarRequestDto {
  @ApiProperty({ example: '2026-08-18', pattern: LOCAL_DATE.source })
  @IsLocalDate()
  firstDay!: string;

  @ApiProperty({ example: '2027-06-22', pattern: LOCAL_DATE.source })
  @IsLocalDate()
  lastDay!: string;

  @ApiProperty({
    type: [ClosedPeriodDto],
    maxItems: 100,
    description: 'Holidays, breaks and planning days; both ends inclusive.',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ClosedPeriodDto)
  closedPeriods!: ClosedPeriodDto[];
}
