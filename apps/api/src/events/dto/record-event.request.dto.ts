import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_EVENT_TYPES, type CaseEventType } from '@tiltak/domain';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { IsInstant } from '../../common/date-validators';
import { INSTANT_EXAMPLE } from '../../common/validation';

/**
 * What a person records. The envelope is checked here; the payload against the class its `type` names
 * (RecordEventBodyPipe). The actor comes from the token and the event id from the Idempotency-Key, so
 * neither is accepted in the body, nor are case fields such as status, owner or school.
 */
export class RecordEventRequestDto {
  @ApiProperty({ enum: CASE_EVENT_TYPES })
  @IsIn(CASE_EVENT_TYPES)
  type!: CaseEventType;

  @ApiPropertyOptional({
    example: INSTANT_EXAMPLE,
    description: 'When it happened; default now. Never in the future.',
  })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;

  @ApiProperty({ type: Object, description: 'The fields of this type of event.' })
  @IsObject()
  payload!: Record<string, unknown>;
}
