// The one place that reads the environment. Bad configuration stops start-up with a message naming
// the variable, so an operator never has to guess.
import { intVar, type Env } from './env-values';
import { type HttpHardeningConfig, parseHttpHardening } from './http-hardening';
/** What a fired absence signal does (ADR 0015): open the case at once, or propose it to the contact teacher. */
export const ABSENCE_DETECTION_MODES = ['open', 'propose'] as const;
export type AbsenceDetectionMode = (typeof ABSENCE_DETECTION_MODES)[number];

export interface AbsenceDetectionConfig {
  mode: AbsenceDetectionMode;
  /**
   * ABSENCE_DETECTION_POLICY: JSON overrides of the detection thresholds, or null. The worker checks
   * them against libs/domain's parseDetectionPolicy, as LADDER_POLICY_JSON is checked.
   */
  policyOverrides: unknown;
}

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /** TLS to the frontend (Temporal Cloud, a secured cluster). */
  tls: null | {
    serverNameOverride?: string;
    serverRootCaPath?: string;
    clientCertPath?: string;
    clientKeyPath?: string;
  };
  apiKey: string | null;
}

export interface CodecConfig {
  /** key id → 32-byte AES-256 key. */
  keys: Map<string, Buffer>;
  /** The key new payloads are encrypted with. */
  activeKeyId: string;
}

/** The web app's sign-in (backend-for-frontend, ADR 0007): the authorization-code flow with PKCE. */
export interface SignInConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID-token claim that carries the person's id, matched against staff.oidc_subject. */
  subjectClaim: string;
  scopes: string[];
  /** `${PUBLIC_BASE_URL}/api/auth/callback`, registered at the provider. */
  redirectUri: string;
  /** `${PUBLIC_BASE_URL}/`, where the provider sends the browser after logging out there. */
  postLogoutRedirectUri: string;
}

export interface SessionConfig {
  idleSeconds: number;
  absoluteSeconds: number;
  /** The cookie's Secure flag: always, except for a PUBLIC_BASE_URL of http://localhost or 127.0.0.1. */
  secureCookie: boolean;
}

export interface AuthConfig {
  /**
   * Bearer tokens from an OIDC provider (e.g. Feide) when its audience and keys are set; otherwise
   * tokens signed with the local HS256 key (the embedded default, demo-token).
   */
  oidc: null | { issuer: string; audience: string; jwksUrl: string };
  /** Signing in to the web app through the OIDC provider; null: no sign-in (bearer tokens only). */
  signIn: SignInConfig | null;
  session: SessionConfig;
  localSigningKey: Buffer | null;
  localIssuer: string;
  localAudience: string;
  /** Longest accepted token lifetime (exp − iat), in seconds. */
  maxTokenLifetimeSeconds: number;
  /**
   * How long the API keeps the caller a verified bearer token stands for (its staff row), in seconds,
   * never beyond the token's expiry; 0: verified and looked up on every request. A staff member
   * deactivated in the directory loses access within this.
   */
  callerCacheSeconds: number;
}

export interface MailConfig {
  smtpUrl: string;
  from: string;
}

/**
 * The Prometheus endpoints (ADR 0013), each on its own port, never the public one. null: turned off.
 * Bound to `host`: loopback by default, all interfaces inside a container (the scraper's network).
 */
export interface MetricsConfig {
  host: string;
  /** The API's /metrics (prom-client). */
  apiPort: number | null;
  /** The worker's /metrics (the Temporal SDK's exporter: temporal_* metrics). */
  workerPort: number | null;
}

/**
 * How much the worker holds and runs at once (the Temporal SDK's worker options). A workflow not in
 * the cache is replayed from its history on its next task, so the cache trades memory for CPU: the
 * SDK's own default grows with the heap limit (≈ 2,300 workflows on a 4 GiB heap), which at
 * thousands of open cases costs gigabytes of RSS for cases that wait days between tasks.
 */
