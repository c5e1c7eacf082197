import type { DataSource, Repository } from 'typeorm';
import { pooledRows } from '../pooled-query';
import { AccessLogEntryEntity } from './access-log-entry.entity';
import { accessLogEntryFromEntity } from './access-log.mapper';
import type { AccessLogEntry, AccessLogFilter, AccessLogInput } from './access-log.types';

/**
 * The INSERT of one access-log row with its parameters numbered from `first`, for a statement that
 * writes the row together with something else (one round trip, one transaction: both or neither).
 */
export function accessLogInsert(entry: AccessLogInput, first: number): { sql: string; params: unknown[] } {
  const n = (i: number) => `$${first + i}`;
  return {
    sql: `INSERT INTO access_log (staff_id, role, action, resource_type, resource_id, outcome, reason)
       VALUES (${[0, 1, 2, 3, 4, 5, 6].map(n).join(', ')})`,
    params: [
      entry.staffId,
      entry.role,
      entry.action,
      entry.resourceType,
      entry.resourceId,
      entry.outcome,
      entry.reason ?? null,
    ],
  };
}

/** The append-only log of access decisions: who tried what on which resource, and the answer. */
export class AccessLog {
  private readonly entries: Repository<AccessLogEntryEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.entries = dataSource.getRepository(AccessLogEntryEntity);
  }

  /** The time is the database's, not the caller's. */
  async record(entry: AccessLogInput): Promise<void> {
    const insert = accessLogInsert(entry, 1);
    await pooledRows(this.dataSource, insert.sql, insert.params);
  }

  /** The newest entries first. */
  async recent(filter: AccessLogFilter, limit: number): Promise<AccessLogEntry[]> {
    const rows = await this.entries.find({
      where: {
        ...(filter.staffId !== undefined ? { staffId: filter.staffId } : {}),
        ...(filter.resourceType !== undefined ? { resourceType: filter.resourceType } : {}),
        ...(filter.resourceId !== undefined ? { resourceId: filter.resourceId } : {}),
        ...(filter.outcome !== undefined ? { outcome: filter.outcome } : {}),
      },
      order: { id: 'DESC' },
      take: limit,
    });
    return rows.map(accessLogEntryFromEntity);
  }
}
