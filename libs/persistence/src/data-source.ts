// The TypeORM data source, with entities and migrations listed by class (no globs), so the same code
// runs from dist, from ts-jest and from a bundle. The schema only ever changes through migrations.
import { DataSource, type MigrationInterface } from 'typeorm';
import { assertSupportedPostgres } from './server-version';
import { AccessLogEntryEntity } from './access-log/access-log-entry.entity';
import { CaseEventEntity } from './cases/case-event.entity';
import { CaseEntity } from './cases/case.entity';
import { SchoolCalendarEntity } from './directory/school-calendar.entity';
import { SchoolEntity } from './directory/school.entity';
import { StaffMemberEntity } from './directory/staff-member.entity';
import { StudentEntity } from './directory/student.entity';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity';
import { CreateDirectoryTables1764000000000 } from './migrations/1764000000000-CreateDirectoryTables';
import { CreateCaseTables1764000001000 } from './migrations/1764000001000-CreateCaseTables';
import { CreateNotificationRequests1764000002000 } from './migrations/1764000002000-CreateNotificationRequests';
import { CreateIdempotencyKeys1764000003000 } from './migrations/1764000003000-CreateIdempotencyKeys';
import { CreateAccessLog1764000004000 } from './migrations/1764000004000-CreateAccessLog';
import { NotificationOutboxEntity } from './notifications/notification-outbox.entity';
import { CreateNotificationOutbox1764000900000 } from './migrations/1764000900000-CreateNotificationOutbox';
import { CreateInstallation1764001000000 } from './migrations/1764001000000-CreateInstallation';
import { DropNotificationRequests1764100000000 } from './migrations/1764100000000-DropNotificationRequests';
import { AddCaseListColumns1764300000000 } from './migrations/1764300000000-AddCaseListColumns';
import { CreateStaffServedSchools1764107000000 } from './migrations/1764107000000-CreateStaffServedSchools';
import { AddStaffOidcSubject1764200000000 } from './migrations/1764200000000-AddStaffOidcSubject';
import { CreateSignInSessions1764200001000 } from './migrations/1764200001000-CreateSignInSessions';
import { CreateAbsenceTables1764500000000 } from './migrations/1764500000000-CreateAbsenceTables';
import { CreateAbsenceCaseProposals1764600000000 } from './migrations/1764600000000-CreateAbsenceCaseProposals';
import { LessonAttendanceForBulkWrites1764600001000 } from './migrations/1764600001000-LessonAttendanceForBulkWrites';
import { CaseListPageIndexes1764710000000 } from './migrations/1764710000000-CaseListPageIndexes';
import { AttendanceDays1764720000000 } from './migrations/1764720000000-AttendanceDays';
import { InstallationEntity } from './installation/installation.entity';
import { grantAppRolePrivileges } from './app-role-privileges';

/** A class TypeORM maps to a table. */
export type EntityClass = new () => object;
/** A migration class; TypeORM orders them by the timestamp at the end of `name`. */
export type MigrationClass = new () => MigrationInterface;

export const PERSISTENCE_ENTITIES: readonly EntityClass[] = [
  SchoolEntity,
  SchoolCalendarEntity,
  StaffMemberEntity,
  StudentEntity,
  CaseEntity,
  CaseEventEntity,
  NotificationOutboxEntity,
  IdempotencyKeyEntity,
  AccessLogEntryEntity,
  InstallationEntity,
];

export const PERSISTENCE_MIGRATIONS: readonly MigrationClass[] = [
  CreateDirectoryTables1764000000000,
  CreateCaseTables1764000001000,
  CreateNotificationRequests1764000002000,
  CreateIdempotencyKeys1764000003000,
  CreateAccessLog1764000004000,
  CreateNotificationOutbox1764000900000,
  CreateInstallation1764001000000,
  DropNotificationRequests1764100000000,
  CreateStaffServedSchools1764107000000,
  AddStaffOidcSubject1764200000000,
  CreateSignInSessions1764200001000,
  AddCaseListColumns1764300000000,
  CreateAbsenceTables1764500000000,
  CreateAbsenceCaseProposals1764600000000,
  LessonAttendanceForBulkWrites1764600001000,
  CaseListPageIndexes1764710000000,
  AttendanceDays1764720000000,
];

