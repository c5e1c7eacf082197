import { ApiProperty } from '@nestjs/swagger';
import { CHECKLIST_CODES, type ChecklistCode } from '@tiltak/domain';

/** One thing the case's current step still lacks. */
export class ChecklistItemDto {
  @ApiProperty({ enum: CHECKLIST_CODES, description: 'Stable, for programs.' })
  code!: ChecklistCode;

  @ApiProperty({ description: 'For people, in Norwegian bokmål.' })
  text!: string;
}
