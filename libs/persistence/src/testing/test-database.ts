// A fresh, migrated database on the test PostgreSQL server, for this library's integration specs.
// Test-only file (excluded from the build): infra may not depend on the testing lib in production code.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase } from '@tiltak/testing';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations, type PersistenceOptions } from '../data-source';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
}

/** A fresh database without any table; its URL. */
export async function emptyTestDatabase(): Promise<string> {
  return createTestDatabase('persistence');
}

export async function migratedTestDatabase(opts: PersistenceOptions = {}): Promise<TestDatabase> {
  const url = await emptyTestDatabase();
  await runMigrations(url);
  const dataSource = createDataSource(url, { applicationName: 'persistence-tests', ...opts });
  await dataSource.initialize();
  return { url, dataSource };
}
