import { ApiProperty } from '@nestjs/swagger';
import { STEPS, type Step } from '@tiltak/domain';
import { PlanResponsibleDto } from './plan-responsible.dto';

export class PlanMeasureDto {
  @ApiProperty()
  measureId!: string;

  @ApiProperty({ enum: STEPS })
  step!: Step;

  @ApiProperty({ description: 'The measure.' })
  what!: string;

  @ApiProperty()
  how!: string;

  @ApiProperty({ type: PlanResponsibleDto, description: 'Who is responsible for carrying it out.' })
  responsible!: PlanResponsibleDto;

  @ApiProperty({ example: '2026-11-23', description: 'When it is carried out from.' })
  startsOn!: string;

  @ApiProperty({ example: '2026-12-14', description: 'When it is evaluated.' })
  evaluateBy!: string;

  @ApiProperty()
  ifNotPossible!: string;

  @ApiProperty({ format: 'date-time' })
  plannedAt!: string;
}
