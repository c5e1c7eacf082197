// Decides who gets which notice and writes one outbox row per person, before anything is sent. Planning
// is idempotent by request key: a request planned before returns the rows planned then, without asking
// the directory again, so a retried activity never plans a second set.
import { NOTICE_KINDS, STAFF_ROLES, STEPS } from '@tiltak/domain';
import type { NotificationRequest } from '@tiltak/domain';
import type { SchoolDigestBuilder } from '../digest/school-digest.builder';
import type { Clock, CaseTimeline, NotificationLogger } from '../notification-ports';
import type { NotificationOutboxStore } from '../outbox/notification-outbox.store';
import { outboxKey, type NewOutboxEntry } from '../outbox/notification-outbox.types';
import { isoWeekKey } from '../oslo-format';
import type { NotificationContextReader } from '@tiltak/persistence';
import type { RecipientResolver } from '../recipients/recipient.resolver';

export interface NotificationPlannerDeps {
  outbox: Pick<NotificationOutboxStore, 'keysForRequest' | 'insertOnce'>;
  resolver: Pick<RecipientResolver, 'resolve'> & Partial<Pick<RecipientResolver, 'staff'>>;
  digests: Pick<SchoolDigestBuilder, 'build'>;
  schools: Pick<NotificationContextReader, 'schoolIds'> &
    Partial<Pick<NotificationContextReader, 'proposalForNotice'>>;
  timeline: CaseTimeline;
  clock: Clock;
  log: NotificationLogger;
}

export class NotificationPlanner {
  constructor(private readonly deps: NotificationPlannerDeps) {}

  /**
   * Resolves the request's recipients now and writes one outbox row each; returns the rows' keys.
   * A role nobody holds goes to school leadership and a `recipient-gap` event is recorded.
   */
  async planDeliveries(request: NotificationRequest): Promise<string[]> {
    const { outbox, resolver, timeline, log } = this.deps;
    assertNotificationRequest(request);
    const existing = await outbox.keysForRequest(request.key);
    if (existing.length > 0) return existing;

    // Resolved outside the inserting transaction, which then holds one connection only briefly.
    const { recipients, gaps } = await resolver.resolve(request);
    const now = this.deps.clock();
    if (gaps.length > 0) {
      await timeline.appendSystemEvents(
        request.caseId,
        gaps.map((gap) => ({
          eventId: `${request.key}:recipient-gap:${gap.missingRole}`,
          type: 'recipient-gap',
          step: request.step,
          occurredAt: now.toISOString(),
          payload: {
            requestKey: request.key,
            notificationKind: request.kind,
            missingRole: gap.missingRole,
            fallbackRole: gap.fallbackRole,
          },
        })),
      );
      for (const gap of gaps) {
        log.warn('Nobody holds a role a notice is for', {
          requestKey: request.key,
          missingRole: gap.missingRole,
          fallbackRole: gap.fallbackRole,
        });
      }
    }

    const entries: NewOutboxEntry[] = recipients.map((recipient) => ({
      key: outboxKey(request.key, recipient.staffId),
      requestKey: request.key,
      caseId: request.caseId,
      schoolId: request.schoolId,
      kind: request.kind,
      recipientStaffId: recipient.staffId,
      recipientEmail: recipient.email,
      recipientRole: recipient.role,
      payload: {
        type: 'case-notice',
        step: request.step,
        deadlineKind: request.deadlineKind,
        dueAt: request.dueAt,
        requestedAt: request.requestedAt,
        notifiedRoles: [...new Set(request.roles)],
        fallbackFor: recipient.fallbackFor,
      },
    }));
    return outbox.insertOnce(request.key, entries, now);
  }

