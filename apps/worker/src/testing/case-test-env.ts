// A real environment for case-workflow tests: a fresh PostgreSQL database with migrations and a
// synthetic school, the Temporal dev server, an in-process SMTP server, and the production worker
// wiring on a task queue of its own.
import { randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@tiltak/config';
import {
  caseStaticDetails,
  caseStaticSummary,
  type CaseEvent,
  type LadderPolicy,
  type StaffRole,
} from '@tiltak/domain';
import { MailSender } from '@tiltak/notifications';
import {
  CaseEventStore,
  DirectoryRepository,
  createDataSource,
  runMigrations,
  type AuditTrailEntry,
} from '@tiltak/persistence';
import { clientDataConverter, connectionOptions } from '@tiltak/temporal';
import {
  createTestDatabase,
  startTestSmtpServer,
  testCodecKeys,
  testTemporalAddress,
  withPgClient,
  type TestSmtpServer,
} from '@tiltak/testing';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  openedUpdate,
  openedUpdateId,
  recordEventUpdate,
  type CaseWorkflowInput,
  type RecordEventResult,
} from '@tiltak/workflows';
import { createCaseWorker } from '../case-worker';
import { createWorkerActivities } from '../worker-activities';

export type SyntheticStaff = Record<StaffRole, { id: string; email: string }>;

export interface OpenCaseOptions {
  /** The synthetic student's name; 'Synnøve Testesen' unless told. */
  student?: { givenName: string; familyName: string };
}

