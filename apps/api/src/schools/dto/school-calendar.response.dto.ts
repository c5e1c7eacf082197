import { ApiProperty } from '@nestjs/swagger';
import type { SchoolCalendar } from '@tiltak/domain';
import { ClosedPeriodDto } from './closed-period.dto';

export class SchoolCalendarResponseDto {
  @ApiProperty({ format: 'uuid' })
  schoolId!: string;

  @ApiProperty({ example: '2026-2027' })
  schoolYear!: string;

  @ApiProperty({ example: '2026-08-18' })
  firstDay!: string;

  @ApiProperty({ example: '2027-06-22' })
  lastDay!: string;

  @ApiProperty({ type: [ClosedPeriodDto] })
  closedPeriods!: ClosedPeriodDto[];

  static from(schoolId: string, calendar: SchoolCalendar): SchoolCalendarResponseDto {
    return {
      schoolId,
      schoolYear: calendar.schoolYear,
      firstDay: calendar.firstDay,
      lastDay: calendar.lastDay,
      closedPeriods: calendar.closedPeriods.map(({ from, to, kind, name }) => ({ from, to, kind, name })),
    };
  }
}
