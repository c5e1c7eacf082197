// `npm run -s demo-token -- --list` lists the staff directory; `npm run -s demo-token -- <staff id or
// e-mail>` prints a bearer token for that person, valid 12 hours, signed with the local key the
// embedded stack (`npm start`) verifies. Only stdout carries the token, so TOKEN=$(…) works.
//
//   --codec   the token may decode/encode Temporal payloads (scopes codec:decode codec:encode)
//   --admin   the token may manage every school's directory (scope directory:admin)
//
// Reads AUTH_LOCAL_SIGNING_KEY (else .data/secrets.json) and DATABASE_URL (else the embedded
// PostgreSQL whose port is in .data/postgres.port, database tiltakstrappa). Issuer and audience follow
// AUTH_LOCAL_ISSUER / AUTH_LOCAL_AUDIENCE with the same defaults as libs/config.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import pg from 'pg';
import { LOCAL_APP_ROLE } from './lib/database.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, '.data');
const VALID_HOURS = 12;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(message, code = 1) {
  console.error(message);
  process.exit(code);
}

function signingKey() {
  let encoded = process.env.AUTH_LOCAL_SIGNING_KEY?.trim();
  const secretsFile = path.join(dataDir, 'secrets.json');
  if (!encoded && existsSync(secretsFile))
    encoded = JSON.parse(readFileSync(secretsFile, 'utf8')).AUTH_LOCAL_SIGNING_KEY;
  if (!encoded)
    fail(
      'No signing key: set AUTH_LOCAL_SIGNING_KEY, or run `npm start` once so .data/secrets.json exists.',
      78,
    );
  return new Uint8Array(Buffer.from(encoded, 'base64'));
}

function databaseUrl() {
  if (process.env.DATABASE_URL?.trim()) return process.env.DATABASE_URL.trim();
  const portFile = path.join(dataDir, 'postgres.port');
  if (!existsSync(portFile))
    fail('No database: set DATABASE_URL, or start the embedded stack with `npm start`.', 78);
  const port = Number(readFileSync(portFile, 'utf8').trim());
  // It only reads the directory: the application role will do.
  const { POSTGRES_APP_PASSWORD: password = '' } = JSON.parse(
    readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'),
  );
  return `postgres://${LOCAL_APP_ROLE}:${encodeURIComponent(password)}@127.0.0.1:${port}/tiltakstrappa`;
}

async function withDatabase(work) {
  const client = new pg.Client({ connectionString: databaseUrl(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    fail(`Cannot reach PostgreSQL (${err.message}). Is \`npm start\` running?`, 69);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const STAFF_QUERY = `
  SELECT s.id, s.display_name, s.email, s.role, s.active, coalesce(sc.name, '(municipality-wide)') AS school
  FROM staff s LEFT JOIN schools sc ON sc.id = s.school_id`;

async function list() {
  const rows = await withDatabase(
    async (client) => (await client.query(`${STAFF_QUERY} ORDER BY school, s.role, s.display_name`)).rows,
  );
  if (rows.length === 0)
    fail('The staff directory is empty. With `npm start` the demo data is seeded (SEED_DEMO_DATA=true).');
  const header = ['id', 'name', 'role', 'school', 'email'];
  const table = rows.map((r) => [
    r.id,
    r.display_name + (r.active ? '' : ' (inactive)'),
    r.role,
    r.school,
    r.email,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  for (const row of [header, ...table])
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
  console.error('\nA token: npm run -s demo-token -- <id or email> [--codec] [--admin]');
}

async function token(who, scopes) {
  const matches = await withDatabase(
    async (client) =>
      (
        await client.query(
          `${STAFF_QUERY} WHERE ${UUID.test(who) ? 's.id = $1' : 'lower(s.email) = lower($1)'} ORDER BY s.role`,
          [who],
        )
      ).rows,
  );
  if (matches.length === 0) fail(`No staff member ${who}. See: npm run -s demo-token -- --list`);
  if (matches.length > 1) {
    fail(
      `${who} holds several roles; give the id of one:\n${matches.map((m) => `  ${m.id}  ${m.role}  ${m.school}`).join('\n')}`,
    );
  }
  const [staff] = matches;
  if (!staff.active) fail(`${staff.display_name} is inactive; the API would refuse the token.`);
  const jwt = await new SignJWT(
    scopes.length ? { scope: scopes.join(' '), name: staff.display_name } : { name: staff.display_name },
  )
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(staff.id)
    .setIssuer(process.env.AUTH_LOCAL_ISSUER?.trim() || 'tiltakstrappa-local')
    .setAudience(process.env.AUTH_LOCAL_AUDIENCE?.trim() || 'tiltakstrappa-api')
    .setIssuedAt()
    .setExpirationTime(`${VALID_HOURS}h`)
    .sign(signingKey());
  console.error(
    `Token for ${staff.display_name} (${staff.role}, ${staff.school})${scopes.length ? `, scopes: ${scopes.join(' ')}` : ''}; valid ${VALID_HOURS} h.`,
  );
  console.log(jwt);
}

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const positional = args.filter((a) => !a.startsWith('--'));
const known = new Set(['--list', '--codec', '--admin', '--help']);
const unknown = [...flags].filter((f) => !known.has(f));
if (unknown.length) fail(`Unknown option ${unknown.join(', ')}. Options: --list, --codec, --admin.`, 64);

if (flags.has('--help') || (!flags.has('--list') && positional.length !== 1)) {
  console.error(
    'Usage: npm run -s demo-token -- --list\n       npm run -s demo-token -- <staff id or email> [--codec] [--admin]',
  );
  process.exit(flags.has('--help') ? 0 : 64);
} else if (flags.has('--list')) {
  await list();
} else {
  const scopes = [
    ...(flags.has('--codec') ? ['codec:decode', 'codec:encode'] : []),
    ...(flags.has('--admin') ? ['directory:admin'] : []),
  ];
  await token(positional[0], scopes);
}
