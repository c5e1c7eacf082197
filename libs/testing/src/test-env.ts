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

/** The two roles every test database has, as in production: the owner migrates, the apps are the app role. */
export const TEST_OWNER_ROLE = 'tiltak_test_owner';
export const TEST_APP_ROLE = 'tiltak_test_app';

export interface TestDatabase {
  /** As the application role: what the api, the worker and the tests' data sources connect with. */
  url: string;
  /** As the owner role: for runMigrations. */
  migrationUrl: string;
  /** The application role's name, for runMigrations. */
  appRole: string;
}

/** Runs `work` on a fresh connection to `url`, closed afterwards whatever happens. */
export async function withPgClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let rolesReady: Promise<void> | undefined;

/** Creates the two test roles once per server (fixed test-only passwords; nothing here is secret). */
async function ensureTestRoles(admin: string): Promise<void> {
  await withPgClient(admin, async (client) => {
    for (const [role, attributes] of [
      [TEST_OWNER_ROLE, 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS'],
      [TEST_APP_ROLE, 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT'],
    ] as const) {
      try {
        await client.query(`CREATE ROLE ${role} ${attributes} PASSWORD '${role}'`);
      } catch (err) {
        // Another test process (or an earlier run on a shared server) created it first.
        const code = (err as { code?: string }).code;
        if (code !== '42710' && code !== '23505') throw err;
      }
    }
  });
}

/** A fresh, empty database on the test PostgreSQL server, owned by the owner role. */
export async function createTestDatabase(prefix = 't'): Promise<TestDatabase> {
  const admin = required('TEST_PG_ADMIN_URL');
  rolesReady ??= ensureTestRoles(admin);
  await rolesReady;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withPgClient(admin, async (client) => {
    await client.query(`CREATE DATABASE "${name}" OWNER ${TEST_OWNER_ROLE}`);
    await client.query(`REVOKE ALL ON DATABASE "${name}" FROM PUBLIC`);
    await client.query(`GRANT CONNECT ON DATABASE "${name}" TO ${TEST_APP_ROLE}`);
  });
  const as = (role: string): string => {
    const url = new URL(admin);
    url.username = role;
    url.password = role;
    url.pathname = `/${name}`;
    return url.toString();
  };
  return { url: as(TEST_APP_ROLE), migrationUrl: as(TEST_OWNER_ROLE), appRole: TEST_APP_ROLE };
}

/** A random AES-256 codec key config string for PAYLOAD_CODEC_KEYS. */
export function testCodecKeys(keyId = 'test1'): string {
  return `${keyId}:${randomBytes(32).toString('base64')}`;
}
