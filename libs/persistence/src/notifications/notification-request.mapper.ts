import type { DeadlineKind, StaffRole, Step } from '@tiltak/domain';
import type { NotificationRequest } from '@tiltak/workflows';
import { instantOf, instantOrNull } from '../sql-values';
import type { NotificationRequestEntity } from './notification-request.entity';

export function notificationRequestFromEntity(row: NotificationRequestEntity): NotificationRequest {
  return {
    key: row.key,
    caseId: row.caseId,
    schoolId: row.schoolId,
    kind: row.kind as NotificationRequest['kind'],
    roles: row.roles as StaffRole[],
    step: row.step as Step,
    deadlineKind: row.deadlineKind as DeadlineKind | null,
    dueAt: instantOrNull(row.dueAt),
    requestedAt: instantOf(row.requestedAt),
  };
}

/** The bind parameters of one request, in the column order of the INSERT. */
export function notificationRequestParams(r: NotificationRequest): unknown[] {
  return [r.key, r.caseId, r.schoolId, r.kind, [...r.roles], r.step, r.deadlineKind, r.dueAt, r.requestedAt];
}
