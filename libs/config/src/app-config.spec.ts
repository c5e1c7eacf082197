import { randomBytes } from 'node:crypto';
import { ConfigError, DEFAULT_WORKER_TUNING, loadConfig, loadMigrationConfig } from './app-config';

const key = () => randomBytes(32).toString('base64');
const valid = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
  PAYLOAD_CODEC_KEYS: `k1:${key()}`,
  SMTP_URL: 'smtp://localhost:1025',
  AUTH_LOCAL_SIGNING_KEY: randomBytes(48).toString('base64'),
};

function problems(env: Record<string, string>, needs?: Parameters<typeof loadConfig>[1]): string[] {
  try {
    loadConfig(env, needs);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('loadConfig', () => {
  it('accepts a complete configuration and applies the defaults', () => {
    const config = loadConfig(valid);
    expect(config.temporal).toMatchObject({
      address: 'localhost:7233',
      namespace: 'default',
      taskQueue: 'cases-v1',
      tls: null,
    });
    expect(config.codec.activeKeyId).toBe('k1');
    expect(config.api).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicBaseUrl: 'http://localhost:3000',
    });
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: '' }, /DATABASE_URL is required/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must use postgres/],
    [
      'PAYLOAD_CODEC_KEYS',
      { PAYLOAD_CODEC_KEYS: 'k1:short' },
      /PAYLOAD_CODEC_KEYS: key "k1" must be 32 bytes/,
    ],
    [
      'PAYLOAD_CODEC_ACTIVE_KEY_ID',
      { PAYLOAD_CODEC_ACTIVE_KEY_ID: 'nope' },
      /PAYLOAD_CODEC_ACTIVE_KEY_ID "nope"/,
    ],
    ['SMTP_URL', { SMTP_URL: 'http://mail' }, /SMTP_URL must use smtp: or smtps:/],
    ['API_PORT', { API_PORT: '70000' }, /API_PORT must be an integer/],
    ['TEMPORAL_TLS', { TEMPORAL_TLS: 'maybe' }, /TEMPORAL_TLS must be true or false/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be/],
    ['LADDER_POLICY_JSON', { LADDER_POLICY_JSON: '{nope' }, /LADDER_POLICY_JSON is not valid JSON/],
    [
      'ABSENCE_DETECTION_MODE',
      { ABSENCE_DETECTION_MODE: 'suggest' },
      /ABSENCE_DETECTION_MODE must be open or propose, got "suggest"/,
    ],
    [
      'ABSENCE_DETECTION_POLICY',
      { ABSENCE_DETECTION_POLICY: '{nope' },
      /ABSENCE_DETECTION_POLICY is not valid JSON/,
    ],
    [
      'API_UPLOAD_REQUEST_TIMEOUT_MS',
      { API_REQUEST_TIMEOUT_MS: '60000', API_UPLOAD_REQUEST_TIMEOUT_MS: '30000' },
      /API_UPLOAD_REQUEST_TIMEOUT_MS must not be shorter than API_REQUEST_TIMEOUT_MS/,
    ],
    [
      'AUTH_LOCAL_SIGNING_KEY',
      { AUTH_LOCAL_SIGNING_KEY: 'c2hvcnQ=' },
      /AUTH_LOCAL_SIGNING_KEY must be at least 32 bytes/,
    ],
    [
      'AUTH_TOKEN_MAX_LIFETIME_MINUTES',
      { AUTH_TOKEN_MAX_LIFETIME_MINUTES: '0' },
      /AUTH_TOKEN_MAX_LIFETIME_MINUTES must be an integer/,
    ],
    [
      'AUTH_CALLER_CACHE_SECONDS',
      { AUTH_CALLER_CACHE_SECONDS: '61' },
      /AUTH_CALLER_CACHE_SECONDS must be an integer/,
    ],
    [
      'API_REQUEST_TIMEOUT_MS',
      { API_REQUEST_TIMEOUT_MS: '10' },
      /API_REQUEST_TIMEOUT_MS must be an integer between 1000/,
    ],
    [
      'API_HEADERS_TIMEOUT_MS',
      { API_REQUEST_TIMEOUT_MS: '5000', API_HEADERS_TIMEOUT_MS: '6000' },
      /API_HEADERS_TIMEOUT_MS must not be longer/,
    ],
    [
      'API_KEEP_ALIVE_TIMEOUT_MS',
      { API_KEEP_ALIVE_TIMEOUT_MS: 'long' },
      /API_KEEP_ALIVE_TIMEOUT_MS must be an integer/,
    ],
    [
      'API_RATE_LIMIT_AUTH_FAILURES_PER_MINUTE',
      { API_RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '-1' },
      /API_RATE_LIMIT_AUTH_FAILURES_PER_MINUTE must be/,
    ],
    [
      'API_RATE_LIMIT_EVENT_POSTS_PER_MINUTE',
      { API_RATE_LIMIT_EVENT_POSTS_PER_MINUTE: '1.5' },
      /API_RATE_LIMIT_EVENT_POSTS_PER_MINUTE must be/,
    ],
    [
      'API_RATE_LIMIT_CODEC_PER_MINUTE',
      { API_RATE_LIMIT_CODEC_PER_MINUTE: '0' },
      /API_RATE_LIMIT_CODEC_PER_MINUTE must be/,
    ],
    ['API_TRUST_PROXY', { API_TRUST_PROXY: '10.0.0.0/33' }, /API_TRUST_PROXY must be false, a number/],
    ['API_TRUST_PROXY', { API_TRUST_PROXY: 'true' }, /API_TRUST_PROXY must be false, a number/],
  ])('names %s when it is wrong', (_name, override, message) => {
    expect(problems({ ...valid, ...override }).join('\n')).toMatch(message);
  });

  it('requires some way to verify tokens for the API, but not for the worker', () => {
    const { AUTH_LOCAL_SIGNING_KEY: _omit, ...env } = valid;
    expect(problems(env, { auth: true, mail: true }).join('\n')).toMatch(
      /AUTH_OIDC_ISSUER .* or AUTH_LOCAL_SIGNING_KEY is required/,
    );
    expect(problems(env, { auth: false, mail: true })).toEqual([]);
  });

  it('requires the whole OIDC trio when an issuer is set', () => {
    expect(problems({ ...valid, AUTH_OIDC_ISSUER: 'https://auth.example.no' }).join('\n')).toMatch(
      /AUTH_OIDC_AUDIENCE is required[\s\S]*AUTH_OIDC_JWKS_URL is required/,
    );
  });

  describe('signing in to the web app', () => {
    const feide = {
      ...valid,
      AUTH_OIDC_ISSUER: 'https://auth.dataporten.no',
      AUTH_OIDC_CLIENT_ID: 'client-1',
      AUTH_OIDC_CLIENT_SECRET: 'secret-1',
      PUBLIC_BASE_URL: 'https://tiltakstrappa.kommune.no/',
    };

    it('is off without a client id, and bearer tokens keep the local key', () => {
      const { auth } = loadConfig(valid);
      expect(auth.signIn).toBeNull();
      expect(auth.oidc).toBeNull();
      expect(auth.session).toEqual({ idleSeconds: 1800, absoluteSeconds: 12 * 3600, secureCookie: false });
    });

    it('derives the redirect from PUBLIC_BASE_URL, with the defaults for claim and scopes', () => {
      const { auth } = loadConfig(feide);
      expect(auth.signIn).toEqual({
        issuer: 'https://auth.dataporten.no',
        clientId: 'client-1',
        clientSecret: 'secret-1',
        subjectClaim: 'sub',
        scopes: ['openid', 'profile'],
        redirectUri: 'https://tiltakstrappa.kommune.no/api/auth/callback',
        postLogoutRedirectUri: 'https://tiltakstrappa.kommune.no/',
      });
      // An issuer for signing in only: bearer tokens still use the local key.
      expect(auth.oidc).toBeNull();
      expect(auth.session.secureCookie).toBe(true);
    });

    it('reads the Feide claim, scopes and session timeouts', () => {
      const { auth } = loadConfig({
        ...feide,
        AUTH_OIDC_SCOPES: ' openid  userid-feide profile ',
        AUTH_OIDC_SUBJECT_CLAIM: 'https://n.feide.no/claims/eduPersonPrincipalName',
        AUTH_SESSION_IDLE_MINUTES: '15',
        AUTH_SESSION_ABSOLUTE_HOURS: '8',
      });
      expect(auth.signIn).toMatchObject({
        scopes: ['openid', 'userid-feide', 'profile'],
        subjectClaim: 'https://n.feide.no/claims/eduPersonPrincipalName',
      });
      expect(auth.session).toMatchObject({ idleSeconds: 900, absoluteSeconds: 8 * 3600 });
    });

    it('keeps the cookie without Secure only for http://localhost and 127.0.0.1', () => {
      expect(
        loadConfig({ ...valid, PUBLIC_BASE_URL: 'http://127.0.0.1:3000' }).auth.session.secureCookie,
      ).toBe(false);
      expect(
        loadConfig({ ...valid, PUBLIC_BASE_URL: 'http://intranet.kommune.no' }).auth.session.secureCookie,
      ).toBe(true);
    });

    it.each([
      [{ AUTH_OIDC_CLIENT_SECRET: '' }, /AUTH_OIDC_CLIENT_SECRET is required with AUTH_OIDC_CLIENT_ID/],
      [{ AUTH_OIDC_ISSUER: '' }, /AUTH_OIDC_CLIENT_ID needs AUTH_OIDC_ISSUER/],
      [{ AUTH_OIDC_ISSUER: 'http://idp.example.no' }, /AUTH_OIDC_ISSUER must use https for signing in/],
      [{ AUTH_OIDC_SCOPES: 'profile' }, /AUTH_OIDC_SCOPES must include openid/],
      [{ AUTH_SESSION_IDLE_MINUTES: '0' }, /AUTH_SESSION_IDLE_MINUTES must be an integer/],
      [
        { AUTH_SESSION_IDLE_MINUTES: '120', AUTH_SESSION_ABSOLUTE_HOURS: '1' },
        /AUTH_SESSION_IDLE_MINUTES must not be longer than AUTH_SESSION_ABSOLUTE_HOURS/,
      ],
    ])('names the problem with %o', (override, message) => {
      expect(problems({ ...feide, ...override }).join('\n')).toMatch(message);
    });

    it('accepts sign-in as the only way in, and http for a local provider', () => {
      const { AUTH_LOCAL_SIGNING_KEY: _key, ...withoutKey } = feide;
      expect(problems({ ...withoutKey, AUTH_OIDC_ISSUER: 'http://localhost:4000' })).toEqual([]);
    });

    it('still verifies bearer tokens from the issuer when audience and keys are set', () => {
      const { auth } = loadConfig({
        ...feide,
        AUTH_OIDC_AUDIENCE: 'tiltakstrappa',
        AUTH_OIDC_JWKS_URL: 'https://auth.dataporten.no/openid/jwks',
      });
      expect(auth.oidc).toEqual({
        issuer: 'https://auth.dataporten.no',
        audience: 'tiltakstrappa',
        jwksUrl: 'https://auth.dataporten.no/openid/jwks',
      });
      expect(auth.signIn).not.toBeNull();
    });
  });

  it('reads WEB_DIST_DIR', () => {
    expect(loadConfig(valid).web.distDir).toBeNull();
    expect(loadConfig({ ...valid, WEB_DIST_DIR: '/srv/web' }).web.distDir).toBe('/srv/web');
  });

  it('turns on TLS for Temporal Cloud API keys', () => {
    const config = loadConfig({
      ...valid,
      TEMPORAL_API_KEY: 'secret',
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
    });
    expect(config.temporal.tls).toEqual({});
    expect(config.temporal.apiKey).toBe('secret');
  });

  it('opens cases on detection, without threshold overrides, unless configured otherwise', () => {
    expect(loadConfig(valid).absenceDetection).toEqual({ mode: 'open', policyOverrides: null });
    const configured = loadConfig({
      ...valid,
      ABSENCE_DETECTION_MODE: 'propose',
      ABSENCE_DETECTION_POLICY: '{"absencePercent": 8, "lateOrEarlyCount": 6}',
    });
    expect(configured.absenceDetection).toEqual({
      mode: 'propose',
      policyOverrides: { absencePercent: 8, lateOrEarlyCount: 6 },
    });
  });

  it('makes the last listed codec key the active one, for rotation', () => {
    const config = loadConfig({ ...valid, PAYLOAD_CODEC_KEYS: `old:${key()},new:${key()}` });
    expect(config.codec.activeKeyId).toBe('new');
    expect([...config.codec.keys.keys()]).toEqual(['old', 'new']);
  });

  it('chooses the server timeouts, rate limits and token lifetime on purpose', () => {
    const config = loadConfig(valid);
    expect(config.http.timeouts).toEqual({
      requestMs: 30_000,
      uploadRequestMs: 1_800_000,
      headersMs: 10_000,
      keepAliveMs: 65_000,
    });
    expect(config.http.rateLimits).toEqual({
      authFailuresPerAddress: 30,
      eventPostsPerCaller: 60,
      codecPerAddress: 600,
    });
    expect(config.http.trustProxy).toBe(false);
    expect(config.auth.maxTokenLifetimeSeconds).toBe(12 * 3600);
    expect(config.auth.callerCacheSeconds).toBe(10);
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['loopback, 10.0.0.0/8,fd00::/8', ['loopback', '10.0.0.0/8', 'fd00::/8']],
  ])('reads API_TRUST_PROXY=%s', (raw, expected) => {
    expect(loadConfig({ ...valid, API_TRUST_PROXY: raw }).http.trustProxy).toEqual(expected);
  });

  describe('metrics endpoints', () => {
    it('listen on their own loopback ports by default', () => {
      expect(loadConfig(valid).metrics).toEqual({ host: '127.0.0.1', apiPort: 9464, workerPort: 9465 });
    });

    it('are turned off by 0 or by an empty value, and moved by a port', () => {
      const config = loadConfig({
        ...valid,
        API_METRICS_PORT: '0',
        WORKER_METRICS_PORT: '',
        METRICS_HOST: '0.0.0.0',
      });
      expect(config.metrics).toEqual({ host: '0.0.0.0', apiPort: null, workerPort: null });
      expect(loadConfig({ ...valid, WORKER_METRICS_PORT: '19465' }).metrics.workerPort).toBe(19465);
    });

    it('refuse what is not a port, and the public port', () => {
      expect(problems({ ...valid, API_METRICS_PORT: 'abc', WORKER_METRICS_PORT: '70000' })).toEqual([
        'API_METRICS_PORT must be a port (1-65535), or 0 or empty to turn it off; got "abc"',
        'WORKER_METRICS_PORT must be a port (1-65535), or 0 or empty to turn it off; got "70000"',
      ]);
      expect(problems({ ...valid, API_PORT: '8080', API_METRICS_PORT: '8080' })).toEqual([
        'API_METRICS_PORT must differ from API_PORT (8080): metrics are never served publicly',
      ]);
    });
  });

  describe('worker tuning', () => {
    it('has the documented defaults when unset', () => {
      expect(loadConfig(valid).worker).toEqual(DEFAULT_WORKER_TUNING);
      expect(DEFAULT_WORKER_TUNING).toEqual({
        maxCachedWorkflows: 500,
        maxConcurrentWorkflowTasks: 40,
        maxConcurrentActivities: 100,
        workflowTaskPollers: 40,
        nonStickyPollRatio: 0.5,
      });
    });

    it('reads each variable', () => {
      expect(
        loadConfig({
          ...valid,
          WORKER_MAX_CACHED_WORKFLOWS: '200',
          WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20',
          WORKER_MAX_CONCURRENT_ACTIVITIES: '50',
          WORKER_WORKFLOW_TASK_POLLERS: '20',
          WORKER_NON_STICKY_POLL_RATIO: '0.5',
        }).worker,
      ).toEqual({
        maxCachedWorkflows: 200,
        maxConcurrentWorkflowTasks: 20,
        maxConcurrentActivities: 50,
        workflowTaskPollers: 20,
        nonStickyPollRatio: 0.5,
      });
    });

    it('lowers a default to a smaller bound set above it', () => {
      expect(loadConfig({ ...valid, WORKER_MAX_CACHED_WORKFLOWS: '4' }).worker).toMatchObject({
        maxCachedWorkflows: 4,
        maxConcurrentWorkflowTasks: 4,
        workflowTaskPollers: 4,
      });
      expect(loadConfig({ ...valid, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '6' }).worker).toMatchObject({
        maxCachedWorkflows: 500,
        maxConcurrentWorkflowTasks: 6,
        workflowTaskPollers: 6,
      });
      // A larger cache alone keeps the slots and polls where they were.
      expect(loadConfig({ ...valid, WORKER_MAX_CACHED_WORKFLOWS: '2000' }).worker).toMatchObject({
        maxCachedWorkflows: 2000,
        maxConcurrentWorkflowTasks: 40,
        workflowTaskPollers: 40,
      });
    });

    it('refuses values the SDK would change or reject without a word', () => {
      expect(
        problems({
          ...valid,
          WORKER_MAX_CACHED_WORKFLOWS: '1',
          WORKER_MAX_CONCURRENT_ACTIVITIES: 'many',
          WORKER_NON_STICKY_POLL_RATIO: '0',
        }),
      ).toEqual([
        'WORKER_MAX_CACHED_WORKFLOWS must be an integer between 2 and 100000, got "1"',
        'WORKER_MAX_CONCURRENT_ACTIVITIES must be an integer between 1 and 1000, got "many"',
        'WORKER_NON_STICKY_POLL_RATIO must be a number above 0 and at most 1, got "0"',
      ]);
      expect(
        problems({ ...valid, WORKER_MAX_CACHED_WORKFLOWS: '30', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '40' }),
      ).toEqual([
        'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS (40) must not exceed WORKER_MAX_CACHED_WORKFLOWS (30)',
      ]);
      expect(
        problems({ ...valid, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '8', WORKER_WORKFLOW_TASK_POLLERS: '10' }),
      ).toEqual([
        'WORKER_WORKFLOW_TASK_POLLERS (10) must not exceed WORKER_MAX_CONCURRENT_WORKFLOW_TASKS (8)',
      ]);
    });
  });

  it('reports every problem at once', () => {
    expect(problems({}).length).toBeGreaterThanOrEqual(3);
  });
});

