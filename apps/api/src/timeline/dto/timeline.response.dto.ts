import { ApiProperty } from '@nestjs/swagger';
import { TimelineEntryDto } from './timeline-entry.dto';

export class TimelineResponseDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({
    type: [TimelineEntryDto],
    description:
      "The full audit trail in the order it was recorded: people's events and the system's (reminders, missed deadlines, escalations, notifications).",
  })
  entries!: TimelineEntryDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `afterSeq` for the next page; null when this page is the last.',
  })
  nextAfterSeq!: string | null;
}
