import { randomUUID } from 'node:crypto';
import { type DataSource, QueryFailedError } from 'typeorm';
import { postgresErrorOf } from './errors';
import { pooledRows, pooledTransaction } from './pooled-query';
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

describe('pooledTransaction', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ dataSource } = await migratedTestDatabase({ poolSize: 2 }));
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
  });

  const insertKey = `INSERT INTO idempotency_keys (caller_staff_id, key, method, path, request_hash, status)
     VALUES ($1, $2, 'POST', '/p', 'h', 'in-progress') RETURNING key`;
  const keysOf = (caller: string) =>
    pooledRows<{ key: string }>(dataSource, `SELECT key FROM idempotency_keys WHERE caller_staff_id = $1`, [
      caller,
    ]);

  it('commits every statement of the work on one connection and answers its result and rows', async () => {
    const caller = randomUUID();
    const result = await pooledTransaction(dataSource, async (query) => {
      const first = await query<{ key: string }>(insertKey, [caller, 'a']);
      const second = await query<{ key: string }>(insertKey, [caller, 'b']);
      // UPDATE's rows too (dataSource.query would answer [rows, rowCount]).
      const updated = await query<{ key: string }>(
        `UPDATE idempotency_keys SET path = '/q' WHERE caller_staff_id = $1 AND key = 'a' RETURNING key`,
        [caller],
      );
      const [pid] = await query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
      const [again] = await query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
      const [tx] = await query<{ open: boolean }>(`SELECT now() = statement_timestamp() AS open`);
      return { rows: [...first, ...second, ...updated], samePid: pid?.pid === again?.pid, inTx: tx?.open };
    });
    expect(result.rows).toEqual([{ key: 'a' }, { key: 'b' }, { key: 'a' }]);
    expect(result.samePid).toBe(true);
    // now() is the transaction's start: a later statement's own timestamp differs inside a transaction.
    expect(result.inTx).toBe(false);
    expect((await keysOf(caller)).map((r) => r.key).sort()).toEqual(['a', 'b']);
  });

  it('rolls everything back when a statement fails, and throws it as dataSource.transaction does', async () => {
    const caller = randomUUID();
    const failing = pooledTransaction(dataSource, async (query) => {
      await query(insertKey, [caller, 'a']);
      await query(`SELECT * FROM cases WHERE case_id = $1`, ['not-a-uuid']);
    });
    const err = await failing.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect(postgresErrorOf(err)?.code).toBe('22P02');
    const viaTypeorm = await dataSource
      .transaction(async (manager) => {
        await manager.query(insertKey, [caller, 'b']);
        await manager.query(`SELECT * FROM cases WHERE case_id = $1`, ['not-a-uuid']);
      })
      .catch((e: unknown) => e);
    expect(viaTypeorm).toBeInstanceOf(QueryFailedError);
    expect(postgresErrorOf(viaTypeorm)?.code).toBe('22P02');
    expect(await keysOf(caller)).toEqual([]);
  });

  it('rolls back when the work itself throws, and rethrows that error unchanged', async () => {
    const caller = randomUUID();
    const own = new Error('the work refused');
    await expect(
      pooledTransaction(dataSource, async (query) => {
        await query(insertKey, [caller, 'a']);
        throw own;
      }),
    ).rejects.toBe(own);
    expect(await keysOf(caller)).toEqual([]);
  });

  it('returns its connection to the pool, also after a failure', async () => {
    for (let i = 0; i < 5; i++) {
      await pooledTransaction(dataSource, (query) => query(`SELECT 1 AS one`));
      await pooledTransaction(dataSource, (query) => query(`SELECT 1/0`)).catch(() => undefined);
      await pooledTransaction(dataSource, () => Promise.reject(new Error('no'))).catch(() => undefined);
    }
    expect(await pooledTransaction(dataSource, (query) => query(`SELECT 1 AS one`))).toEqual([{ one: 1 }]);
    // No connection was left inside a transaction.
    const [state] = await pooledRows<{ idle: boolean }>(
      dataSource,
      `SELECT count(*) FILTER (WHERE state = 'idle in transaction' AND pid <> pg_backend_pid()) = 0 AS idle
         FROM pg_stat_activity WHERE datname = current_database()`,
    );
    expect(state?.idle).toBe(true);
  });

  it('says "Driver not Connected" once the data source is destroyed, as TypeORM does', async () => {
    const { dataSource: other } = await migratedTestDatabase({ poolSize: 1 });
    await other.destroy();
    await expect(pooledTransaction(other, (query) => query(`SELECT 1`))).rejects.toThrow(
      'Driver not Connected',
    );
  });
});
