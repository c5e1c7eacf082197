import type { DataSource, Repository } from 'typeorm';
import { AccessLogEntryEntity } from './access-log-entry.entity';
import { accessLogEntryFromEntity } from './access-log.mapper';
import type { AccessLogEntry, AccessLogFilter, AccessLogInput } from './access-log.types';

/** The append-only log of access decisions: who tried what on which resource, and the answer. */
export class AccessLog {
  private readonly entries: Repository<AccessLogEntryEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.entries = dataSource.getRepository(AccessLogEntryEntity);
  }

  /** The time is the database's, not the caller's. */
  async record(entry: AccessLogInput): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO access_log (staff_id, role, action, resource_type, resource_id, outcome, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.staffId,
        entry.role,
        entry.action,
        entry.resourceType,
        entry.resourceId,
        entry.outcome,
        entry.reason ?? null,
      ],
    );
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
