// The outbox table, in plain SQL: every write is keyed and guarded by status and attempt number, so
// retries and races between workers cannot send a row twice except in the window documented on
// NotificationDelivery.deliver() (libs/notifications). Each method holds a connection only for its own statement.
import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@tiltak/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../sql-values';
import type { NewOutboxRecord, OutboxRecord, OutboxStatus } from './notification-outbox.types';

// A namespace for two-key advisory locks, so ours never collide with other users of advisory locks.
const PLAN_LOCK_NAMESPACE = 72_635_101;
const LAST_ERROR_MAX = 1000;

interface OutboxRow {
  id: string;
  key: string;
  request_key: string;
  case_id: string | null;
  school_id: string;
  kind: string;
  recipient_staff_id: string;
  recipient_email: string;
  recipient_role: string;
  status: string;
  payload: unknown;
  message_id: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const COLUMNS = `id, key, request_key, case_id, school_id, kind, recipient_staff_id, recipient_email, recipient_role,
  status, payload, message_id, attempts, last_error, created_at, sent_at`;

export interface ClaimedAttempt {
  /** This attempt's number (1 for the first). */
  attempt: number;
  /** The row was 'sending': an earlier attempt never finished and may have been accepted. */
  afterInterruptedAttempt: boolean;
}

/**
 * The outbox rows, their payload `P` and kind `K` as libs/notifications defines them (stored as JSON
 * and text). `messageIdFor` gives a row's Message-ID from its key, fixed when the row is planned.
 */
export class NotificationOutboxStore<P = unknown, K extends string = string> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messageIdFor: (key: string) => string,
  ) {}

  /**
   * Inserts the request's rows unless the request was planned before; returns its keys either way.
   * One short transaction on one connection, holding a lock on the request key, so two planners of the
   * same request take turns and the second gets the first one's rows. `alsoInTransaction` runs in the
   * same transaction after a first insert.
   */
  async insertOnce(
    requestKey: string,
    entries: readonly NewOutboxRecord<P, K>[],
    now: Date,
    alsoInTransaction?: (manager: EntityManager) => Promise<unknown>,
  ): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        PLAN_LOCK_NAMESPACE,
        requestKey,
      ]);
      const existing = await this.keysForRequest(requestKey, manager);
      if (existing.length > 0) return existing;
      await insertRows(manager, entries, now, this.messageIdFor);
      if (alsoInTransaction) await alsoInTransaction(manager);
      return this.keysForRequest(requestKey, manager);
    });
  }

  async keysForRequest(
    requestKey: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const rows = (await manager.query(
      'SELECT key FROM notification_outbox WHERE request_key = $1 ORDER BY recipient_role, key',
      [requestKey],
    )) as { key: string }[];
    return rows.map((r) => r.key);
  }

  async get(key: string): Promise<OutboxRecord<P, K> | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM notification_outbox WHERE key = $1`, [
      key,
    ])) as OutboxRow[];
    return rows[0] ? entryFromRow<P, K>(rows[0]) : null;
  }

  async forCase(caseId: string): Promise<OutboxRecord<P, K>[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification_outbox WHERE case_id = $1 ORDER BY created_at, key`,
      [caseId],
    )) as OutboxRow[];
    return rows.map((row) => entryFromRow<P, K>(row));
  }

  /** Rows not known to be sent whose last change is older than `before`, oldest first. */
  async unsentKeys(before: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT key FROM notification_outbox
        WHERE status IN ('pending', 'sending') AND updated_at < $1
        ORDER BY updated_at, key LIMIT $2`,
      [before, limit],
    )) as { key: string }[];
    return rows.map((r) => r.key);
  }

  /**
   * Starts an attempt: a pending row, or a 'sending' row whose attempt started before `leaseStart`
   * (that worker is presumed dead). Returns null when the row is sent, failed, or being sent by a live
   * attempt. No connection is held while the message is sent, so deliveries never wait on each other
   * for a pool connection.
   */
  async claim(key: string, now: Date, leaseStart: Date): Promise<ClaimedAttempt | null> {
    const result: unknown = await this.dataSource.query(
      `WITH previous AS (SELECT key, status FROM notification_outbox WHERE key = $1 FOR UPDATE)
       UPDATE notification_outbox o
          SET status = 'sending', attempts = o.attempts + 1, updated_at = $2
         FROM previous
        WHERE o.key = previous.key
          AND (o.status = 'pending' OR (o.status = 'sending' AND o.updated_at < $3))
       RETURNING o.attempts, previous.status AS previous_status`,
      [key, now, leaseStart],
    );
    const row = returnedRows<{ attempts: number; previous_status: string }>(result)[0];
    return row ? { attempt: row.attempts, afterInterruptedAttempt: row.previous_status === 'sending' } : null;
  }

  async markSent(key: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_outbox SET status = 'sent', sent_at = $2, updated_at = $2, last_error = NULL
        WHERE key = $1 AND status <> 'sent'`,
      [key, now],
    );
  }

  /** The server refused it for good. Only this attempt's own claim is changed. */
  async markFailed(key: string, attempt: number, error: string, now: Date): Promise<void> {
    await this.finishAttempt(key, attempt, 'failed', error, now);
  }

  /** The attempt failed before the server accepted the message; the next one may go at once. */
  async markPending(key: string, attempt: number, error: string, now: Date): Promise<void> {
    await this.finishAttempt(key, attempt, 'pending', error, now);
  }

  private async finishAttempt(key: string, attempt: number, status: OutboxStatus, error: string, now: Date) {
    // A late answer from an attempt whose lease ran out must not undo a newer attempt's claim.
    await this.dataSource.query(
      `UPDATE notification_outbox SET status = $3, last_error = $4, updated_at = $5
        WHERE key = $1 AND attempts = $2 AND status = 'sending'`,
      [key, attempt, status, error.slice(0, LAST_ERROR_MAX), now],
    );
  }
}

