import { type DataSource, QueryFailedError, TypeORMError } from 'typeorm';
import type { Pool, PoolClient, QueryResultRow } from 'pg';

/**
 * The rows of one statement, run on the DataSource's own pg pool without TypeORM's query runner: for
 * the statements every recorded event and opened case runs (bench/README.md's "profiling"), where the
 * runner's bookkeeping (a runner per call, the broadcaster, result wrapping) cost about as much CPU
 * as the statement's own client work. Otherwise exactly `dataSource.query`: the same pool and client
 * (hence the same type parsers and settings), the connection taken outside the error wrapping, and a
 * failed statement thrown as TypeORM's QueryFailedError carrying pg's error as `driverError`, so every
 * caller and the error mapping (errors.ts, the API's dependency errors) see what they saw before.
 * Returns the statement's rows for every command (UPDATE's and DELETE's RETURNING included).
 */
export async function pooledRows<T extends QueryResultRow>(
  dataSource: DataSource,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const pool = poolOf(dataSource);
  const client: PoolClient = await pool.connect();
  try {
    return await rowsOn<T>(client, sql, params);
  } finally {
    // Released as TypeORM releases, without an error: pg-pool drops a client whose connection broke.
    client.release();
  }
}

/** One statement inside a pooledTransaction: its rows, failures thrown as pooledRows throws them. */
export type TransactionQuery = <T extends QueryResultRow>(
  sql: string,
  params?: readonly unknown[],
) => Promise<T[]>;

/**
 * `work` in one transaction on one client of the DataSource's pg pool, without TypeORM's query runner
 * (what `dataSource.transaction` costs per statement, see pooledRows): START TRANSACTION, the work's
 * statements, COMMIT; on any failure (COMMIT's included) ROLLBACK and the failure rethrown, as
 * `dataSource.transaction` does. Statements fail as TypeORM's QueryFailedError with pg's error as
 * `driverError`; a connection the pool cannot give fails as it does for `dataSource.transaction`. A
 * client whose ROLLBACK failed is dropped from the pool, not handed out again mid-transaction.
 */
export async function pooledTransaction<R>(
  dataSource: DataSource,
  work: (query: TransactionQuery) => Promise<R>,
): Promise<R> {
  const client: PoolClient = await poolOf(dataSource).connect();
  const query: TransactionQuery = <T extends QueryResultRow>(sql: string, params: readonly unknown[] = []) =>
    rowsOn<T>(client, sql, params);
  let broken: Error | undefined;
  try {
    await query('START TRANSACTION');
    const result = await work(query);
    await query('COMMIT');
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw err;
  } finally {
    client.release(broken);
  }
}

/** One statement's rows on `client`; a failure thrown as TypeORM's QueryFailedError with pg's error. */
async function rowsOn<T extends QueryResultRow>(
  client: PoolClient,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  try {
    return (await client.query<T>(sql, params as unknown[])).rows;
  } catch (err) {
    throw new QueryFailedError(sql, params as unknown[], err as Error);
  }
}

function poolOf(dataSource: DataSource): Pool {
  const master = (dataSource.driver as unknown as { master?: Pool }).master;
  // What TypeORM says for a data source that is not (or no longer) initialised.
  if (!dataSource.isInitialized || !master) throw new TypeORMError('Driver not Connected');
  return master;
}
