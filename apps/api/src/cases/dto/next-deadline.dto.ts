import { ApiProperty } from '@nestjs/swagger';
import { DEADLINE_KINDS, type DeadlineKind } from '@tiltak/domain';

export class NextDeadlineDto {
  @ApiProperty({ enum: DEADLINE_KINDS })
  kind!: DeadlineKind;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;
}
