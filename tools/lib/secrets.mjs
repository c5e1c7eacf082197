// Local secrets for the embedded stack, generated once and kept under .data/ so encrypted workflow
// payloads and demo tokens stay valid across restarts. Never used when the variables are set.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function localSecrets(dataDir) {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    PAYLOAD_CODEC_KEYS: `local1:${randomBytes(32).toString('base64')}`,
    AUTH_LOCAL_SIGNING_KEY: randomBytes(48).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
