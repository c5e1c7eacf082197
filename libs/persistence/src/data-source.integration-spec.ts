// Test-only import: infra code may not depend on the testing lib, but its specs need it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { withPgClient } from '@tiltak/testing';
import { PERSISTENCE_MIGRATIONS, createDataSource, revertAllMigrations, runMigrations } from './data-source';
import { emptyTestDatabase } from './testing/test-database';

// This library's own tables; other libraries may add theirs through the same migration list.
const TABLES = [
  'access_log',
  'case_events',
  'cases',
  'idempotency_keys',
  'school_calendars',
  'schools',
  'staff',
  'students',
];

async function tablesIn(url: string): Promise<string[]> {
  return withPgClient(url, async (c) => {
    const { rows } = await c.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'
       ORDER BY table_name`,
    );
    return rows.map((r) => r.table_name);
  });
}

describe('migrations', () => {
  const names = PERSISTENCE_MIGRATIONS.map((m) => new m().name);

  it('go up, all the way down, and up again', async () => {
    const { migrationUrl: url, appRole } = await emptyTestDatabase();

    expect(await runMigrations(url, { appRole })).toEqual(names);
    expect(await tablesIn(url)).toEqual(expect.arrayContaining(TABLES));
    expect(await runMigrations(url, { appRole })).toEqual([]);

    expect(await revertAllMigrations(url)).toEqual([...names].reverse());
    expect(await tablesIn(url)).toEqual([]);
    const leftovers = await withPgClient(url, async (c) => {
      const { rows } = await c.query(
        `SELECT proname FROM pg_proc WHERE proname = 'refuse_append_only_change'`,
      );
      return rows;
    });
    expect(leftovers).toEqual([]);

    expect(await runMigrations(url, { appRole })).toEqual(names);
    expect(await tablesIn(url)).toEqual(expect.arrayContaining(TABLES));
  });

  it('run once when two processes start at the same time', async () => {
    const { migrationUrl: url, appRole } = await emptyTestDatabase();
    const [a, b] = await Promise.all([runMigrations(url, { appRole }), runMigrations(url, { appRole })]);
    expect([a, b].sort((x, y) => y.length - x.length)).toEqual([names, []]);
  });

  it('are listed in timestamp order with the timestamp at the end of each name', () => {
    const stamps = names.map((n) => Number(/(\d{13})$/.exec(n ?? '')?.[1]));
    expect(stamps.every(Number.isFinite)).toBe(true);
    expect([...stamps].sort((x, y) => x - y)).toEqual(stamps);
  });

  it('never let the data source change the schema by itself', async () => {
    const { url, migrationUrl, appRole } = await emptyTestDatabase();
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    try {
      expect(dataSource.options.synchronize).toBe(false);
      expect(dataSource.options.migrationsRun).toBe(false);
      expect(await tablesIn(migrationUrl)).toEqual([]);
      // Entities and migrations agree: every entity's table and columns exist after migrating, and
      // the application role may read each of them.
      await runMigrations(migrationUrl, { appRole });
      for (const entity of dataSource.entityMetadatas) {
        const columns = entity.columns.map((c) => `"${c.databaseName}"`).join(', ');
        await expect(
          dataSource.query(`SELECT ${columns} FROM "${entity.tableName}" LIMIT 0`),
        ).resolves.toEqual([]);
      }
    } finally {
      await dataSource.destroy();
    }
  });
});
