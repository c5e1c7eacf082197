// The public API of @tiltak/persistence: the data source and migrations, and one small class per
// store. Entities are exported for callers that add their own (extraEntities) or join against them.
export {
  createDataSource,
  runMigrations,
  revertAllMigrations,
  PERSISTENCE_ENTITIES,
  PERSISTENCE_MIGRATIONS,
  MIGRATIONS_TABLE,
} from './data-source';
export type { EntityClass, MigrateOptions, MigrationClass, PersistenceOptions } from './data-source';
export { APP_ROLE_PRIVILEGES, assertLeastPrivilege, OverPrivilegedRoleError } from './app-role-privileges';
export type { TablePrivilege } from './app-role-privileges';
export {
  EventIdConflictError,
  InvalidPageError,
  OpenCaseExistsError,
  postgresErrorOf,
  PG_UNIQUE_VIOLATION,
} from './errors';

export { CaseEventStore } from './cases/case-event.store';
export { CaseReadModel, CASE_LIST_MAX_LIMIT, listStatement } from './cases/case.read-model';
export type {
  CaseCountByStep,
  CaseListFilter,
  CaseListPage,
  CaseListResult,
  CaseSummaryGroup,
} from './cases/case.read-model';
export type {
  AppendResult,
  AuditTrailEntry,
  CaseDetail,
  CaseListItem,
  CaseListRow,
  EventOrigin,
  ExternalSystemEvent,
} from './cases/case.types';
export { caseRowFromState } from './cases/case.mapper';

export { DirectoryRepository } from './directory/directory.repository';
export type {
  NewStudent,
  School,
  SchoolInput,
  StaffMember,
  StaffMemberInput,
  Student,
  StudentConcernProfile,
  StudentUpdate,
} from './directory/directory.types';

export { SignInStore } from './auth/sign-in.store';
export type { LoginAttempt, NewSignInSession, SessionLookup, SignInSession } from './auth/sign-in.store';

export { IdempotencyStore } from './idempotency/idempotency.store';
export { InstallationStore } from './installation/installation.store';
export type { IdempotencyStoreOptions } from './idempotency/idempotency.store';
export type { IdempotencyBeginResult } from './idempotency/idempotency.types';

export { AccessLog } from './access-log/access-log.store';
export type {
  AccessLogEntry,
  AccessLogFilter,
  AccessLogInput,
  AccessOutcome,
} from './access-log/access-log.types';

export { AccessLogEntryEntity } from './access-log/access-log-entry.entity';
export { CaseEventEntity } from './cases/case-event.entity';
export { CaseEntity } from './cases/case.entity';
export { SchoolCalendarEntity } from './directory/school-calendar.entity';
export { SchoolEntity } from './directory/school.entity';
export { StaffMemberEntity } from './directory/staff-member.entity';
export { StudentEntity } from './directory/student.entity';
export { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity';
export { InstallationEntity } from './installation/installation.entity';
export { safeForLog, sqlStateOf } from './log-safety';
export { returnedRows } from './sql-values';

export { NotificationOutboxStore } from './notifications/notification-outbox.store';
export type { ClaimedAttempt } from './notifications/notification-outbox.store';
export { OUTBOX_STATUSES, outboxKey } from './notifications/notification-outbox.types';
export type { NewOutboxRecord, OutboxRecord, OutboxStatus } from './notifications/notification-outbox.types';
export { NotificationContextReader } from './notifications/notification-context.reader';
export type { DigestCaseRow, StudentForReference } from './notifications/notification-context.reader';
export {
  AbsenceStore,
  IMPORT_MODES,
  IMPORT_SOURCES,
  MAX_STORED_ERRORS,
  STAGING_FIELDS,
  STAGING_LOST_FIELD,
  STAGING_LOST_MESSAGE,
} from './absence/absence.store';
export type {
  AbsenceImport,
  ApplyResult,
  FiguresRow,
  ImportMode,
  ImportSource,
  ImportStatus,
  NewImport,
  NewSignal,
  PhaseTimer,
  RowError,
  StagingField,
  StoredSignal,
  StudentForDetection,
} from './absence/absence.store';
export { ProposalStore, proposalIdFor } from './absence/proposal.store';
export type { CaseProposal, DecisionRefusal, NewProposal } from './absence/proposal.store';
export { isUuid, uuidV5 } from './ids/uuid-v5';
export { caseIdFor } from './ids/case-ids';
