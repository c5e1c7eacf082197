import { Body, Controller, Headers, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentCaller, OptionalCaller } from '../auth/current-caller.decorator';
import { OptionalAuth } from '../auth/public.decorator';
import { ErrorResponseDto } from '../errors/error.response.dto';
import { CodecRateLimit } from '../http/rate-limits';
import { CodecService } from './codec.service';
import { CodecPayloadsDto } from './dto/codec-payloads.dto';

@ApiTags('codec')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Namespace', required: false, description: 'Sent by the Temporal UI.' })
@ApiTooManyRequestsResponse({
  type: ErrorResponseDto,
  description:
    'Too many codec calls from this address (API_RATE_LIMIT_CODEC_PER_MINUTE); Retry-After says when to retry.',
})
@UseGuards(CodecRateLimit)
@Controller('codec')
export class CodecController {
  constructor(private readonly codec: CodecService) {}

  @Post('decode')
  @HttpCode(HttpStatus.OK)
  @OptionalAuth()
  @ApiOperation({
    summary: 'Decrypt Temporal payloads for the Temporal UI (token scope codec:decode).',
    description:
      "Temporal's remote codec protocol. Point the UI at /codec (--ui-codec-endpoint) and let it pass the user's access token. " +
      'Without a token the payloads come back unchanged (still encrypted), so the UI keeps working for operations staff ' +
      'who may see workflows but not what they carry.',
  })
  @ApiOkResponse({ type: CodecPayloadsDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: 'The token lacks the codec:decode scope (logged).',
  })
  async decode(
    @OptionalCaller() caller: Caller | undefined,
    @Headers('x-namespace') namespace: string | undefined,
    @Body() body: CodecPayloadsDto,
  ): Promise<CodecPayloadsDto> {
    if (!caller) return body;
    return this.codec.decode(caller, namespace ?? null, body);
  }

  @Post('encode')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Encrypt payloads with the active key (token scope codec:encode).' })
  @ApiOkResponse({ type: CodecPayloadsDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  async encode(
    @CurrentCaller() caller: Caller,
    @Headers('x-namespace') namespace: string | undefined,
    @Body() body: CodecPayloadsDto,
  ): Promise<CodecPayloadsDto> {
    return this.codec.encode(caller, namespace ?? null, body);
  }
}
