// AES-256-GCM payload codec: nothing a workflow carries is readable in the Temporal UI or database
// without a key. The key id travels in the metadata so keys can rotate: old payloads stay readable
// while new ones use the active key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { CodecConfig } from '@tiltak/config';

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
    return payloads.map((payload) => this.encrypt(payload));
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
