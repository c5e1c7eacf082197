import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONCERN_TRIGGERS, type ConcernTrigger } from '@tiltak/domain';
import { IsIn, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsDecimal } from '../../common/value-validators';

/**
 * Raising a concern. The school and the owner (the student's contact teacher) come from the directory
 * and the status from the workflow: they are not accepted here.
 */
export class OpenCaseRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studentId!: string;

  @ApiProperty({ enum: CONCERN_TRIGGERS, description: 'Which of the four concern triggers raised it.' })
  @IsIn(CONCERN_TRIGGERS)
  trigger!: ConcernTrigger;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    example: 12.5,
    description: 'The absence share (%) that raised it; required for absence-percentage.',
  })
  @IsOptional()
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  absencePercent?: number;
}