async function insertRows(
  manager: EntityManager,
  entries: readonly NewOutboxRecord<unknown, string>[],
  now: Date,
  messageIdFor: (key: string) => string,
): Promise<void> {
  if (entries.length === 0) return;
  const params: unknown[] = [];
  const tuples = entries.map((e) => {
    const base = params.length;
    params.push(
      randomUUID(),
      e.key,
      e.requestKey,
      e.caseId,
      e.schoolId,
      e.kind,
      e.recipientStaffId,
      e.recipientEmail,
      e.recipientRole,
      JSON.stringify(e.payload),
      messageIdFor(e.key),
      now,
    );
    const p = (n: number) => `$${base + n}`;
    return `(${p(1)}::uuid, ${p(2)}, ${p(3)}, ${p(4)}::uuid, ${p(5)}::uuid, ${p(6)}, ${p(7)}::uuid, ${p(8)}, ${p(9)}, 'pending', ${p(10)}::jsonb, ${p(11)}, 0, ${p(12)}::timestamptz, ${p(12)}::timestamptz)`;
  });
  await manager.query(
    `INSERT INTO notification_outbox
       (id, key, request_key, case_id, school_id, kind, recipient_staff_id, recipient_email, recipient_role,
        status, payload, message_id, attempts, created_at, updated_at)
     VALUES ${tuples.join(', ')}
     ON CONFLICT (key) DO NOTHING`,
    params,
  );
}

function entryFromRow<P, K extends string>(row: OutboxRow): OutboxRecord<P, K> {
  return {
    id: row.id,
    key: row.key,
    requestKey: row.request_key,
    caseId: row.case_id,
    schoolId: row.school_id,
    kind: row.kind as K,
    recipientStaffId: row.recipient_staff_id,
    recipientEmail: row.recipient_email,
    recipientRole: row.recipient_role as StaffRole,
    status: row.status as OutboxStatus,
    payload: row.payload as P,
    messageId: row.message_id,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at ? row.sent_at.toISOString() : null,
  };
}
