// The api and the worker connect as a role that cannot change the audit trail by any means it has.
// The database is set up exactly as `npm start` sets up the embedded one (tools/lib/database.mjs) and
// migrated by tools/migrate.mjs (also the docker compose `migrate` service); then every way we know
// to change or remove an audit row, or to get around the triggers, is tried as the application role.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { withPgClient } from '@tiltak/testing';

const ROOT = path.resolve(__dirname, '..', '..');
const OWNER = 'tiltak_start_test_owner';
const APP = 'tiltak_start_test_app';

function provision(adminUrl: string, database: string): { url: string; migrationUrl: string } {
  const script = `
    import { provisionDatabase } from './tools/lib/database.mjs';
    const [admin, options] = process.argv.slice(1);
    process.stdout.write(JSON.stringify(await provisionDatabase(admin, JSON.parse(options))));`;
  const options = {
    database,
    owner: { name: OWNER, password: randomBytes(12).toString('hex') },
    app: { name: APP, password: randomBytes(12).toString('hex') },
  };
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, adminUrl, JSON.stringify(options)],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return JSON.parse(out) as { url: string; migrationUrl: string };
}

describe('the application role (as npm start, the tests and docker compose set it up)', () => {
  let url: string;
  let migrationUrl: string;
  const caseId = randomUUID();
  /** What the audit tables hold, read by the owner: must be the same after every attempt. */
  const auditRows = (): Promise<unknown[]> =>
    withPgClient(migrationUrl, async (c) => [
      ...(await c.query(`SELECT * FROM case_events ORDER BY seq`)).rows,
      ...(await c.query(`SELECT * FROM access_log ORDER BY id`)).rows,
    ]);
  let before: unknown[];

  /** Runs statements as the application role on a connection of their own; the error, if any. */
  const asApp = (...statements: string[]): Promise<string | null> =>
    withPgClient(url, async (c) => {
      try {
        for (const sql of statements) await c.query(sql);
        return null;
      } catch (err) {
        return (err as Error).message;
      }
    });

  beforeAll(async () => {
    const admin = process.env['TEST_PG_ADMIN_URL'];
    if (!admin) throw new Error('TEST_PG_ADMIN_URL is not set: run through jest.integration.config.js');
    ({ url, migrationUrl } = provision(admin, `approle_${randomBytes(6).toString('hex')}`));
    execFileSync(process.execPath, [path.join(ROOT, 'tools', 'migrate.mjs')], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'], DATABASE_URL: url, DATABASE_MIGRATION_URL: migrationUrl },
      stdio: 'pipe',
    });
    // What the application legitimately does: append.
    expect(
      await asApp(
        `INSERT INTO case_events (event_id, case_id, type, origin, step, occurred_at, recorded_at, payload)
           VALUES ('${caseId}:case-opened', '${caseId}', 'case-opened', 'system', 1, now(), now(), '{"absencePercent": 12}')`,
        `INSERT INTO access_log (staff_id, role, action, resource_type, resource_id, outcome)
           VALUES ('${randomUUID()}', 'contact-teacher', 'case.read', 'case', '${caseId}', 'denied')`,
      ),
    ).toBeNull();
    before = await auditRows();
    expect(before).toHaveLength(2);
  });

  it('is no superuser and cannot bypass row security, create roles or databases, or replicate', async () => {
    const [role] = await withPgClient(
      url,
      async (c) =>
        (
          await c.query(
            `SELECT current_user AS name, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication
             FROM pg_roles WHERE rolname = current_user`,
          )
        ).rows,
    );
    expect(role).toEqual({
      name: APP,
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolreplication: false,
    });
  });

  it('owns none of the tables, so it cannot alter them or their triggers', async () => {
    const owned = await withPgClient(
      url,
      async (c) => (await c.query(`SELECT tablename FROM pg_tables WHERE tableowner = current_user`)).rows,
    );
    expect(owned).toEqual([]);
  });

  it.each([
    ['UPDATE case_events', `UPDATE case_events SET payload = '{}'::jsonb`, /permission denied/],
    ['DELETE case_events', `DELETE FROM case_events`, /permission denied/],
    ['TRUNCATE case_events', `TRUNCATE case_events`, /permission denied/],
    [
      'upsert case_events',
      `INSERT INTO case_events (event_id, case_id, type, origin, step, occurred_at, recorded_at, payload)
         SELECT event_id, case_id, type, origin, step, occurred_at, recorded_at, '{}'::jsonb FROM case_events
         ON CONFLICT (event_id) DO UPDATE SET payload = EXCLUDED.payload`,
      /permission denied/,
    ],
    ['UPDATE access_log', `UPDATE access_log SET outcome = 'allowed'`, /permission denied/],
    ['DELETE access_log', `DELETE FROM access_log`, /permission denied/],
    ['TRUNCATE access_log', `TRUNCATE access_log`, /permission denied/],
  ])('cannot %s', async (_what, sql, refusal) => {
    expect(await asApp(sql)).toMatch(refusal);
    expect(await auditRows()).toEqual(before);
  });

  it.each([
    [
      'turn the triggers off for its session',
      ['SET session_replication_role = replica', `DELETE FROM access_log`],
    ],
    [
      'turn the triggers off for a transaction',
      [
        'BEGIN',
        'SET LOCAL session_replication_role = replica',
        `UPDATE case_events SET payload = '{}'::jsonb`,
      ],
    ],
    ['disable the triggers', ['ALTER TABLE case_events DISABLE TRIGGER ALL', `DELETE FROM case_events`]],
    ['drop a trigger', ['DROP TRIGGER access_log_append_only ON access_log', `DELETE FROM access_log`]],
    [
      'replace the trigger function',
      [
        `CREATE OR REPLACE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
      ],
    ],
    ['drop the table', ['DROP TABLE case_events CASCADE']],
    ['rename the table', ['ALTER TABLE case_events RENAME TO case_events_old']],
    ['grant itself more', ['GRANT UPDATE, DELETE ON case_events TO CURRENT_USER', `DELETE FROM case_events`]],
    ['become the owner', [`SET ROLE ${OWNER}`, `DELETE FROM case_events`]],
    ['make itself superuser', ['ALTER ROLE CURRENT_USER SUPERUSER']],
    ['make itself bypass row security', ['ALTER ROLE CURRENT_USER BYPASSRLS']],
    ['create a table in the schema', ['CREATE TABLE case_events_copy (LIKE case_events)']],
    ['create a schema', ['CREATE SCHEMA shadow']],
  ])('cannot %s', async (_what, statements) => {
    expect(await asApp(...statements)).toMatch(/permission denied|must be owner|must be superuser|must have/);
    expect(await auditRows()).toEqual(before);
  });

  it.each([
    ['read a server file', `SELECT pg_read_file('PG_VERSION')`],
    ['list the data folder', `SELECT pg_ls_dir('.')`],
    ['import a server file', `SELECT lo_import('/etc/hostname')`],
    ['write a server file', `COPY (SELECT 1) TO '/tmp/tiltak-app-role-test'`],
    ['run a program on the server', `COPY case_events FROM PROGRAM 'true'`],
  ])('cannot %s', async (_what, sql) => {
    expect(await asApp(sql)).toMatch(/permission denied|must be superuser|privileges of the/);
  });
});
