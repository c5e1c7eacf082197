// AES-256-GCM payload codec: nothing a workflow carries is readable in the Temporal UI or database
// without a key. The key id travels in the metadata so keys can rotate: old payloads stay readable
// while new ones use the active key. One exception: the case workflows' user metadata (the Temporal
// UI's summary and details), which operations must read without a key; it is left plain only when the
// domain's checker proves it is made of ids, codes and times (see publicMetadataPayload, ADR 0012).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { CodecConfig } from '@tiltak/config';
import { isOperationsMetadata } from '@tiltak/domain';

export const ENCODING = 'binary/encrypted';
const METADATA_ENCODING_KEY = 'encoding';
const METADATA_KEY_ID_KEY = 'encryption-key-id';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly config: CodecConfig) {
    if (!config.keys.has(config.activeKeyId))
      throw new ValueError(`Active codec key ${config.activeKeyId} missing`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isPublicMetadataPayload(payload) ? payload : this.encrypt(payload)));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const key = this.config.keys.get(this.config.activeKeyId);
    if (!key) throw new ValueError(`Active codec key ${this.config.activeKeyId} missing`);
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: utf8.encode(ENCODING),
        [METADATA_KEY_ID_KEY]: utf8.encode(this.config.activeKeyId),
      },
      data: new Uint8Array(data),
    };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (!encoding || fromUtf8.decode(encoding) !== ENCODING) return payload;
    const keyIdBytes = payload.metadata?.[METADATA_KEY_ID_KEY];
    if (!keyIdBytes) throw new ValueError('Encrypted payload has no key id');
    const keyId = fromUtf8.decode(keyIdBytes);
    const key = this.config.keys.get(keyId);
    if (!key) throw new ValueError(`Unknown payload codec key id "${keyId}"`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_LENGTH + TAG_LENGTH) throw new ValueError('Encrypted payload is too short');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_LENGTH));
    decipher.setAuthTag(data.subarray(data.length - TAG_LENGTH));
    const plain = Buffer.concat([
      decipher.update(data.subarray(IV_LENGTH, data.length - TAG_LENGTH)),
      decipher.final(),
    ]);
    return temporal.api.common.v1.Payload.decode(plain) as Payload;
  }
}

const JSON_PLAIN = 'json/plain';
const IDENTIFIER = /^[A-Za-z_][\w.-]{0,99}$/;

/**
 * A payload operations may read without the codec: a JSON string the domain recognises as case
 * metadata (the static summary and details a case workflow is started with), or the SDK's workflow
 * metadata query answer (`__temporal_workflow_metadata`: handler names from code and the current
 * details, which must be such a text or empty). Anything else, including any object a workflow carries,
 * is encrypted.
 */
export function isPublicMetadataPayload(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  if (!encoding || fromUtf8.decode(encoding) !== JSON_PLAIN || !payload.data) return false;
  if (Object.keys(payload.metadata ?? {}).length !== 1) return false;
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8.decode(payload.data));
  } catch {
    return false;
  }
  if (typeof value === 'string') return isOperationsMetadata(value);
  return isWorkflowMetadataAnswer(value);
}

function isWorkflowMetadataAnswer(value: unknown): boolean {
  if (!isRecord(value) || !hasOnlyKeys(value, ['definition', 'currentDetails'])) return false;
  const { definition, currentDetails } = value;
  if (typeof currentDetails !== 'string' || (currentDetails !== '' && !isOperationsMetadata(currentDetails)))
    return false;
  if (!isRecord(definition)) return false;
  if (!hasOnlyKeys(definition, ['type', 'queryDefinitions', 'signalDefinitions', 'updateDefinitions']))
    return false;
  if (typeof definition['type'] !== 'string' || !IDENTIFIER.test(definition['type'])) return false;
  return ['queryDefinitions', 'signalDefinitions', 'updateDefinitions'].every((key) => {
    const list = definition[key];
    return list === undefined || (Array.isArray(list) && list.every(isHandlerDefinition));
  });
}

/** A handler's name and description, both from code (never from a payload). */
function isHandlerDefinition(value: unknown): boolean {
  if (!isRecord(value) || !hasOnlyKeys(value, ['name', 'description'])) return false;
  const { name, description } = value;
  return (
    typeof name === 'string' &&
    IDENTIFIER.test(name) &&
    (description === undefined ||
      (typeof description === 'string' && /^[\x20-\x7e]{0,200}$/.test(description)))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(value: Record<string, unknown>, allowed: string[]): boolean {
  return Object.keys(value).every((key) => allowed.includes(key));
}
