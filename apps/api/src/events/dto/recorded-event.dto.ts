import { ApiProperty } from '@nestjs/swagger';
import { STEPS, type Step } from '@tiltak/domain';
import { ActorDto } from './actor.dto';

/** An event as the case recorded it: by whom, at which step, when. */
export class RecordedEventDto {
  @ApiProperty()
  eventId!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({
    example: 'step1-contact',
    description:
      "A person's event type, or the system's (case-opened, reminder-due, deadline-missed, escalated, step-entered, partner-assigned, case-ended…).",
  })
  type!: string;

  @ApiProperty({ enum: STEPS, description: 'The step the case was at when it happened.' })
  step!: Step;

  @ApiProperty({ type: ActorDto, nullable: true, description: 'null: the system.' })
  actor!: ActorDto | null;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ type: Object })
  payload!: unknown;
}
