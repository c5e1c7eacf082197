// One API and one in-process worker per test file, against the real PostgreSQL and Temporal dev server
// the Jest global setup started. The worker runs the real workflows and the real persistence activities;
// notices are accepted and dropped (the notifications tier has its own tests).
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { WorkflowNotFoundError } from '@temporalio/client';
import { loadConfig, type AppConfig } from '@tiltak/config';
import type { LadderPolicy } from '@tiltak/domain';
import { caseWorkflowId } from '@tiltak/workflows';
import {
  AbsenceStore,
  ProposalStore,
  CaseEventStore,
  DirectoryRepository,
  InstallationStore,
  createDataSource,
  runMigrations,
} from '@tiltak/persistence';
import { createTestDatabase, testCodecKeys, testTemporalAddress } from '@tiltak/testing';
import { SignJWT } from 'jose';
import type { DataSource } from 'typeorm';
import type { AppOptions } from '../../../apps/api/src/app-options';
import { createApp } from '../../../apps/api/src/create-app';
import { TemporalClient } from '../../../apps/api/src/infrastructure/temporal-client.provider';
import { createCaseActivities } from '../../../apps/worker/src/case-activities';
import { createCaseWorker } from '../../../apps/worker/src/case-worker';
import { type OidcProviderProcess, startOidcProviderProcess } from '../web/oidc-provider-process';
import { createWorkerActivities, detectionPolicyFrom } from '../../../apps/worker/src/worker-activities';
import { createAbsenceActivities } from '../../../apps/worker/src/absence-activities';
import { MailSender } from '@tiltak/notifications';

export interface ApiHarness {
  app: INestApplication;
  http: Server;
  config: AppConfig;
  /** A direct connection for assertions (counts in case_events, access_log…). */
  db: DataSource;
  /** A bearer token for a staff member, as the local HS256 issuer would sign it. */
  token(staffId: string, scopes?: string[]): Promise<string>;
  /** While true, the worker's persistence activity fails (as if PostgreSQL were down for it). */
  worker: { failPersist: boolean };
  /** With `listen` or `signIn`: where the app listens (`http://localhost:<port>`, also PUBLIC_BASE_URL). */
  baseUrl: string | null;
  /** With `signIn`: the local OIDC provider process the app signs in with. */
  oidc: OidcProviderProcess | null;
  close(): Promise<void>;
}

export interface HarnessOptions extends AppOptions {
  policy?: LadderPolicy;
  /** Extra environment, e.g. a Temporal address nobody listens on. */
  env?: Record<string, string>;
  /** Start no worker (for tests of an unreachable Temporal). */
  withoutWorker?: boolean;
  /**
   * Start the local OIDC provider (tools/oidc-provider.mjs, its own process, the demo staff as
   * accounts) and configure the app's sign-in against it; implies `listen`. Bearer tokens keep working.
   * Sign supertest agents in with `signIn` from test/e2e/web/sign-in.ts.
   */
  signIn?: boolean;
  /** Listen on a free port of 127.0.0.1 (browsers, redirects): `baseUrl`. */
  listen?: boolean;
  /** The built web app to serve at `/` (WEB_DIST_DIR). */
  webDistDir?: string;
  /** Run the worker's real activities (notices mailed to this SMTP server, absence import) instead of dropping notices. */
  smtpUrl?: string;
}

