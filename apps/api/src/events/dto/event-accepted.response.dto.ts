import { ApiProperty } from '@nestjs/swagger';

/** 202: the workflow has the event (it will not be lost) but has not finished recording it. */
export class EventAcceptedResponseDto {
  @ApiProperty({ enum: ['accepted'] })
  status!: 'accepted';

  @ApiProperty()
  eventId!: string;

  @ApiProperty({ description: 'Poll here; 200 once recorded.' })
  location!: string;

  @ApiProperty()
  message!: string;
}