  /**
   * Plans the contact teacher's email about a proposed case (ADR 0015); idempotent per proposal. The
   * teacher's own address when they are active, else the school's leadership (who must then see to it).
   */
  async planProposalNotice(proposalId: string): Promise<string[]> {
    const { outbox, resolver, log } = this.deps;
    const requestKey = `proposal:${proposalId}`;
    const existing = await outbox.keysForRequest(requestKey);
    if (existing.length > 0) return existing;
    const proposal = await this.deps.schools.proposalForNotice?.(proposalId);
    if (!proposal) throw new Error(`No absence case proposal ${proposalId}`);
    const teacher = (await resolver.staff?.(proposal.contactTeacherId)) ?? null;
    const recipients = teacher
      ? [{ staffId: teacher.id, email: teacher.email, role: 'contact-teacher' as const }]
      : (
          await resolver.resolve({ caseId: null, schoolId: proposal.schoolId, roles: ['school-leadership'] })
        ).recipients.map((r) => ({ staffId: r.staffId, email: r.email, role: r.role }));
    if (recipients.length === 0) log.warn('Nobody to tell about a proposed case', { proposalId });
    const now = this.deps.clock();
    return outbox.insertOnce(
      requestKey,
      recipients.map((r) => ({
        key: outboxKey(requestKey, r.staffId),
        requestKey,
        caseId: null,
        schoolId: proposal.schoolId,
        kind: 'case-proposed',
        recipientStaffId: r.staffId,
        recipientEmail: r.email,
        recipientRole: r.role,
        payload: { type: 'case-proposal', proposalId, proposedAt: proposal.proposedAt.toISOString() },
      })),
      now,
    );
  }

  /**
   * Plans this ISO week's digest for every school's leadership; returns the outbox keys. Idempotent per
   * school and week: a second run in the same week returns the first run's keys and builds nothing.
   */
  async planSchoolDigests(now: Date): Promise<string[]> {
    const weekKey = isoWeekKey(now.toISOString());
    const keys: string[] = [];
    for (const schoolId of await this.deps.schools.schoolIds()) {
      keys.push(...(await this.planSchoolDigest(schoolId, weekKey, now)));
    }
    return keys;
  }

  private async planSchoolDigest(schoolId: string, weekKey: string, now: Date): Promise<string[]> {
    const { outbox, resolver, digests, log } = this.deps;
    const requestKey = `digest:${schoolId}:${weekKey}`;
    const existing = await outbox.keysForRequest(requestKey);
    if (existing.length > 0) return existing;
    const { recipients } = await resolver.resolve({ caseId: null, schoolId, roles: ['school-leadership'] });
    if (recipients.length === 0) {
      log.warn('No school leadership to send the weekly digest to', { schoolId, weekKey });
      return [];
    }
    const summary = await digests.build(schoolId, now);
    return outbox.insertOnce(
      requestKey,
      recipients.map((leader) => ({
        key: outboxKey(requestKey, leader.staffId),
        requestKey,
        caseId: null,
        schoolId,
        kind: 'school-digest',
        recipientStaffId: leader.staffId,
        recipientEmail: leader.email,
        recipientRole: leader.role,
        payload: { type: 'school-digest', summary },
      })),
      now,
    );
  }
}

/** Refuses a request no workflow should send; the message names the field. */
export function assertNotificationRequest(request: NotificationRequest): void {
  const problems: string[] = [];
  if (!request.key?.trim()) problems.push('key is empty');
  if (!request.caseId?.trim()) problems.push('caseId is empty');
  if (!request.schoolId?.trim()) problems.push('schoolId is empty');
  if (!(NOTICE_KINDS as readonly string[]).includes(request.kind))
    problems.push(`kind "${String(request.kind)}" is unknown`);
  if (!(STEPS as readonly number[]).includes(request.step))
    problems.push(`step ${String(request.step)} is not 1–4`);
  if (!Array.isArray(request.roles) || request.roles.length === 0) problems.push('roles is empty');
  else if (request.roles.some((r) => !(STAFF_ROLES as readonly string[]).includes(r)))
    problems.push('roles holds an unknown role');
  if (problems.length > 0) throw new Error(`Invalid notification request: ${problems.join('; ')}`);
}