export async function startApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  quietTemporalRuntime();
  // A DATABASE_URL passed in is another harness's database, migrated already.
  let databaseUrl = options.env?.['DATABASE_URL'];
  if (!databaseUrl) {
    const db = await createTestDatabase('api');
    await runMigrations(db.migrationUrl, { appRole: db.appRole });
    databaseUrl = db.url;
  }
  const listen = Boolean(options.listen || options.signIn);
  const port = listen ? await freeLocalPort() : null;
  const baseUrl = port === null ? null : `http://localhost:${port}`;
  const oidc =
    options.signIn && baseUrl
      ? await startOidcProviderProcess({
          appBaseUrl: baseUrl,
          clientSecret: randomBytes(24).toString('base64url'),
        })
      : null;
  const signingKey = options.env?.['AUTH_LOCAL_SIGNING_KEY']
    ? Buffer.from(options.env['AUTH_LOCAL_SIGNING_KEY'], 'base64')
    : randomBytes(32);
  const config = loadConfig(
    {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: testTemporalAddress(),
      TEMPORAL_TASK_QUEUE: `api-e2e-${randomUUID()}`,
      PAYLOAD_CODEC_KEYS: testCodecKeys(),
      AUTH_LOCAL_SIGNING_KEY: signingKey.toString('base64'),
      SEED_DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
      CODEC_CORS_ORIGINS: 'http://localhost:8233',
      // Tests drive the API faster than any person; hardening.e2e-spec.ts sets low limits to test them.
      API_RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '100000',
      API_RATE_LIMIT_EVENT_POSTS_PER_MINUTE: '100000',
      API_RATE_LIMIT_CODEC_PER_MINUTE: '100000',
      ...(baseUrl ? { PUBLIC_BASE_URL: baseUrl } : {}),
      ...(oidc
        ? {
            AUTH_OIDC_ISSUER: oidc.issuer,
            AUTH_OIDC_CLIENT_ID: oidc.clientId,
            AUTH_OIDC_CLIENT_SECRET: oidc.clientSecret,
          }
        : {}),
      ...(options.webDistDir ? { WEB_DIST_DIR: options.webDistDir } : {}),
      ...options.env,
    },
    { mail: false, auth: true },
  );

  const db = createDataSource(databaseUrl, { applicationName: 'api-e2e' });
  await db.initialize();

  const control = { failPersist: false };
  let worker: Worker | null = null;
  let running: Promise<void> = Promise.resolve();
  let closeConnection: () => Promise<void> = async () => undefined;
  let mailSender: MailSender | null = null;
  if (!options.withoutWorker) {
    const eventStore = new CaseEventStore(db);
    if (options.smtpUrl) mailSender = new MailSender({ smtpUrl: options.smtpUrl, from: config.mail.from });
    const real = mailSender ? createWorkerActivities({ dataSource: db, mailSender, config }) : null;
    const created = await createCaseWorker({
      config,
      activities: {
        ...createAbsenceActivities({
          absence: new AbsenceStore(db),
          installation: new InstallationStore(db),
          proposals: new ProposalStore(db),
          mode: config.absenceDetection.mode,
          policy: detectionPolicyFrom(config.absenceDetection),
        }),
        ...real,
        ...createCaseActivities({
          eventStore: {
            append: async (input) => {
              if (control.failPersist) throw new Error('PostgreSQL unreachable (simulated)');
              return eventStore.append(input);
            },
          },
          directory: new DirectoryRepository(db),
        }),
        planNotificationDeliveries: real?.planNotificationDeliveries ?? (async () => ({ outboxKeys: [] })),
        deliverNotification: real?.deliverNotification ?? (async () => undefined),
        planProposalNotice: real?.planProposalNotice ?? (async () => ({ outboxKeys: [] })),
      },
    });
    worker = created.worker;
    running = worker.run();
    closeConnection = () => created.connection.close();
  }

  const {
    env: _env,
    withoutWorker: _withoutWorker,
    signIn: _signIn,
    listen: _listen,
    webDistDir: _webDistDir,
    smtpUrl: _smtpUrl,
    ...appOptions
  } = options;
  // Silent unless the test reads the log (`log.destination`).
  const app = await createApp(config, { ...(options.log ? {} : { logger: false }), ...appOptions });
  if (port !== null) await app.listen(port, '127.0.0.1');
  else await app.init();

  return {
    app,
    http: app.getHttpServer() as Server,
    config,
    db,
    worker: control,
    baseUrl,
    oidc,
    token: (staffId, scopes = []) =>
      new SignJWT(scopes.length ? { scope: scopes.join(' ') } : {})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(staffId)
        .setIssuer(config.auth.localIssuer)
        .setAudience(config.auth.localAudience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(signingKey),
    async close() {
      // Case ids derive from the (fixed) demo students, and workflow ids from case ids: end this file's
      // open cases so the next file's API, on its own database, finds those ids closed and moves on.
      if (!options.withoutWorker) await terminateOpenCases(app, db);
      await app.close();
      worker?.shutdown();
      await running;
      await closeConnection();
      mailSender?.close();
      await db.destroy();
      await oidc?.stop();
    },
  };
}

/** A port free on 127.0.0.1 right now. */
async function freeLocalPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Worker logs at WARN: the tests' output stays readable. The runtime is per process, so only once. */
function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier test file in this process.
  }
}

async function terminateOpenCases(app: INestApplication, db: DataSource): Promise<void> {
  const open = (await db.query(`SELECT case_id FROM cases WHERE status <> 'closed'`)) as {
    case_id: string;
  }[];
  const client = await app.get(TemporalClient).client();
  for (const { case_id: caseId } of open) {
    await client.workflow
      .getHandle(caseWorkflowId(caseId))
      .terminate('end of test file')
      .catch((err: unknown) => {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      });
  }
}
