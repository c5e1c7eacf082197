import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { migratedTestDatabase } from '../testing/test-database';
import { AccessLog } from './access-log.store';

describe('AccessLog', () => {
  let dataSource: DataSource;
  /** As the owner role: the application role may not even try (app-role-privileges.integration-spec.ts). */
  let owner: DataSource;
  let log: AccessLog;
  const staffId = randomUUID();
  const caseId = randomUUID();

  beforeAll(async () => {
    const db = await migratedTestDatabase();
    dataSource = db.dataSource;
    owner = await createDataSource(db.migrationUrl, { poolSize: 1 }).initialize();
    log = new AccessLog(dataSource);
    await log.record({
      staffId,
      role: 'contact-teacher',
      action: 'case.read',
      resourceType: 'case',
      resourceId: caseId,
      outcome: 'allowed',
    });
    await log.record({
      staffId,
      role: 'contact-teacher',
      action: 'case.record-event',
      resourceType: 'case',
      resourceId: caseId,
      outcome: 'denied',
      reason: 'not the case owner',
    });
    await log.record({
      staffId: null,
      role: null,
      action: 'case.list',
      resourceType: 'case',
      resourceId: null,
      outcome: 'denied',
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await owner?.destroy();
  });

  it('records who tried what, with the database’s time, newest first', async () => {
    const entries = await log.recent({ resourceType: 'case', resourceId: caseId }, 10);
    expect(entries.map((e) => [e.action, e.outcome, e.reason])).toEqual([
      ['case.record-event', 'denied', 'not the case owner'],
      ['case.read', 'allowed', null],
    ]);
    expect(Math.abs(Date.parse(entries[0]?.at ?? '') - Date.now())).toBeLessThan(60_000);
    expect(await log.recent({ outcome: 'denied', staffId }, 10)).toHaveLength(1);
    expect((await log.recent({ outcome: 'denied' }, 10)).map((e) => e.staffId)).toEqual([null, staffId]);
  });

  it.each([
    ['UPDATE', `UPDATE access_log SET outcome = 'allowed'`],
    ['DELETE', `DELETE FROM access_log`],
    ['TRUNCATE', `TRUNCATE access_log`],
  ])('is append-only even for the owner of the table: refuses %s', async (op, sql) => {
    await expect(owner.query(sql)).rejects.toThrow(`access_log is append-only: ${op} refused`);
    const rows = (await dataSource.query(`SELECT count(*)::int AS count FROM access_log`)) as {
      count: number;
    }[];
    expect(rows).toEqual([{ count: 3 }]);
  });
});
