// One place that turns configuration into Temporal connection and data-converter options, shared by
// the API (client) and the worker, so both encrypt the same way.
import { readFileSync } from 'node:fs';
import type { DataConverter } from '@temporalio/client';
import type { TemporalConfig, CodecConfig } from '@tiltak/config';
import { EncryptionCodec } from './encryption-codec';

/** The part of connection options the client's Connection and the worker's NativeConnection share. */
export interface TemporalConnectionSettings {
  address: string;
  tls?: {
    serverNameOverride?: string;
    serverRootCACertificate?: Buffer;
    clientCertPair?: { crt: Buffer; key: Buffer };
  };
  apiKey?: string;
}

export function connectionOptions(config: TemporalConfig): TemporalConnectionSettings {
  const tls = config.tls;
  return {
    address: config.address,
    ...(tls
      ? {
          tls: {
            ...(tls.serverNameOverride ? { serverNameOverride: tls.serverNameOverride } : {}),
            ...(tls.serverRootCaPath ? { serverRootCACertificate: readFileSync(tls.serverRootCaPath) } : {}),
            ...(tls.clientCertPath && tls.clientKeyPath
              ? {
                  clientCertPair: {
                    crt: readFileSync(tls.clientCertPath),
                    key: readFileSync(tls.clientKeyPath),
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
  };
}

/** Clients and workers both load the failure converter by path (the worker inside the workflow sandbox). */
export function clientDataConverter(codec: CodecConfig): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(codec)], failureConverterPath: failureConverterPath() };
}

export const workerDataConverter = clientDataConverter;

export function failureConverterPath(): string {
  return require.resolve('./failure-converter');
}
