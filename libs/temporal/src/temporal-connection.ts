// One place that turns configuration into Temporal connection and data-converter options, shared by
// the API (client) and the worker, so both encrypt the same way.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions, DataConverter } from '@temporalio/client';
import type { TemporalConfig, CodecConfig } from '@tiltak/config';
import { EncryptionCodec } from './encryption-codec';
import { failureConverter } from './failure-converter';

export function connectionOptions(config: TemporalConfig): ConnectionOptions {
  const tls = config.tls;
  return {
    address: config.address,
    ...(tls
      ? {
          tls: {
            ...(tls.serverNameOverride ? { serverNameOverride: tls.serverNameOverride } : {}),
            ...(tls.serverRootCaPath ? { serverRootCACertificate: readFileSync(tls.serverRootCaPath) } : {}),
            ...(tls.clientCertPath && tls.clientKeyPath
              ? { clientCertPair: { crt: readFileSync(tls.clientCertPath), key: readFileSync(tls.clientKeyPath) } }
              : {}),
          },
        }
      : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
  };
}

export function clientDataConverter(codec: CodecConfig): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(codec)], failureConverter };
}

/** The worker loads the failure converter by path inside the workflow sandbox. */
export function workerDataConverter(codec: CodecConfig) {
  return { payloadCodecs: [new EncryptionCodec(codec)], failureConverterPath: failureConverterPath() };
}

export function failureConverterPath(): string {
  return require.resolve('./failure-converter');
}
