// Access to the real services the Jest global setup started (tools/test-env/global-setup.js).
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run integration tests through jest.integration.config.js`);
  return v;
}

export function testTemporalAddress(): string {
  return required('TEST_TEMPORAL_ADDRESS');
}

/** A fresh, empty database on the test PostgreSQL server; its URL. */
export async function createTestDatabase(prefix = 't'): Promise<string> {
  const admin = required('TEST_PG_ADMIN_URL');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A random AES-256 codec key config string for PAYLOAD_CODEC_KEYS. */
export function testCodecKeys(keyId = 'test1'): string {
  return `${keyId}:${randomBytes(32).toString('base64')}`;
}
