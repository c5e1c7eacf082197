import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES } from './domain-error';

class FieldErrorDto {
  @ApiProperty({ example: 'payload.conclusion' })
  field!: string;

  @ApiProperty({ example: 'must be one of explained, concern-remains' })
  message!: string;
}

/** Every 4xx and 5xx body. */
export class ErrorResponseDto {
  @ApiProperty({
    enum: [...ERROR_CODES, 'INTERNAL_ERROR'],
    example: 'VALIDATION_FAILED',
  })
  code!: string;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  fieldErrors?: FieldErrorDto[];

  @ApiPropertyOptional({
    description: "A machine-readable reason, e.g. the workflow's rejection code.",
    example: 'PREREQUISITE_MISSING',
  })
  reason?: string;

  @ApiPropertyOptional({ description: 'Where the conflicting or pending resource is.' })
  location?: string;

  @ApiPropertyOptional({ description: 'Quote this when reporting a 500.' })
  errorId?: string;

  @ApiPropertyOptional()
  requestId?: string;
}