export interface WorkerTuningConfig {
  /** WORKER_MAX_CACHED_WORKFLOWS: workflows kept in memory between tasks (sticky cache). */
  maxCachedWorkflows: number;
  /** WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: workflow tasks run at once (at most maxCachedWorkflows). */
  maxConcurrentWorkflowTasks: number;
  /** WORKER_MAX_CONCURRENT_ACTIVITIES: activities run at once. */
  maxConcurrentActivities: number;
  /**
   * WORKER_WORKFLOW_TASK_POLLERS: workflow task polls kept open at once (at most
   * maxConcurrentWorkflowTasks). The SDK splits them between the worker's sticky queue (cached
   * workflows) and the task queue (new and evicted ones) by WORKER_NON_STICKY_POLL_RATIO.
   */
  workflowTaskPollers: number;
  /** WORKER_NON_STICKY_POLL_RATIO: the share of those polls on the task queue, 0 < r ≤ 1. */
  nonStickyPollRatio: number;
}

export interface AppConfig {
  databaseUrl: string;
  temporal: TemporalConfig;
  worker: WorkerTuningConfig;
  codec: CodecConfig;
  auth: AuthConfig;
  mail: MailConfig;
  api: { port: number; host: string; publicBaseUrl: string; codecCorsOrigins: string[] };
  /** The built web app the API serves at `/`; null: the default, apps/web/dist of the checkout. */
  web: { distDir: string | null };
  /** Server timeouts, rate limits, trusted proxies. */
  http: HttpHardeningConfig;
  metrics: MetricsConfig;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** JSON overrides of the ladder policy (see libs/domain parsePolicyOverrides), or null. */
  policyOverrides: unknown;
  /** Absence detection: open or propose, and the thresholds (ABSENCE_DETECTION_MODE, ABSENCE_DETECTION_POLICY). */
  absenceDetection: AbsenceDetectionConfig;
  /** Seed synthetic demo data at start (the embedded stack turns it on). */
  seedDemoData: boolean;
}

/**
 * The worker's defaults, chosen from bench/ (see README, configuration). A small cache saves memory
 * in a burst of new cases (the absence import that opens 270 cases: 502 MiB worker RSS with 10, 696
 * with 500, back to back) but starves the worker when many cases are busy at once: with 10 (and so 10
 * task slots) the quiet bench run of 2026-12-01 recorded 0.6 notes/s at 1,000 open cases with their
 * timers firing and none at 10,000, and opened 2.9 cases/s at 8 concurrent, where the run before it
 * with the SDK's defaults gave 7.5 notes/s and 10.5 cases/s. Hence 500, with the SDK's 40 task slots;
 * a worker that runs imports on little memory sets a smaller cache (its slots and polls follow).
 */
