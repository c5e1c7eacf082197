import { createDataSource } from '../data-source';
import { migratedTestDatabase, type TestDatabase } from '../testing/test-database';
import { InstallationStore } from './installation.store';

describe('InstallationStore', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => Promise.all(databases.map((db) => db.dataSource.destroy())));

  it('gives each migrated database its own id, the same on every read', async () => {
    const [a, b] = await Promise.all([migratedTestDatabase(), migratedTestDatabase()]);
    databases.push(a, b);
    const id = await new InstallationStore(a.dataSource).id();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await new InstallationStore(a.dataSource).id()).toBe(id);
    expect(await new InstallationStore(b.dataSource).id()).not.toBe(id);
  });

  it('holds exactly one row, even for the owner of the table', async () => {
    const db = await migratedTestDatabase();
    databases.push(db);
    const owner = await createDataSource(db.migrationUrl, { poolSize: 1 }).initialize();
    try {
      await expect(owner.query(`INSERT INTO installation (id) VALUES (gen_random_uuid())`)).rejects.toThrow(
        /duplicate key/,
      );
    } finally {
      await owner.destroy();
    }
  });

  it('is read-only for the application role', async () => {
    const db = await migratedTestDatabase();
    databases.push(db);
    await expect(
      db.dataSource.query(`INSERT INTO installation (id) VALUES (gen_random_uuid())`),
    ).rejects.toThrow(/permission denied/);
  });
});