describe('loadMigrationConfig', () => {
  const env = {
    DATABASE_URL: 'postgres://tiltak_app:p@db:5432/tiltakstrappa',
    DATABASE_MIGRATION_URL: 'postgres://tiltak_owner:q@db:5432/tiltakstrappa',
  };
  const migrationProblems = (e: Record<string, string>): string => {
    try {
      loadMigrationConfig(e);
      return '';
    } catch (err) {
      if (err instanceof ConfigError) return err.problems.join('\n');
      throw err;
    }
  };

  it('takes the owner connection and the application role named by DATABASE_URL', () => {
    expect(loadMigrationConfig(env)).toEqual({
      migrationUrl: env.DATABASE_MIGRATION_URL,
      appRole: 'tiltak_app',
    });
    expect(loadMigrationConfig({ ...env, DATABASE_URL: 'postgres://tiltak%2Dapp@db/x' }).appRole).toBe(
      'tiltak-app',
    );
  });

  it.each([
    [{ DATABASE_MIGRATION_URL: '' }, /DATABASE_MIGRATION_URL is required/],
    [{ DATABASE_MIGRATION_URL: 'mysql://o@db/x' }, /DATABASE_MIGRATION_URL must use postgres/],
    [{ DATABASE_URL: 'postgres://db:5432/x' }, /DATABASE_URL must name its role/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
  ])('names the variable that is wrong (%o)', (override, message) => {
    expect(migrationProblems({ ...env, ...override })).toMatch(message);
  });

  it('refuses to let the apps connect as the role that owns the tables', () => {
    expect(migrationProblems({ ...env, DATABASE_URL: 'postgres://tiltak_owner:q@db/tiltakstrappa' })).toMatch(
      /both connect as "tiltak_owner"/,
    );
  });
});
