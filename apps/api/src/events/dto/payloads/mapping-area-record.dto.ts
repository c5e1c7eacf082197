import { ApiProperty } from '@nestjs/swagger';
import { RISK_FACTORS, type RiskFactor } from '@tiltak/domain';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { TEXT_MAX } from '../../../common/validation';

export class MappingAreaRecordDto {
  @ApiProperty({
    enum: RISK_FACTORS,
    isArray: true,
    description: "The analysis model's risk factors, as checkboxes.",
  })
  @IsArray()
  @ArrayMaxSize(RISK_FACTORS.length)
  @ArrayUnique()
  @IsIn(RISK_FACTORS, { each: true })
  riskFactors!: RiskFactor[];

  @ApiProperty({
    maxLength: TEXT_MAX,
    description: 'A short summary; use the risk factors for anything touching health.',
  })
  @IsString()
  @MaxLength(TEXT_MAX)
  summary!: string;
}
