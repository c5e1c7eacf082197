import { ApiProperty } from '@nestjs/swagger';
import { RecordedEventDto } from './recorded-event.dto';

export class CaseEventResponseDto {
  @ApiProperty({ type: RecordedEventDto })
  event!: RecordedEventDto;
}
