import type { NotificationRequest } from '@tiltak/workflows';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../sql-values';
import { NotificationRequestEntity } from './notification-request.entity';
import { notificationRequestFromEntity, notificationRequestParams } from './notification-request.mapper';

const COLUMNS = 9;
const REQUESTS_PER_INSERT = 500;

/** What the case workflow asked to be sent; the notifications side fans each request out to recipients. */
export class NotificationRequestStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the requests; a key seen before is skipped. Returns how many were new. */
  async enqueue(requests: NotificationRequest[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < requests.length; i += REQUESTS_PER_INSERT) {
      const chunk = requests.slice(i, i + REQUESTS_PER_INSERT);
      const params = chunk.flatMap(notificationRequestParams);
      const tuples = chunk.map((_, n) => {
        const p = (k: number) => `$${n * COLUMNS + k}`;
        return `(${p(1)}, ${p(2)}::uuid, ${p(3)}::uuid, ${p(4)}, ${p(5)}::text[], ${p(6)}::smallint, ${p(7)}, ${p(8)}::timestamptz, ${p(9)}::timestamptz)`;
      });
      const result = await this.dataSource.query(
        `INSERT INTO notification_requests
           (key, case_id, school_id, kind, roles, step, deadline_kind, due_at, requested_at)
         VALUES ${tuples.join(', ')}
         ON CONFLICT (key) DO NOTHING
         RETURNING key`,
        params,
      );
      inserted += returnedRows(result).length;
    }
    return inserted;
  }

  /**
   * Requests not yet dispatched, oldest first. Given a transaction's manager, the rows are locked
   * (FOR UPDATE SKIP LOCKED) so concurrent dispatchers each take different requests.
   */
  async pending(limit: number, manager?: EntityManager): Promise<NotificationRequest[]> {
    const qb = (manager ?? this.dataSource.manager)
      .getRepository(NotificationRequestEntity)
      .createQueryBuilder('r')
      .where('r.dispatchedAt IS NULL')
      .orderBy('r.requestedAt', 'ASC')
      .addOrderBy('r.key', 'ASC')
      .limit(limit);
    if (manager) qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    const rows = await qb.getMany();
    return rows.map(notificationRequestFromEntity);
  }

  /** Marks requests as fanned out to the outbox; returns how many changed. */
  async markDispatched(keys: readonly string[], manager?: EntityManager): Promise<number> {
    if (keys.length === 0) return 0;
    const result = await (manager ?? this.dataSource.manager).query(
      `UPDATE notification_requests SET dispatched_at = now()
       WHERE key = ANY($1::text[]) AND dispatched_at IS NULL
       RETURNING key`,
      [[...keys]],
    );
    return returnedRows(result).length;
  }
}