export const DEFAULT_WORKER_TUNING: WorkerTuningConfig = {
  maxCachedWorkflows: 500,
  maxConcurrentWorkflowTasks: 40,
  maxConcurrentActivities: 100,
  // The SDK's 10 and 0.2 leave 2 polls for the task queue, where every new case's first task and,
  // with a cache smaller than the open cases, most timers' tasks arrive: bench/ scale found them
  // waiting there with slots free.
  workflowTaskPollers: 40,
  nonStickyPollRatio: 0.5,
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Which parts a process needs: the API does not send mail, the worker does not verify tokens. */
export interface ConfigNeeds {
  mail?: boolean;
  auth?: boolean;
}

export function loadConfig(env: Env, needs: ConfigNeeds = { mail: true, auth: true }): AppConfig {
  const problems: string[] = [];
  const str = (name: string, fallback?: string): string => {
    const v = env[name]?.trim();
    if (v) return v;
    if (fallback !== undefined) return fallback;
    problems.push(`${name} is required`);
    return '';
  };
  const optional = (name: string): string | null => env[name]?.trim() || null;
  const int = (name: string, fallback: number, min: number, max: number): number =>
    intVar(env, problems, name, fallback, min, max);
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = optional(name);
    if (raw === null) return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  };
  // A port of its own, or off: unset gives the default; `0` or empty (set to nothing) turns it off.
  const portOrOff = (name: string, fallback: number): number | null => {
    const raw = env[name];
    if (raw === undefined) return fallback;
    const v = raw.trim();
    if (v === '' || v === '0') return null;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < 1 || n > 65535) {
      problems.push(`${name} must be a port (1-65535), or 0 or empty to turn it off; got "${v}"`);
      return fallback;
    }
    return n;
  };
  const url = (name: string, value: string, protocols: string[]): string => {
    if (!value) return value;
    try {
      const u = new URL(value);
      if (!protocols.includes(u.protocol))
        problems.push(`${name} must use ${protocols.join(' or ')}, got "${u.protocol}"`);
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return value;
  };

  const databaseUrl = url('DATABASE_URL', str('DATABASE_URL'), ['postgres:', 'postgresql:']);

  const tlsEnabled = bool('TEMPORAL_TLS', false);
  const tlsSettings = (): NonNullable<TemporalConfig['tls']> => {
    const settings: NonNullable<TemporalConfig['tls']> = {};
    const serverName = optional('TEMPORAL_TLS_SERVER_NAME');
    const ca = optional('TEMPORAL_TLS_CA_PATH');
    const cert = optional('TEMPORAL_TLS_CERT_PATH');
    const key = optional('TEMPORAL_TLS_KEY_PATH');
    if (serverName) settings.serverNameOverride = serverName;
    if (ca) settings.serverRootCaPath = ca;
    if (cert) settings.clientCertPath = cert;
    if (key) settings.clientKeyPath = key;
    return settings;
  };
  const apiKey = optional('TEMPORAL_API_KEY');
  const temporal: TemporalConfig = {
    address: str('TEMPORAL_ADDRESS', 'localhost:7233'),
    namespace: str('TEMPORAL_NAMESPACE', 'default'),
    taskQueue: str('TEMPORAL_TASK_QUEUE', 'cases-v1'),
    // An API key (Temporal Cloud) implies TLS.
    tls: tlsEnabled || apiKey ? tlsSettings() : null,
    apiKey,
  };
  if (temporal.tls && Boolean(temporal.tls.clientCertPath) !== Boolean(temporal.tls.clientKeyPath)) {
    problems.push('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together');
  }
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(temporal.taskQueue))
    problems.push('TEMPORAL_TASK_QUEUE has invalid characters');

  // Each bound is at most the one above it (polls ≤ task slots ≤ cache): a default follows a smaller
  // value set above it; two values set that contradict each other are refused (the SDK would lower one
  // without a word).
  const cached = int('WORKER_MAX_CACHED_WORKFLOWS', DEFAULT_WORKER_TUNING.maxCachedWorkflows, 2, 100_000);
  const tasks = int(
    'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
    Math.min(DEFAULT_WORKER_TUNING.maxConcurrentWorkflowTasks, cached),
    2,
    1000,
  );
  const worker: WorkerTuningConfig = {
    maxCachedWorkflows: cached,
    maxConcurrentWorkflowTasks: tasks,
    maxConcurrentActivities: int(
      'WORKER_MAX_CONCURRENT_ACTIVITIES',
      DEFAULT_WORKER_TUNING.maxConcurrentActivities,
      1,
      1000,
    ),
    workflowTaskPollers: int(
      'WORKER_WORKFLOW_TASK_POLLERS',
      Math.min(DEFAULT_WORKER_TUNING.workflowTaskPollers, tasks),
      2,
      1000,
    ),
    nonStickyPollRatio: DEFAULT_WORKER_TUNING.nonStickyPollRatio,
  };
  const ratioRaw = optional('WORKER_NON_STICKY_POLL_RATIO');
  if (ratioRaw !== null) {
    const ratio = Number(ratioRaw);
    if (!Number.isFinite(ratio) || ratio <= 0 || ratio > 1)
      problems.push(`WORKER_NON_STICKY_POLL_RATIO must be a number above 0 and at most 1, got "${ratioRaw}"`);
    else worker.nonStickyPollRatio = ratio;
  }
  if (worker.workflowTaskPollers > worker.maxConcurrentWorkflowTasks)
    problems.push(
      `WORKER_WORKFLOW_TASK_POLLERS (${worker.workflowTaskPollers}) must not exceed WORKER_MAX_CONCURRENT_WORKFLOW_TASKS (${worker.maxConcurrentWorkflowTasks})`,
    );
  // A task in progress holds its workflow in the cache.
  if (worker.maxConcurrentWorkflowTasks > worker.maxCachedWorkflows)
    problems.push(
      `WORKER_MAX_CONCURRENT_WORKFLOW_TASKS (${worker.maxConcurrentWorkflowTasks}) must not exceed WORKER_MAX_CACHED_WORKFLOWS (${worker.maxCachedWorkflows})`,
    );

  const codec = parseCodecKeys(str('PAYLOAD_CODEC_KEYS'), optional('PAYLOAD_CODEC_ACTIVE_KEY_ID'), problems);

  const issuerRaw = optional('AUTH_OIDC_ISSUER');
  const oidcIssuer = issuerRaw ? url('AUTH_OIDC_ISSUER', issuerRaw, ['https:', 'http:']) : null;
  const localKeyRaw = optional('AUTH_LOCAL_SIGNING_KEY');
  let localSigningKey: Buffer | null = null;
  if (localKeyRaw) {
    localSigningKey = Buffer.from(localKeyRaw, 'base64');
    if (localSigningKey.length < 32)
      problems.push('AUTH_LOCAL_SIGNING_KEY must be at least 32 bytes, base64-encoded');
  }
  const port = int('API_PORT', 3000, 1, 65535);
  const publicBaseUrl = url('PUBLIC_BASE_URL', str('PUBLIC_BASE_URL', `http://localhost:${port}`), [
    'http:',
    'https:',
  ]).replace(/\/$/, '');

  // AUTH_OIDC_ISSUER serves two purposes: signing in to the web app (with a client id) and verifying
  // bearer tokens (with an audience and keys). An issuer with neither needs the bearer trio.
  const clientId = optional('AUTH_OIDC_CLIENT_ID');
  const bearerFromOidc = Boolean(
    oidcIssuer && (optional('AUTH_OIDC_AUDIENCE') || optional('AUTH_OIDC_JWKS_URL') || !clientId),
  );
  let signIn: SignInConfig | null = null;
  if (clientId) {
    const clientSecret = optional('AUTH_OIDC_CLIENT_SECRET');
    if (!oidcIssuer)
      problems.push('AUTH_OIDC_CLIENT_ID needs AUTH_OIDC_ISSUER (the provider to sign in with)');
    if (!clientSecret) problems.push('AUTH_OIDC_CLIENT_SECRET is required with AUTH_OIDC_CLIENT_ID');
    const scopes = (optional('AUTH_OIDC_SCOPES') ?? 'openid profile').split(/\s+/).filter(Boolean);
    if (!scopes.includes('openid')) problems.push('AUTH_OIDC_SCOPES must include openid');
    if (oidcIssuer?.startsWith('http:') && !isLocalHttp(oidcIssuer))
      problems.push('AUTH_OIDC_ISSUER must use https for signing in (http only on localhost)');
    signIn = {
      issuer: oidcIssuer ?? '',
      clientId,
      clientSecret: clientSecret ?? '',
      subjectClaim: optional('AUTH_OIDC_SUBJECT_CLAIM') ?? 'sub',
      scopes,
      redirectUri: `${publicBaseUrl}/api/auth/callback`,
      postLogoutRedirectUri: `${publicBaseUrl}/`,
    };
  }
  const session: SessionConfig = {
    idleSeconds: int('AUTH_SESSION_IDLE_MINUTES', 30, 1, 1440) * 60,
    absoluteSeconds: int('AUTH_SESSION_ABSOLUTE_HOURS', 12, 1, 168) * 3600,
    secureCookie: !isLocalHttp(publicBaseUrl),
  };
  if (session.idleSeconds > session.absoluteSeconds)
    problems.push('AUTH_SESSION_IDLE_MINUTES must not be longer than AUTH_SESSION_ABSOLUTE_HOURS');

  const auth: AuthConfig = {
    signIn,
    session,
    oidc: bearerFromOidc
      ? {
          issuer: oidcIssuer ?? '',
          audience: str('AUTH_OIDC_AUDIENCE'),
          jwksUrl: url('AUTH_OIDC_JWKS_URL', str('AUTH_OIDC_JWKS_URL'), ['https:', 'http:']),
        }
      : null,
    localSigningKey,
    localIssuer: str('AUTH_LOCAL_ISSUER', 'tiltakstrappa-local'),
    localAudience: str('AUTH_LOCAL_AUDIENCE', 'tiltakstrappa-api'),
    // OIDC ID and access tokens live minutes to hours; the demo tokens 12 h.
    maxTokenLifetimeSeconds: int('AUTH_TOKEN_MAX_LIFETIME_MINUTES', 720, 1, 10_080) * 60,
    // Short: the price of not asking the directory on every request is that a deactivation takes this long.
    callerCacheSeconds: int('AUTH_CALLER_CACHE_SECONDS', 10, 0, 60),
  };
  if (needs.auth && !auth.oidc && !auth.localSigningKey && !auth.signIn) {
    problems.push(
      'AUTH_OIDC_ISSUER (with AUTH_OIDC_CLIENT_ID, or AUTH_OIDC_AUDIENCE and AUTH_OIDC_JWKS_URL) or AUTH_LOCAL_SIGNING_KEY is required',
    );
  }

  const mail: MailConfig = {
    smtpUrl: needs.mail
      ? url('SMTP_URL', str('SMTP_URL'), ['smtp:', 'smtps:'])
      : (optional('SMTP_URL') ?? ''),
    from: str('MAIL_FROM', 'Tiltakstrappa <ikke-svar@tiltakstrappa.local>'),
  };
  if (needs.mail && mail.from && !/<?[^\s<>@]+@[^\s<>@]+>?$/.test(mail.from))
    problems.push('MAIL_FROM must contain an email address');

  const codecCorsOrigins = (optional('CODEC_CORS_ORIGINS') ?? 'http://localhost:8233')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  const logLevel = str('LOG_LEVEL', 'info') as AppConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel))
    problems.push('LOG_LEVEL must be debug, info, warn or error');

  let policyOverrides: unknown = null;
  const policyRaw = optional('LADDER_POLICY_JSON');
  if (policyRaw) {
    try {
      policyOverrides = JSON.parse(policyRaw);
    } catch {
      problems.push('LADDER_POLICY_JSON is not valid JSON');
    }
  }

  const absenceDetection = parseAbsenceDetection(optional, problems);

  const http = parseHttpHardening(env, problems);

  const metrics: MetricsConfig = {
    host: str('METRICS_HOST', '127.0.0.1'),
    apiPort: portOrOff('API_METRICS_PORT', 9464),
    workerPort: portOrOff('WORKER_METRICS_PORT', 9465),
  };
  // The public port serves people; metrics on it would be readable by anyone who reaches the app.
  if (metrics.apiPort === port)
    problems.push(`API_METRICS_PORT must differ from API_PORT (${port}): metrics are never served publicly`);

  if (problems.length) throw new ConfigError(problems);
  return {
    databaseUrl,
    temporal,
    worker,
    codec,
    auth,
    mail,
    api: {
      port,
      host: str('API_HOST', '127.0.0.1'),
      publicBaseUrl,
      codecCorsOrigins,
    },
    web: { distDir: optional('WEB_DIST_DIR') },
    http,
    metrics,
    logLevel,
    policyOverrides,
    absenceDetection,
    seedDemoData: bool('SEED_DEMO_DATA', false),
  };
}

