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
    return (await client.query<T>(sql, params as unknown[])).rows;
  } catch (err) {
    throw new QueryFailedError(sql, params as unknown[], err as Error);
  } finally {
    // Released as TypeORM releases, without an error: pg-pool drops a client whose connection broke.
    client.release();
  }
}

function poolOf(dataSource: DataSource): Pool {
  const master = (dataSource.driver as unknown as { master?: Pool }).master;
  // What TypeORM says for a data source that is not (or no longer) initialised.
  if (!dataSource.isInitialized || !master) throw new TypeORMError('Driver not Connected');
  return master;
}
