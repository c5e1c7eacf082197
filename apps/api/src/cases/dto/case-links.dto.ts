import { ApiProperty } from '@nestjs/swagger';

export class CaseLinksDto {
  @ApiProperty({ example: '/api/cases/9b1c…' })
  self!: string;

  @ApiProperty({ description: 'POST events here (Idempotency-Key required).' })
  events!: string;

  @ApiProperty()
  timeline!: string;

  @ApiProperty()
  activityPlan!: string;
}