function parseAbsenceDetection(
  optional: (name: string) => string | null,
  problems: string[],
): AbsenceDetectionConfig {
  const modeRaw = optional('ABSENCE_DETECTION_MODE') ?? 'open';
  const mode = ABSENCE_DETECTION_MODES.find((m) => m === modeRaw.toLowerCase());
  if (!mode) problems.push(`ABSENCE_DETECTION_MODE must be open or propose, got "${modeRaw}"`);
  let policyOverrides: unknown = null;
  const policyRaw = optional('ABSENCE_DETECTION_POLICY');
  if (policyRaw) {
    try {
      policyOverrides = JSON.parse(policyRaw);
    } catch {
      problems.push('ABSENCE_DETECTION_POLICY is not valid JSON');
    }
  }
  return { mode: mode ?? 'open', policyOverrides };
}

/** http://localhost or http://127.0.0.1: a browser keeps a cookie without Secure only there. */
function isLocalHttp(baseUrl: string): boolean {
  try {
    const u = new URL(baseUrl);
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** `PAYLOAD_CODEC_KEYS` = `keyId:base64key[,keyId:base64key…]`; each key 32 bytes (AES-256). */
export function parseCodecKeys(raw: string, activeKeyId: string | null, problems: string[]): CodecConfig {
  const keys = new Map<string, Buffer>();
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const sep = entry.indexOf(':');
    const id = sep > 0 ? entry.slice(0, sep) : '';
    const key = Buffer.from(sep > 0 ? entry.slice(sep + 1) : '', 'base64');
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      problems.push(
        'PAYLOAD_CODEC_KEYS: each entry must be keyId:base64key with a short alphanumeric key id',
      );
      continue;
    }
    if (key.length !== 32) {
      problems.push(
        `PAYLOAD_CODEC_KEYS: key "${id}" must be 32 bytes (AES-256), base64-encoded; got ${key.length}`,
      );
      continue;
    }
    keys.set(id, key);
  }
  if (raw && keys.size === 0 && problems.length === 0) problems.push('PAYLOAD_CODEC_KEYS holds no key');
  // The last key listed is the active one unless named: rotation appends a key.
  const active = activeKeyId ?? [...keys.keys()].pop() ?? '';
  if (keys.size > 0 && !keys.has(active))
    problems.push(`PAYLOAD_CODEC_ACTIVE_KEY_ID "${active}" is not in PAYLOAD_CODEC_KEYS`);
  return { keys, activeKeyId: active };
}

