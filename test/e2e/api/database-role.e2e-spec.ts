// The API never uses a database connection that could change audit rows: connected as the superuser
// (as it used to be) or as the owner of the tables, it stays not-ready and says why.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@tiltak/config';
import { runMigrations } from '@tiltak/persistence';
import { createTestDatabase, testCodecKeys, testTemporalAddress, type TestDatabase } from '@tiltak/testing';
import request from 'supertest';
import { createApp } from '../../../apps/api/src/create-app';

describe('the API and its database role', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('role');
    await runMigrations(db.migrationUrl, { appRole: db.appRole });
  });

  async function readinessAs(databaseUrl: string): Promise<{ status: number; body: unknown }> {
    const config = loadConfig(
      {
        DATABASE_URL: databaseUrl,
        TEMPORAL_ADDRESS: testTemporalAddress(),
        PAYLOAD_CODEC_KEYS: testCodecKeys(),
        AUTH_LOCAL_SIGNING_KEY: randomBytes(32).toString('base64'),
      },
      { mail: false, auth: true },
    );
    const app = await createApp(config, { logger: false });
    await app.init();
    try {
      const res = await request(app.getHttpServer()).get('/api/health/ready');
      return { status: res.status, body: res.body as unknown };
    } finally {
      await app.close();
    }
  }

  it('is ready as the application role', async () => {
    expect(await readinessAs(db.url)).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it.each([
    [
      'the superuser',
      () => {
        const admin = new URL(process.env['TEST_PG_ADMIN_URL'] ?? '');
        admin.pathname = new URL(db.url).pathname;
        return admin.toString();
      },
      /is a superuser/,
    ],
    ['the owner of the tables', () => db.migrationUrl, /owns tables/],
  ])('stays not-ready as %s, saying why', async (_who, url, why) => {
    const { status, body } = await readinessAs(url());
    expect(status).toBe(503);
    const postgres = (body as { checks: { name: string; ok: boolean; reason?: string }[] }).checks.find(
      (c) => c.name === 'postgres',
    );
    expect(postgres?.ok).toBe(false);
    expect(postgres?.reason).toMatch(why);
  });
});
