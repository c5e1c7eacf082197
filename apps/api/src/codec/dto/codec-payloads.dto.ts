import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { CodecPayloadDto } from './codec-payload.dto';

export const MAX_CODEC_PAYLOADS = 1000;

/** Request and response body of /codec/encode and /codec/decode. */
export class CodecPayloadsDto {
  @ApiProperty({ type: [CodecPayloadDto], maxItems: MAX_CODEC_PAYLOADS })
  @IsArray()
  @ArrayMaxSize(MAX_CODEC_PAYLOADS)
  @ValidateNested({ each: true })
  @Type(() => CodecPayloadDto)
  payloads!: CodecPayloadDto[];
}
