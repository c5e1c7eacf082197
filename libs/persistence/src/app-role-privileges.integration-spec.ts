import { createDataSource } from './data-source';
import { APP_ROLE_PRIVILEGES, assertLeastPrivilege } from './app-role-privileges';
import { migratedTestDatabase, type TestDatabase } from './testing/test-database';

describe('the application role', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await migratedTestDatabase();
  });
  afterAll(async () => db?.dataSource.destroy());

  async function checkAs(url: string): Promise<void> {
    const ds = await createDataSource(url, { poolSize: 1 }).initialize();
    try {
      await assertLeastPrivilege(ds);
    } finally {
      await ds.destroy();
    }
  }

  it('has exactly the privileges listed for each table, and none on the migrations table', async () => {
    const rows = (await db.dataSource.query(
      `SELECT table_name AS table, array_agg(privilege_type::text ORDER BY privilege_type) AS privileges
         FROM information_schema.role_table_grants WHERE grantee = current_user GROUP BY table_name`,
    )) as { table: string; privileges: string[] }[];
    const granted = Object.fromEntries(rows.map((r) => [r.table, r.privileges]));
    const listed = Object.fromEntries(
      Object.entries(APP_ROLE_PRIVILEGES)
        .filter(([, p]) => p.length)
        .map(([t, p]) => [t, [...p].sort()]),
    );
    expect(granted).toEqual(listed);
  });

  it('passes the check the api and worker make once connected', async () => {
    await expect(assertLeastPrivilege(db.dataSource)).resolves.toBeUndefined();
  });

  it('is refused when it owns the tables (the migration role)', async () => {
    await expect(checkAs(db.migrationUrl)).rejects.toThrow(/owns tables, may change audit rows/);
  });

  it('is refused when it is a superuser', async () => {
    const admin = new URL(process.env['TEST_PG_ADMIN_URL'] ?? '');
    admin.pathname = new URL(db.url).pathname;
    await expect(checkAs(admin.toString())).rejects.toThrow(/is a superuser/);
  });
});
