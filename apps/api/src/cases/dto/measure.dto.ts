import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { STEPS, type MeasureResponsible, type Step } from '@tiltak/domain';

export class MeasureDto {
  @ApiProperty()
  measureId!: string;

  @ApiProperty()
  what!: string;

  // The component the event schema generates for a measure's responsible (record-event.schema.ts).
  @ApiProperty({ allOf: [{ $ref: getSchemaPath('MeasureResponsibleDto') }] })
  responsible!: MeasureResponsible;

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
