import { Injectable, Logger } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { EncryptionCodec } from '@tiltak/temporal';
import { AccessAudit } from '../access/access-audit.service';
import { type Caller, SCOPES, hasScope } from '../auth/caller';
import { DomainError } from '../errors/domain-error';
import { validationFailed } from '../errors/validation-errors';
import { ApiConfig } from '../infrastructure/api-config';
import type { CodecPayloadDto } from './dto/codec-payload.dto';
import type { CodecPayloadsDto } from './dto/codec-payloads.dto';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Temporal's remote codec for the Temporal UI: decodes (or encodes) payloads with the configured keys,
 * for callers whose token carries the scope. Everyone else, operations included, sees ciphertext.
 */
@Injectable()
export class CodecService {
  private readonly codec: EncryptionCodec;
  private readonly logger = new Logger('codec');

  constructor(
    config: ApiConfig,
    private readonly audit: AccessAudit,
  ) {
    this.codec = new EncryptionCodec(config.values.codec);
  }

  async decode(caller: Caller, namespace: string | null, body: CodecPayloadsDto): Promise<CodecPayloadsDto> {
    await this.requireScope(caller, SCOPES.codecDecode, 'codec.decode', namespace);
    try {
      return { payloads: (await this.codec.decode(body.payloads.map(fromJson))).map(toJson) };
    } catch (err) {
      // The crypto library's words (an unknown key id, a failed tag check) are for the log, not the client.
      this.logger.warn({
        msg: 'Payload not decodable',
        error: err instanceof Error ? err.message : String(err),
      });
      throw new DomainError(
        'UNPROCESSABLE',
        'Minst én payload kunne ikke dekrypteres med nøklene som er satt opp.',
        {
          reason: 'UNDECODABLE_PAYLOAD',
        },
      );
    }
  }

  async encode(caller: Caller, namespace: string | null, body: CodecPayloadsDto): Promise<CodecPayloadsDto> {
    await this.requireScope(caller, SCOPES.codecEncode, 'codec.encode', namespace);
    return { payloads: (await this.codec.encode(body.payloads.map(fromJson))).map(toJson) };
  }

  private async requireScope(
    caller: Caller,
    scope: (typeof SCOPES)['codecDecode' | 'codecEncode'],
    action: 'codec.decode' | 'codec.encode',
    namespace: string | null,
  ): Promise<void> {
    const decision = hasScope(caller, scope)
      ? { allowed: true as const }
      : { allowed: false as const, reason: `the token lacks the ${scope} scope` };
    await this.audit.requirePermitted(caller, decision, action, 'codec', namespace?.slice(0, 100) ?? null);
  }
}

function fromJson(payload: CodecPayloadDto, index: number): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) {
    if (typeof value !== 'string' || !BASE64.test(value)) {
      throw validationFailed([{ field: `payloads[${index}].metadata.${key}`, message: 'must be base64' }]);
    }
    metadata[key] = Buffer.from(value, 'base64');
  }
  return { metadata, data: Buffer.from(payload.data ?? '', 'base64') };
}

function toJson(payload: Payload): CodecPayloadDto {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) {
    if (value) metadata[key] = Buffer.from(value).toString('base64');
  }
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}
