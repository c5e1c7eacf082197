import { ApiProperty } from '@nestjs/swagger';
import { RecordedEventDto } from '../../events/dto/recorded-event.dto';

export class TimelineEntryDto extends RecordedEventDto {
  @ApiProperty({ description: 'Position in the audit trail.' })
  seq!: string;

  @ApiProperty({ enum: ['person', 'system'] })
  origin!: 'person' | 'system';
}
