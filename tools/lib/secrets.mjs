// Local secrets for the embedded stack, generated once and kept under .data/ so encrypted workflow
// payloads and demo tokens stay valid across restarts. Never used when the variables are set.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const GENERATORS = {
  PAYLOAD_CODEC_KEYS: () => `local1:${randomBytes(32).toString('base64')}`,
  AUTH_LOCAL_SIGNING_KEY: () => randomBytes(48).toString('base64'),
  // The embedded PostgreSQL's owner role (migrations) and application role (api, worker).
  POSTGRES_OWNER_PASSWORD: () => randomBytes(24).toString('base64url'),
  POSTGRES_APP_PASSWORD: () => randomBytes(24).toString('base64url'),
  // The local OIDC provider (tools/oidc-provider.mjs): the app's client secret there, and the key its
  // ID tokens are signed with (kept, so a restarted provider's tokens verify with the keys the API has).
  AUTH_OIDC_CLIENT_SECRET: () => randomBytes(32).toString('base64url'),
  OIDC_PROVIDER_SIGNING_JWK: () =>
    JSON.stringify({
      ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
      kid: `local-${randomBytes(4).toString('hex')}`,
    }),
};

export function localSecrets(dataDir) {
  const file = path.join(dataDir, 'secrets.json');
  const secrets = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  // A .data/ from an older version lacks the newer secrets: add them, keep the rest.
  const missing = Object.keys(GENERATORS).filter((k) => !secrets[k]);
  if (missing.length) {
    for (const k of missing) secrets[k] = GENERATORS[k]();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
