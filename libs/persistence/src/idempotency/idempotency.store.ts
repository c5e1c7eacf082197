import type { DataSource, Repository } from 'typeorm';
import { accessLogInsert } from '../access-log/access-log.store';
import type { AccessLogInput } from '../access-log/access-log.types';
import { pooledRows } from '../pooled-query';
import { jsonb, returnedRows } from '../sql-values';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { beginResultFromExisting } from './idempotency.mapper';
import type { IdempotencyBeginResult } from './idempotency.types';

export interface IdempotencyStoreOptions {
  /**
   * An 'in-progress' key older than this is taken over by the next request with it (the process that
   * began it probably died). Default 5 minutes; the work behind it must itself be idempotent.
   */
  inProgressTimeoutMs?: number;
}

// A key may vanish between our insert and our read (abandoned); that race is retried this often.
const BEGIN_ATTEMPTS = 3;

/** A key's first sight: in progress, unless it is known already ($1–$5: caller, key, method, path, hash). */
const INSERT_IN_PROGRESS = `INSERT INTO idempotency_keys (caller_staff_id, key, method, path, request_hash, status)
  VALUES ($1, $2, $3, $4, $5, 'in-progress')
  ON CONFLICT (caller_staff_id, key) DO NOTHING
  RETURNING key`;

/**
 * Idempotency-Key bookkeeping for the API, per caller. `begin` inserts with ON CONFLICT DO NOTHING,
 * so among concurrent requests with one key exactly one is told 'new'.
 */
export class IdempotencyStore {
  private readonly keys: Repository<IdempotencyKeyEntity>;
  private readonly inProgressTimeoutMs: number;

  constructor(
    private readonly dataSource: DataSource,
    opts: IdempotencyStoreOptions = {},
  ) {
    this.keys = dataSource.getRepository(IdempotencyKeyEntity);
    this.inProgressTimeoutMs = opts.inProgressTimeoutMs ?? 5 * 60_000;
  }

  /**
   * `begin`, with the access-log row of the request written in the same statement (one round trip, one
   * transaction: the row is in the log whenever the key was looked at, and neither is written if the
   * statement fails). The row is written once, whatever the key's state.
   */
  async beginLogged(
    access: AccessLogInput,
    callerId: string,
    key: string,
    method: string,
    path: string,
    requestHash: string,
  ): Promise<IdempotencyBeginResult> {
    const logged = accessLogInsert(access, 6);
    const rows = await pooledRows<{ inserted: boolean }>(
      this.dataSource,
      `WITH logged AS (${logged.sql}),
         inserted AS (
           ${INSERT_IN_PROGRESS}
         )
         SELECT EXISTS (SELECT 1 FROM inserted) AS inserted`,
      [callerId, key, method, path, requestHash, ...logged.params],
    );
    if (rows[0]?.inserted) return { state: 'new' };
    return this.begin(callerId, key, method, path, requestHash);
  }

  async begin(
    callerId: string,
    key: string,
    method: string,
    path: string,
    requestHash: string,
  ): Promise<IdempotencyBeginResult> {
    for (let attempt = 0; attempt < BEGIN_ATTEMPTS; attempt++) {
      const inserted = await pooledRows(this.dataSource, INSERT_IN_PROGRESS, [
        callerId,
        key,
        method,
        path,
        requestHash,
      ]);
      if (inserted.length > 0) return { state: 'new' };

      const existing = await this.keys.findOneBy({ callerStaffId: callerId, key });
      if (!existing) continue;
      const result = beginResultFromExisting(existing, { method, path, requestHash });
      if (result.state === 'in-progress' && (await this.takeOverIfStale(callerId, key)))
        return { state: 'new' };
      return result;
    }
    // Begun and abandoned by others over and over: tell the caller to retry later.
    return { state: 'in-progress' };
  }

  /** Stores the response for replay. False when the key was not in progress (unknown or already done). */
  async complete(
    callerId: string,
    key: string,
    response: { status: number; body: unknown },
  ): Promise<boolean> {
    const rows = await pooledRows(
      this.dataSource,
      `UPDATE idempotency_keys
       SET status = 'completed', response_status = $3, response_body = $4::jsonb, completed_at = now()
       WHERE caller_staff_id = $1 AND key = $2 AND status = 'in-progress'
       RETURNING key`,
      [callerId, key, response.status, jsonb(response.body)],
    );
    return rows.length > 0;
  }

  /** Forgets an in-progress key whose request failed having written nothing, so a retry runs anew. */
  async abandon(callerId: string, key: string): Promise<boolean> {
    const rows = await pooledRows(
      this.dataSource,
      `DELETE FROM idempotency_keys WHERE caller_staff_id = $1 AND key = $2 AND status = 'in-progress' RETURNING key`,
      [callerId, key],
    );
    return rows.length > 0;
  }

  /** Deletes keys created before the cutoff (retention); returns how many. */
  async purgeCreatedBefore(cutoff: Date): Promise<number> {
    const result = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING key`,
      [cutoff],
    );
    return returnedRows(result).length;
  }

  /** Restarts the clock on a stale in-progress key; the row lock lets exactly one taker win. */
  private async takeOverIfStale(callerId: string, key: string): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE idempotency_keys SET created_at = now()
       WHERE caller_staff_id = $1 AND key = $2 AND status = 'in-progress'
         AND created_at < now() - make_interval(secs => $3::double precision / 1000)
       RETURNING key`,
      [callerId, key, this.inProgressTimeoutMs],
    );
    return returnedRows(result).length > 0;
  }
}
