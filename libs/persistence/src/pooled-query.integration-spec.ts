import { randomUUID } from 'node:crypto';
import { type DataSource, QueryFailedError } from 'typeorm';
import { postgresErrorOf } from './errors';
import { pooledRows } from './pooled-query';
import { migratedTestDatabase } from './testing/test-database';

describe('pooledRows', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ dataSource } = await migratedTestDatabase({ poolSize: 2 }));
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
  });

  it('returns the rows of every kind of statement, with the types dataSource.query gives', async () => {
    const caller = randomUUID();
    const key = randomUUID();
    const inserted = await pooledRows<{ key: string }>(
      dataSource,
      `INSERT INTO idempotency_keys (caller_staff_id, key, method, path, request_hash, status)
       VALUES ($1, $2, 'POST', '/p', 'h', 'in-progress') RETURNING key`,
      [caller, key],
    );
    expect(inserted).toEqual([{ key }]);
    // UPDATE's rows, where dataSource.query answers [rows, rowCount].
    const updated = await pooledRows<{ status: string; created_at: Date }>(
      dataSource,
      `UPDATE idempotency_keys SET status = 'completed', response_status = 201, response_body = $3::jsonb,
         completed_at = now() WHERE caller_staff_id = $1 AND key = $2 RETURNING status, created_at, response_body`,
      [caller, key, JSON.stringify({ a: [1] })],
    );
    expect(updated).toEqual([
      { status: 'completed', created_at: expect.any(Date), response_body: { a: [1] } },
    ]);
    const viaTypeorm = (await dataSource.query(
      `SELECT created_at, response_body FROM idempotency_keys WHERE caller_staff_id = $1 AND key = $2`,
      [caller, key],
    )) as unknown[];
    const viaPool = await pooledRows(
      dataSource,
      `SELECT created_at, response_body FROM idempotency_keys WHERE caller_staff_id = $1 AND key = $2`,
      [caller, key],
    );
    expect(viaPool).toEqual(viaTypeorm);
    expect(
      await pooledRows(dataSource, `DELETE FROM idempotency_keys WHERE caller_staff_id = $1 RETURNING key`, [
        caller,
      ]),
    ).toEqual([{ key }]);
  });

  it('throws a failed statement as dataSource.query does: a QueryFailedError with pg’s error', async () => {
    const bad = pooledRows(dataSource, `SELECT * FROM cases WHERE case_id = $1`, ['not-a-uuid']);
    await expect(bad).rejects.toBeInstanceOf(QueryFailedError);
    const err = await bad.catch((e: unknown) => e);
    expect(postgresErrorOf(err)?.code).toBe('22P02');
    const viaTypeorm = await dataSource
      .query(`SELECT * FROM cases WHERE case_id = $1`, ['not-a-uuid'])
      .catch((e: unknown) => e);
    expect(postgresErrorOf(viaTypeorm)?.code).toBe('22P02');
  });

  it('returns its connection to the pool, also after a failure', async () => {
    // A pool of 2: a leaked connection per call would block the third call for good.
    for (let i = 0; i < 5; i++) {
      await pooledRows(dataSource, `SELECT 1 AS one`);
      await pooledRows(dataSource, `SELECT 1/0`).catch(() => undefined);
    }
    expect(await pooledRows(dataSource, `SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });

  it('says "Driver not Connected" once the data source is destroyed, as TypeORM does', async () => {
    const { dataSource: other } = await migratedTestDatabase({ poolSize: 1 });
    await other.destroy();
    await expect(pooledRows(other, `SELECT 1`)).rejects.toThrow('Driver not Connected');
  });
});