export const MIGRATIONS_TABLE = 'migrations';

export interface PersistenceOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Shown in pg_stat_activity, e.g. 'tiltak-api'. */
  applicationName?: string;
  /** Entities other libraries own (e.g. the notification outbox), added to this library's. */
  extraEntities?: readonly EntityClass[];
  /** Their migrations, run in timestamp order together with this library's. */
  extraMigrations?: readonly MigrationClass[];
  /** Give up connecting after this long (default 10 s). */
  connectTimeoutMs?: number;
}

export function createDataSource(databaseUrl: string, opts: PersistenceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: [...PERSISTENCE_ENTITIES, ...(opts.extraEntities ?? [])],
    migrations: [...PERSISTENCE_MIGRATIONS, ...(opts.extraMigrations ?? [])],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    poolSize: opts.poolSize ?? 10,
    applicationName: opts.applicationName ?? 'tiltakstrappa',
    connectTimeoutMS: opts.connectTimeoutMs ?? 10_000,
  });
}

// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_ID = 7_263_510_001;

export interface MigrateOptions extends PersistenceOptions {
  /** The role the api and worker connect as; its privileges are set to APP_ROLE_PRIVILEGES. */
  appRole: string;
}

/**
 * Applies pending migrations in one transaction, as the owner role (`migrationUrl`), then gives the
 * application role exactly its privileges; returns the migrations' names. Safe when two processes
 * start together: an advisory lock lets one migrate while the other waits.
 */
export async function runMigrations(migrationUrl: string, opts: MigrateOptions): Promise<string[]> {
  return withMigrationLock(migrationUrl, opts, async (dataSource) => {
    const [version] = (await dataSource.query(
      `SELECT current_setting('server_version_num')::int AS num`,
    )) as { num: number }[];
    assertSupportedPostgres(Number(version?.num));
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    const q = dataSource.createQueryRunner();
    try {
      await q.startTransaction();
      await grantAppRolePrivileges(q, opts.appRole, MIGRATIONS_TABLE);
      await q.commitTransaction();
    } catch (err) {
      if (q.isTransactionActive) await q.rollbackTransaction();
      throw err;
    } finally {
      await q.release();
    }
    return applied.map((m) => m.name);
  });
}

/** Reverts every applied migration, newest first (drops all data); returns their names. For tests and resets. */
export async function revertAllMigrations(
  databaseUrl: string,
  opts: PersistenceOptions = {},
): Promise<string[]> {
  return withMigrationLock(databaseUrl, opts, async (dataSource) => {
    const reverted: string[] = [];
    for (;;) {
      const last = await lastAppliedMigration(dataSource);
      if (last === null) return reverted;
      await dataSource.undoLastMigration({ transaction: 'each' });
      if ((await lastAppliedMigration(dataSource)) === last) {
        throw new Error(`Migration ${last} could not be reverted: it is not among the known migrations`);
      }
      reverted.push(last);
    }
  });
}

async function withMigrationLock<T>(
  databaseUrl: string,
  opts: PersistenceOptions,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  // Two connections: one holds the lock, the other runs the migrations.
  const dataSource = createDataSource(databaseUrl, { ...opts, poolSize: 2 });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      return await work(dataSource);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await lock.release();
    await dataSource.destroy();
  }
}

async function lastAppliedMigration(dataSource: DataSource): Promise<string | null> {
  const [exists] = (await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [
    MIGRATIONS_TABLE,
  ])) as {
    exists: boolean;
  }[];
  if (!exists?.exists) return null;
  const rows = (await dataSource.query(
    `SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY id DESC LIMIT 1`,
  )) as {
    name: string;
  }[];
  return rows[0]?.name ?? null;
}
