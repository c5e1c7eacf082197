// When the SMTP server refuses a notice for good, the school must not be left believing it went out:
// the case's timeline records the failure and the school's leadership is told. Every step is idempotent
// (event ids and outbox keys derive from the failed row's key), so it may run again on every retry.
import type { SmtpDeliveryError } from '../mail-sender';
import type { NotificationOutboxStore } from '../outbox/notification-outbox.store';
import { outboxKey, type OutboxEntry, type OutboxPayload } from '../outbox/notification-outbox.types';
import type { Clock, CaseTimeline, NotificationLogger } from '../notification-ports';
import type { RecipientResolver } from '../recipients/recipient.resolver';
import { stepOfPayload } from './outbox-steps';

export interface DeliveryFailureNoticeDeps {
  outbox: Pick<NotificationOutboxStore, 'keysForRequest' | 'insertOnce'>;
  resolver: Pick<RecipientResolver, 'resolve'>;
  timeline: CaseTimeline;
  clock: Clock;
  log: NotificationLogger;
}

export class DeliveryFailureNotice {
  constructor(private readonly deps: DeliveryFailureNoticeDeps) {}

  /**
   * Records the failure on the case's timeline and plans the notice to leadership. Returns the outbox
   * keys of that notice, for the caller to send; none for a failed notice about a failed notice (that
   * could only loop) or when the school has no leadership.
   */
  async record(entry: OutboxEntry, error: SmtpDeliveryError): Promise<string[]> {
    const { outbox, resolver, timeline, log } = this.deps;
    const now = this.deps.clock();
    const step = stepOfPayload(entry.payload);
    const failedKind = entry.kind === 'delivery-failed' ? null : entry.kind;
    if (entry.caseId && step !== null) {
      await timeline.appendSystemEvents(entry.caseId, [
        {
          eventId: `${entry.key}:failed`,
          type: 'notification-failed',
          step,
          occurredAt: now.toISOString(),
          payload: {
            requestKey: entry.requestKey,
            notificationKind: entry.kind,
            recipientRole: entry.recipientRole,
            recipientStaffId: entry.recipientStaffId,
            smtpCode: error.smtpCode,
            surfacedTo: failedKind !== null ? 'school-leadership' : null,
          },
        },
      ]);
    }
    log.warn('A notice was refused for good by the SMTP server', {
      outboxKey: entry.key,
      smtpCode: error.smtpCode,
    });
    if (failedKind === null) return [];

    const requestKey = `${entry.key}:failed`;
    const planned = await outbox.keysForRequest(requestKey);
    if (planned.length > 0) return planned;
    const { recipients } = await resolver.resolve({
      caseId: entry.caseId,
      schoolId: entry.schoolId,
      roles: ['school-leadership'],
    });
    // The leader whose own address failed would only fail again.
    const failedAddress = entry.recipientEmail.trim().toLowerCase();
    const payload: OutboxPayload = {
      type: 'delivery-failed',
      step,
      failedOutboxKey: entry.key,
      failedKind,
      failedRecipientRole: entry.recipientRole,
      failedAt: now.toISOString(),
      smtpCode: error.smtpCode,
    };
    const keys = await outbox.insertOnce(
      requestKey,
      recipients
        .filter((leader) => leader.email.trim().toLowerCase() !== failedAddress)
        .map((leader) => ({
          key: outboxKey(requestKey, leader.staffId),
          requestKey,
          caseId: entry.caseId,
          schoolId: entry.schoolId,
          kind: 'delivery-failed',
          recipientStaffId: leader.staffId,
          recipientEmail: leader.email,
          recipientRole: leader.role,
          payload,
        })),
      now,
    );
    if (keys.length === 0)
      log.warn('No school leadership to tell about a failed notice', { outboxKey: entry.key });
    return keys;
  }
}
