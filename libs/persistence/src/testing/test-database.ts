// A fresh, migrated database on the test PostgreSQL server, for this library's integration specs.
// Test-only file (excluded from the build): infra may not depend on the testing lib in production code.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase as EmptyTestDatabase } from '@tiltak/testing';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations, type PersistenceOptions } from '../data-source';

export interface TestDatabase extends EmptyTestDatabase {
  /** Connected as the application role, like the api and the worker. */
  dataSource: DataSource;
}

/** A fresh database without any table: its URLs as the application and the owner role. */
export async function emptyTestDatabase(): Promise<EmptyTestDatabase> {
  return createTestDatabase('persistence');
}

export async function migratedTestDatabase(opts: PersistenceOptions = {}): Promise<TestDatabase> {
  const db = await emptyTestDatabase();
  await runMigrations(db.migrationUrl, { appRole: db.appRole });
  const dataSource = createDataSource(db.url, { applicationName: 'persistence-tests', ...opts });
  await dataSource.initialize();
  return { ...db, dataSource };
}
