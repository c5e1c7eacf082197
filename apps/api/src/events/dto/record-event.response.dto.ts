import { ApiProperty } from '@nestjs/swagger';
import { CaseResponseDto } from '../../cases/dto/case.response.dto';
import { RecordedEventDto } from './recorded-event.dto';

export class RecordEventResponseDto {
  @ApiProperty({ type: RecordedEventDto })
  event!: RecordedEventDto;

  @ApiProperty({ type: CaseResponseDto, description: 'The case after the event.' })
  case!: CaseResponseDto;
}
