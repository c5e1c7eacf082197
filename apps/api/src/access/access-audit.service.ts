import { Injectable } from '@nestjs/common';
import type { AccessLogInput } from '@tiltak/persistence';
import type { Caller } from '../auth/caller';
import { DomainError } from '../errors/domain-error';
import { AccessLogStore } from '../infrastructure/stores.provider';
import type { Decision } from './access-policy';

export type AccessAction =
  | 'case.open'
  | 'case.read'
  | 'case.list'
  | 'case.timeline'
  | 'case.activity-plan'
  | 'case.record-event'
  | 'case.event.read'
  | 'student.read'
  | 'student.list'
  | 'student.create'
  | 'student.update'
  | 'school.create'
  | 'school.read'
  | 'school.overview'
  | 'school.calendar.write'
  | 'staff.create'
  | 'staff.list'
  | 'staff.served-schools'
  | 'absence.import'
  | 'absence.import.read'
  | 'absence.overview'
  | 'absence.proposal.list'
  | 'absence.proposal.decide'
  | 'codec.decode'
  | 'codec.encode';

export type ResourceType = 'case' | 'student' | 'school' | 'staff' | 'codec' | 'proposal';

// The same words whether it does not exist or the caller may not see it.
const NOT_FOUND_MESSAGE: Record<ResourceType, string> = {
  case: 'Fant ikke saken.',
  student: 'Fant ikke eleven.',
  school: 'Fant ikke skolen.',
  staff: 'Fant ikke den ansatte.',
  codec: 'Fant ikke det du ba om.',
  proposal: 'Fant ikke forslaget.',
};

/**
 * Writes the access log (who, what, which resource, allowed or denied) and turns denials into the
 * answer the caller gets. A read that cannot be logged does not happen: the log write is awaited.
 */
@Injectable()
export class AccessAudit {
  constructor(private readonly accessLogStore: AccessLogStore) {}

  async allowed(
    caller: Caller,
    action: AccessAction,
    resourceType: ResourceType,
    resourceId: string | null,
  ): Promise<void> {
    await this.record(caller, action, resourceType, resourceId, 'allowed', null);
  }

  /** The row of an allowed access, for a caller that writes it in the same statement as its read. */
  allowedEntry(
    caller: Caller,
    action: AccessAction,
    resourceType: ResourceType,
    resourceId: string | null,
  ): AccessLogInput {
    return entryOf(caller, action, resourceType, resourceId, 'allowed', null);
  }

  /** Logs the denial and returns the 404 to throw: the caller learns nothing about whether it exists. */
  async notFound(
    caller: Caller,
    action: AccessAction,
    resourceType: ResourceType,
    resourceId: string,
    reason: string,
  ): Promise<DomainError> {
    await this.record(caller, action, resourceType, resourceId, 'denied', reason);
    return new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE[resourceType]);
  }

  /** Logs the denial and returns the 403 to throw, for resources the caller may see but not change. */
  async forbidden(
    caller: Caller,
    action: AccessAction,
    resourceType: ResourceType,
    resourceId: string | null,
    reason: string,
  ): Promise<DomainError> {
    await this.record(caller, action, resourceType, resourceId, 'denied', reason);
    return new DomainError('FORBIDDEN', 'Du har ikke lov til dette.', { reason });
  }

  /** Throws the 404 unless the decision allows; logs either way. */
  async requireVisible(
    caller: Caller,
    decision: Decision,
    action: AccessAction,
    resourceType: ResourceType,
    resourceId: string,
  ): Promise<void> {
    if (!decision.allowed)
      throw await this.notFound(caller, action, resourceType, resourceId, decision.reason);
    await this.allowed(caller, action, resourceType, resourceId);
  }

  /**
   * Throws the 403 (logged) unless the decision allows; when it allows, the row to log, for a caller
   * that writes it in the same statement as the request's own first write (it must be written).
   */
  async permittedEntry(
    caller: Caller,
    decision: Decision,
    action: AccessAction,
    resourceType: ResourceType,
    resourceId: string | null,
  ): Promise<AccessLogInput> {
    if (!decision.allowed)
      throw await this.forbidden(caller, action, resourceType, resourceId, decision.reason);
    return this.allowedEntry(caller, action, resourceType, resourceId);
  }

  /** Writes a row `permittedEntry` gave, when the request ends before the write it was meant to go with. */
  async log(entry: AccessLogInput): Promise<void> {
    await (await this.accessLogStore.get()).record(entry);
  }

  /** Throws the 403 unless the decision allows; logs either way (the rule is `permittedEntry`'s). */
  async requirePermitted(
    caller: Caller,
    decision: Decision,
    action: AccessAction,
    resourceType: ResourceType,
    resourceId: string | null,
  ): Promise<void> {
    await this.log(await this.permittedEntry(caller, decision, action, resourceType, resourceId));
  }

  private async record(
    caller: Caller,
    action: AccessAction,
    resourceType: ResourceType,
    resourceId: string | null,
    outcome: 'allowed' | 'denied',
    reason: string | null,
  ): Promise<void> {
    const accessLog = await this.accessLogStore.get();
    await accessLog.record(entryOf(caller, action, resourceType, resourceId, outcome, reason));
  }
}

function entryOf(
  caller: Caller,
  action: AccessAction,
  resourceType: ResourceType,
  resourceId: string | null,
  outcome: 'allowed' | 'denied',
  reason: string | null,
): AccessLogInput {
  return { staffId: caller.staffId, role: caller.role, action, resourceType, resourceId, outcome, reason };
}
