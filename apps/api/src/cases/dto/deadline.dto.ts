import { ApiProperty } from '@nestjs/swagger';
import {
  DEADLINE_KINDS,
  DEADLINE_STATUSES,
  STEPS,
  type DeadlineKind,
  type DeadlineStatus,
  type Step,
} from '@tiltak/domain';

export class DeadlineDto {
  @ApiProperty({ example: 'step2-meeting#2' })
  id!: string;

  @ApiProperty({ enum: DEADLINE_KINDS })
  kind!: DeadlineKind;

  @ApiProperty({ enum: STEPS })
  step!: Step;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty({ format: 'date-time' })
  remindAt!: string;

  @ApiProperty({ format: 'date-time' })
  escalateAt!: string;

  @ApiProperty({ enum: DEADLINE_STATUSES })
  status!: DeadlineStatus;
}