export interface CaseTestEnv {
  config: AppConfig;
  env: Record<string, string>;
  client: Client;
  /** Connected as the application role, as the worker is. */
  dataSource: DataSource;
  /**
   * Runs SQL as the role that owns the schema, for tests that change it the way an operator or a
   * broken migration would (triggers, constraints): the application role may not.
   */
  asOwner(sql: string, params?: unknown[]): Promise<unknown[]>;
  smtp: TestSmtpServer;
  schoolId: string;
  /** The student of the most recently opened case. */
  studentId: string;
  staff: SyntheticStaff;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  openCase(
    policy: LadderPolicy,
    overrides?: Partial<CaseWorkflowInput['open']>,
    options?: OpenCaseOptions,
  ): Promise<WorkflowHandle>;
  /** What openCase starts the workflow with (a new synthetic student included), for tests that start it another way. */
  caseInput(
    policy: LadderPolicy,
    overrides?: Partial<CaseWorkflowInput['open']>,
    options?: OpenCaseOptions,
  ): Promise<CaseWorkflowInput>;
  /** The event as the given role's synthetic staff member sends it now, with a fresh event id. */
  asStaff(event: CaseEvent, role?: StaffRole): CaseEvent;
  /** Records the event now, as the given role's synthetic staff member, with a fresh event id. */
  record(handle: WorkflowHandle, event: CaseEvent, role?: StaffRole): Promise<RecordEventResult>;
  timeline(caseId: string): Promise<AuditTrailEntry[]>;
  waitFor<T>(
    probe: () => Promise<T | null | undefined | false>,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  close(): Promise<void>;
}

const ROLES: StaffRole[] = [
  'contact-teacher',
  'school-leadership',
  'social-teacher',
  'competence-team',
  'ppt',
  'mobile-team',
  'health-nurse',
];
const MUNICIPALITY_WIDE: StaffRole[] = ['ppt', 'mobile-team', 'health-nurse'];

export async function startCaseTestEnv(
  options: { startWorker?: boolean; codecKeys?: string } = {},
): Promise<CaseTestEnv> {
  const db = await createTestDatabase('wf');
  await runMigrations(db.migrationUrl, { appRole: db.appRole });
  const databaseUrl = db.url;
  const smtp = await startTestSmtpServer();
  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: testTemporalAddress(),
    TEMPORAL_TASK_QUEUE: `test-cases-${randomUUID().slice(0, 8)}`,
    PAYLOAD_CODEC_KEYS: options.codecKeys ?? testCodecKeys(),
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: 'http://localhost:3999',
  };
  const config = loadConfig(env, { mail: true, auth: false });
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  const directory = new DirectoryRepository(dataSource);
  const school = await directory.upsertSchool({ name: 'Testlia skole', municipality: 'Testkommune' });
  const staff = {} as SyntheticStaff;
  for (const role of ROLES) {
    const email = `${role}@testlia.example.no`;
    const member = await directory.upsertStaff({
      displayName: `Syntetisk ${role}`,
      email,
      role,
      schoolId: MUNICIPALITY_WIDE.includes(role) ? null : school.id,
      // A municipality-wide partner serves the test school, so it sees the school's assigned cases.
      servesSchoolIds: MUNICIPALITY_WIDE.includes(role) ? [school.id] : [],
    });
    staff[role] = { id: member.id, email };
  }
  const connection = await Connection.connect(connectionOptions(config.temporal));
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: clientDataConverter(config.codec),
  });
  const mailSender = new MailSender(config.mail);
  let running: { worker: Worker; connection: NativeConnection; done: Promise<void> } | null = null;

  const asStaff = (event: CaseEvent, role: StaffRole = 'contact-teacher'): CaseEvent =>
    ({
      ...event,
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      actor: { staffId: staff[role].id, role },
    }) as CaseEvent;
  const self: CaseTestEnv = {
    config,
    env,
    client,
    dataSource,
    asOwner: (sql, params = []) =>
      withPgClient(db.migrationUrl, async (owner) => (await owner.query(sql, params)).rows as unknown[]),
    smtp,
    schoolId: school.id,
    studentId: '',
    staff,
    async startWorker() {
      if (running) return;
      const { worker, connection: nc } = await createCaseWorker({
        config,
        activities: createWorkerActivities({ dataSource, mailSender, config }),
      });
      running = { worker, connection: nc, done: worker.run() };
    },
    async stopWorker() {
      if (!running) return;
      const r = running;
      running = null;
      r.worker.shutdown();
      await r.done;
      await r.connection.close();
    },
    async openCase(policy, overrides = {}, options = {}) {
      const input = await self.caseInput(policy, overrides, options);
      // As the API opens a case: the start and the 'opened' Update in one request. Only its acceptance
      // is awaited, so a test whose first write fails still gets its handle.
      const startWorkflowOperation = new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
        taskQueue: config.temporal.taskQueue,
        workflowId: caseWorkflowId(input.open.caseId),
        args: [input],
        workflowIdConflictPolicy: 'FAIL',
        staticSummary: caseStaticSummary(input.open),
        staticDetails: caseStaticDetails(input.open),
      });
      await client.workflow.startUpdateWithStart(openedUpdate, {
        updateId: openedUpdateId(input.open.caseId),
        waitForStage: 'ACCEPTED',
        startWorkflowOperation,
      });
      return startWorkflowOperation.workflowHandle();
    },
    async caseInput(policy, overrides = {}, options = {}) {
      const caseId = randomUUID();
      // One open case per student: each case gets a synthetic student of its own.
      const student = await directory.createStudent({
        schoolId: school.id,
        className: '7B',
        contactTeacherId: staff['contact-teacher'].id,
        givenName: options.student?.givenName ?? 'Synnøve',
        familyName: options.student?.familyName ?? 'Testesen',
      });
      self.studentId = student.id;
      return {
        open: {
          caseId,
          studentId: student.id,
          schoolId: school.id,
          ownerStaffId: staff['contact-teacher'].id,
          trigger: 'absence-percentage',
          absencePercent: 12.5,
          openedAt: new Date().toISOString(),
          openedBy: { staffId: staff['contact-teacher'].id, role: 'contact-teacher' },
          ...overrides,
        },
        policy,
      };
    },
    asStaff,
    async record(handle, event, role = 'contact-teacher') {
      const sent = asStaff(event, role);
      return handle.executeUpdate(recordEventUpdate, { args: [sent], updateId: sent.eventId });
    },
    timeline: (caseId) => new CaseEventStore(dataSource).timeline(caseId),
    async waitFor(probe, what, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async close() {
      await self.stopWorker();
      await connection.close();
      mailSender.close();
      await smtp.stop();
      await dataSource.destroy();
    },
  };
  if (options.startWorker !== false) await self.startWorker();
  return self;
}
