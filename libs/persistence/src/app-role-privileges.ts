// What the role the api and the worker connect as may do, table by table. The owner role runs the
// migrations and owns every table; the application role only gets the rows it legitimately writes.
// The audit trail (case_events) and the access log are SELECT/INSERT only, so no statement the
// application can send changes or removes an audit row, whatever happens to the triggers.
import type { DataSource, QueryRunner } from 'typeorm';

export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

/** Every table the migrations create, and what the application role may do with it. */
export const APP_ROLE_PRIVILEGES: Readonly<Record<string, readonly TablePrivilege[]>> = {
  // Append-only: the audit trail leaders read, and who tried to read or change what.
  case_events: ['SELECT', 'INSERT'],
  access_log: ['SELECT', 'INSERT'],
  // Written once by a migration.
  installation: ['SELECT'],
  // Read models and the directory: upserted by activities and the demo seed, never deleted.
  cases: ['SELECT', 'INSERT', 'UPDATE'],
  schools: ['SELECT', 'INSERT', 'UPDATE'],
  school_calendars: ['SELECT', 'INSERT', 'UPDATE'],
  staff: ['SELECT', 'INSERT', 'UPDATE'],
  students: ['SELECT', 'INSERT', 'UPDATE'],
  notification_outbox: ['SELECT', 'INSERT', 'UPDATE'],
  // Which schools a municipality-wide partner serves: replaced as a whole (delete, then insert).
  staff_served_schools: ['SELECT', 'INSERT', 'DELETE'],
  // The web app's sign-in (ADR 0007): a login attempt is used once, then removed; sessions slide
  // their idle expiry, end, and are removed once long expired.
  auth_login_attempts: ['SELECT', 'INSERT', 'DELETE'],
  auth_sessions: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // Abandoned and expired keys are removed.
  idempotency_keys: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // Absence import (ADR 0009): imports keep their counts; staging rows are removed once applied;
  // attendance is kept by (student, date), its periods merged in, and never deleted (ADR 0017: a
  // correction replaces a period).
  absence_imports: ['SELECT', 'INSERT', 'UPDATE'],
  absence_import_rows: ['SELECT', 'INSERT', 'DELETE'],
  attendance_days: ['SELECT', 'INSERT', 'UPDATE'],
  // Append-only: why a case began.
  absence_signals: ['SELECT', 'INSERT'],
  student_absence_figures: ['SELECT', 'INSERT', 'UPDATE'],
  // Propose mode (ADR 0015): a proposal's status moves once; its decision is append-only.
  absence_case_proposals: ['SELECT', 'INSERT', 'UPDATE'],
  absence_proposal_decisions: ['SELECT', 'INSERT'],
};

/**
 * Makes the application role's privileges exactly APP_ROLE_PRIVILEGES (revoking anything else),
 * as the owner, after the migrations. Idempotent. A table the list does not name stops the run: a
 * new table gets a decision, not a default.
 */
export async function grantAppRolePrivileges(
  q: QueryRunner,
  appRole: string,
  migrationsTable: string,
): Promise<void> {
  const role = quoteIdent(appRole);
  const tables = (
    (await q.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname <> $1
        ORDER BY 1`,
      [migrationsTable],
    )) as { name: string }[]
  ).map((r) => r.name);
  const undecided = tables.filter((t) => !(t in APP_ROLE_PRIVILEGES));
  if (undecided.length) {
    throw new Error(
      `No privileges decided for the application role on ${undecided.join(', ')}: add them to APP_ROLE_PRIVILEGES`,
    );
  }
  const [app] = (await q.query(
    `SELECT r.rolsuper OR r.rolbypassrls AS privileged, pg_has_role(r.oid, current_user, 'MEMBER') AS owns
       FROM pg_roles r WHERE r.rolname = $1`,
    [appRole],
  )) as { privileged: boolean; owns: boolean }[];
  if (!app) {
    throw new Error(
      `The application role "${appRole}" does not exist: create it first (README, An external PostgreSQL)`,
    );
  }
  if (app.privileged)
    throw new Error(`The application role "${appRole}" must be NOSUPERUSER and NOBYPASSRLS`);
  // Owning the tables (directly or through membership) would let it drop the append-only triggers.
  if (app.owns)
    throw new Error(
      `The application role "${appRole}" is, or is a member of, the role that runs the migrations`,
    );

  // Nobody but the owner creates objects in the schema (PostgreSQL before 15 let PUBLIC do it).
  await q.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  await q.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
  await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
  await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
  for (const table of tables) {
    const privileges = APP_ROLE_PRIVILEGES[table] ?? [];
    if (privileges.length) await q.query(`GRANT ${privileges.join(', ')} ON ${quoteIdent(table)} TO ${role}`);
    if (!privileges.includes('INSERT')) continue;
    // bigserial columns: inserting draws from their sequence.
    const sequences = (await q.query(
      `SELECT s.relname AS name FROM pg_depend d
         JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
         JOIN pg_class t ON t.oid = d.refobjid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema() AND t.relname = $1`,
      [table],
    )) as { name: string }[];
    for (const s of sequences) await q.query(`GRANT USAGE ON SEQUENCE ${quoteIdent(s.name)} TO ${role}`);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The api or worker connects as a role that could change or remove audit rows. */
export class OverPrivilegedRoleError extends Error {
  constructor(role: string, what: string[]) {
    super(
      `DATABASE_URL connects as "${role}", which ${what.join(', ')}: the api and worker must connect as the application role that may only read and append to the audit tables (README, "An external PostgreSQL")`,
    );
    this.name = 'OverPrivilegedRoleError';
  }
}

/**
 * Refuses a connection whose role could get around the append-only audit tables: a superuser, a
 * role that bypasses row security, owns (or is a member of the owner of) a table, or may UPDATE,
 * DELETE or TRUNCATE an audit table. The api and worker call it once connected.
 */
export async function assertLeastPrivilege(dataSource: DataSource): Promise<void> {
  const [me] = (await dataSource.query(
    `SELECT current_user AS role, r.rolsuper AS super, r.rolbypassrls AS bypassrls,
            EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                       AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owns,
            EXISTS (SELECT 1 FROM unnest($1::text[]) t
                     WHERE to_regclass(t) IS NOT NULL
                       AND has_table_privilege(to_regclass(t), 'UPDATE, DELETE, TRUNCATE')) AS changes_audit
       FROM pg_roles r WHERE r.rolname = current_user`,
    [AUDIT_TABLES],
  )) as { role: string; super: boolean; bypassrls: boolean; owns: boolean; changes_audit: boolean }[];
  if (!me) return;
  const what = [
    me.super && 'is a superuser',
    me.bypassrls && 'bypasses row security',
    me.owns && 'owns tables',
    me.changes_audit && 'may change audit rows',
  ].filter((w): w is string => Boolean(w));
  if (what.length) throw new OverPrivilegedRoleError(me.role, what);
}

const AUDIT_TABLES = ['case_events', 'access_log', 'absence_signals', 'absence_proposal_decisions'];
