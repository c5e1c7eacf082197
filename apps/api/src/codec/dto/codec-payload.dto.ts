import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBase64, IsObject, IsOptional } from 'class-validator';

/** A Temporal Payload in the remote codec protocol's JSON form: metadata values and data in base64. */
export class CodecPayloadDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte' },
    example: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==' },
  })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ format: 'byte' })
  @IsOptional()
  @IsBase64()
  data?: string;
}
