import { ApiProperty } from '@nestjs/swagger';
import { EVALUATION_DECISIONS, type EvaluationDecision } from '@tiltak/domain';
import { IsIn, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsDecimal } from '../../../common/value-validators';
import { TEXT_MAX } from '../../../common/validation';

/** The evaluation after a 3-week period: the absence now, the effect, the student's voice, the decision. */
export class EvaluationRecordedPayloadDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 8.5 })
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  absencePercent!: number;

  @ApiProperty({ enum: ['improved', 'unchanged', 'worse'] })
  @IsIn(['improved', 'unchanged', 'worse'])
  effect!: 'improved' | 'unchanged' | 'worse';

  @ApiProperty({ maxLength: TEXT_MAX, description: "The student's voice is always represented." })
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  studentVoice!: string;

  @ApiProperty({
    enum: EVALUATION_DECISIONS,
    description:
      'Step 2: close-resolved or next-step; steps 3–4 may also continue-period; step 4 cannot go further.',
  })
  @IsIn(EVALUATION_DECISIONS)
  decision!: EvaluationDecision;
}
