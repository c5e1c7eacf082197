import { ApiProperty } from '@nestjs/swagger';
import { STEPS, type Step } from '@tiltak/domain';
import { MeasureResponsibleDto } from '../../events/dto/payloads/measure-responsible.dto';

export class MeasureDto {
  @ApiProperty()
  measureId!: string;

  @ApiProperty()
  what!: string;

  @ApiProperty({ type: MeasureResponsibleDto })
  responsible!: MeasureResponsibleDto;

  @ApiProperty()
  how!: string;

  @ApiProperty({ example: '2026-11-23' })
  startsOn!: string;

  @ApiProperty({ example: '2026-12-14' })
  evaluateBy!: string;

  @ApiProperty()
  ifNotPossible!: string;

  @ApiProperty({ enum: STEPS, description: 'The step the measure was planned at.' })
  step!: Step;
}