export interface MigrationConfig {
  /** The owner role's connection: it owns the schema and runs the migrations. */
  migrationUrl: string;
  /** The application role (DATABASE_URL's user), granted exactly what the api and worker need. */
  appRole: string;
}

/**
 * What tools/migrate.mjs needs. Migrations run as the owner role, never as the role the api and the
 * worker connect as: a role that owns the audit tables could drop their append-only triggers.
 */
export function loadMigrationConfig(env: Env): MigrationConfig {
  const problems: string[] = [];
  const str = (name: string): string => {
    const v = env[name]?.trim();
    if (!v) problems.push(`${name} is required`);
    return v ?? '';
  };
  const user = (name: string, value: string): string => {
    if (!value) return '';
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      problems.push(`${name} is not a valid URL`);
      return '';
    }
    if (!['postgres:', 'postgresql:'].includes(u.protocol)) {
      problems.push(`${name} must use postgres: or postgresql:, got "${u.protocol}"`);
      return '';
    }
    const role = decodeURIComponent(u.username);
    if (!role) problems.push(`${name} must name its role (postgres://role:password@host/db)`);
    return role;
  };
  const migrationUrl = str('DATABASE_MIGRATION_URL');
  const owner = user('DATABASE_MIGRATION_URL', migrationUrl);
  const appRole = user('DATABASE_URL', str('DATABASE_URL'));
  if (owner && appRole && owner === appRole) {
    problems.push(
      `DATABASE_MIGRATION_URL and DATABASE_URL both connect as "${owner}": the api and worker must use a role that does not own the tables`,
    );
  }
  if (problems.length) throw new ConfigError(problems);
  return { migrationUrl, appRole };
}
