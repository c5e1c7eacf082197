import { instantOf } from '../sql-values';
import type { AccessLogEntryEntity } from './access-log-entry.entity';
import type { AccessLogEntry, AccessOutcome } from './access-log.types';

export function accessLogEntryFromEntity(row: AccessLogEntryEntity): AccessLogEntry {
  return {
    id: row.id,
    at: instantOf(row.at),
    staffId: row.staffId,
    role: row.role,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    outcome: row.outcome as AccessOutcome,
    reason: row.reason,
  };
}
