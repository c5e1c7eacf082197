import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ABSENCE_REASONS, ATTENDANCE_STATUSES } from '@tiltak/domain';

/** One lesson of one student, as an integration sends it; the same checks as a CSV row. */
export class AbsenceRecordDto {
  @ApiProperty({ example: 'VFS-00001', description: 'The school system’s student reference.' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  studentRef!: string;

  @ApiProperty({ example: '2026-11-23', format: 'date' })
  @IsString()
  @MaxLength(10)
  date!: string;

  @ApiProperty({ example: 1, minimum: 1, maximum: 20 })
  @IsInt()
  @Min(1)
  @Max(20)
  period!: number;

  @ApiProperty({ example: 'MAT' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  subject!: string;

  @ApiPropertyOptional({ example: 'T-MAT' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  teacherRef?: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status!: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 600,
    description: 'Minutes late (required for late) or left early.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  minutes?: number;

  @ApiPropertyOptional({ enum: ABSENCE_REASONS, description: 'A closed list: never free text.' })
  @IsOptional()
  @IsIn(ABSENCE_REASONS)
  reason?: string;
}

export class AbsenceRecordsRequestDto {
  @ApiProperty({ type: [AbsenceRecordDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AbsenceRecordDto)
  records!: AbsenceRecordDto[];
}
