// Sends outbox rows, each exactly once as far as SMTP allows. The guarantees:
// - A row is sent by one attempt at a time: an attempt claims it ('sending', attempts + 1) for a lease
//   (leaseMs); another attempt meanwhile gets DeliveryInProgressError and retries later. No database
//   connection is held while SMTP talks, so deliveries never starve each other of the pool.
// - A row marked 'sent' is never sent again; deliver() on it only makes sure the timeline has it.
// - The remaining window: the server accepted the message (250) and the worker died, or lost the
//   database, before the 'sent' mark. Once the lease has run out, the retry finds the row 'sending'
//   and sends it once more: at most one duplicate per crash, carrying the same Message-ID (derived
//   from the key), so mail clients and the test suite can recognise it. The timeline's
//   'notification-sent' event records `afterInterruptedAttempt: true` for such a send. Closing the
//   window would need the SMTP server to deduplicate by Message-ID, which ordinary servers do not do.
//   (A socket timeout after the message was handed over is the same window in another guise: the
//   row goes back to 'pending' and the retry may duplicate, with the same Message-ID.)
import type { Instant } from '@tiltak/domain';
import { classifySmtpError, SmtpDeliveryError } from '../mail-sender';
import type { Clock, CaseTimeline, MailTransport, NotificationLogger } from '../notification-ports';
import { DeliveryInProgressError, type NotificationOutboxStore } from '../outbox/notification-outbox.store';
import type { OutboxEntry } from '../outbox/notification-outbox.types';
import type { DeliveryFailureNotice } from './delivery-failure-notice';
import type { NoticeRenderer } from './notice-renderer';
import { stepOfPayload } from './outbox-steps';

export interface DeliveryResult {
  outcome: 'sent' | 'already-sent';
  messageId: string;
}

export interface DeliveryCounts {
  sent: number;
  failed: number;
  /** Still unsent after a transient failure; a later run picks them up. */
  pending: number;
}

/** deliver() was given a key that was never planned: a bug, not a delivery problem. */
export class OutboxKeyNotFoundError extends Error {
  constructor(readonly outboxKey: string) {
    super(`No notification with outbox key ${outboxKey}`);
    this.name = 'OutboxKeyNotFoundError';
  }
}

export const DEFAULT_DELIVERY_LEASE_MS = 2 * 60_000;

export interface NotificationDeliveryDeps {
  outbox: Pick<
    NotificationOutboxStore,
    'get' | 'claim' | 'markSent' | 'markFailed' | 'markPending' | 'unsentKeys'
  >;
  mail: MailTransport;
  renderer: Pick<NoticeRenderer, 'render'>;
  timeline: CaseTimeline;
  failureNotice: Pick<DeliveryFailureNotice, 'record'>;
  clock: Clock;
  log: NotificationLogger;
  /**
   * How long an unfinished attempt keeps its row before another may take over. Longer than any send
   * can take (the sender's timeouts), so a live attempt is never doubled.
   */
  leaseMs: number;
}

export class NotificationDelivery {
  constructor(private readonly deps: NotificationDeliveryDeps) {}

  /**
   * Sends one outbox row, exactly once (see the file comment for the one duplicate window).
   * - already sent: does nothing but make sure the timeline shows it;
   * - accepted: marks it sent and records `notification-sent` (kind, role, time; no body, no address);
   * - refused for good (5xx): marks it failed, records `notification-failed`, tells school leadership,
   *   and throws SmtpDeliveryError with `permanent: true` (again on every later call);
   * - anything transient (4xx, server away, timeout): throws SmtpDeliveryError with `permanent: false`,
   *   for the caller (Temporal) to retry with backoff.
   */
  async deliver(key: string): Promise<DeliveryResult> {
    const { outbox, clock } = this.deps;
    const entry = await outbox.get(key);
    if (!entry) throw new OutboxKeyNotFoundError(key);
    const finished = await this.settled(entry);
    if (finished) return finished;

    // Rendered before the attempt counts: a template problem is not a delivery attempt.
    const email = await this.deps.renderer.render(entry);
    const now = clock();
    const claim = await outbox.claim(key, now, new Date(now.getTime() - this.deps.leaseMs));
    if (!claim) {
      const current = await outbox.get(key);
      const settled = current ? await this.settled(current) : null;
      if (settled) return settled;
      throw new DeliveryInProgressError(key);
    }
    if (claim.afterInterruptedAttempt) {
      this.deps.log.warn('Sending again after an attempt that did not finish: a duplicate is possible', {
        outboxKey: key,
        messageId: entry.messageId,
      });
    }

    try {
      await this.deps.mail.send({ key, to: entry.recipientEmail, ...email });
    } catch (caught) {
      const error = classifySmtpError(caught);
      if (!error.permanent) {
        await outbox.markPending(key, claim.attempt, error.message, clock());
        throw error;
      }
      await outbox.markFailed(key, claim.attempt, error.message, clock());
      await this.afterPermanentFailure(entry, error);
      throw error;
    }
    // The duplicate window: a crash from here until the mark below leaves the row 'sending'.
    const sentAt = clock();
    await outbox.markSent(key, sentAt);
    await this.recordSent(entry, sentAt.toISOString(), claim.attempt, claim.afterInterruptedAttempt);
    return { outcome: 'sent', messageId: entry.messageId };
  }

  /** Sends each row in turn; a failure of one never stops the others. `onEach` runs after every row. */
  async deliverAll(keys: readonly string[], onEach?: (index: number) => void): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { sent: 0, failed: 0, pending: 0 };
    for (const [index, key] of keys.entries()) {
      try {
        await this.deliver(key);
        counts.sent += 1;
      } catch (error) {
        if (error instanceof SmtpDeliveryError && error.permanent) counts.failed += 1;
        else counts.pending += 1;
      }
      onEach?.(index);
    }
    return counts;
  }

  /** Rows left unsent since before `olderThanMs` ago, oldest first: what the sweep sends. */
  async unsentKeys(options: { olderThanMs: number; limit: number }): Promise<string[]> {
    const before = new Date(this.deps.clock().getTime() - options.olderThanMs);
    return this.deps.outbox.unsentKeys(before, options.limit);
  }

  /** For a row that is done: makes sure its consequences are recorded, then answers as the first time. */
  private async settled(entry: OutboxEntry): Promise<DeliveryResult | null> {
    if (entry.status === 'sent') {
      await this.recordSent(entry, entry.sentAt ?? this.deps.clock().toISOString(), entry.attempts, false);
      return { outcome: 'already-sent', messageId: entry.messageId };
    }
    if (entry.status === 'failed') {
      const error = new SmtpDeliveryError(
        entry.lastError ?? 'SMTP permanent failure',
        true,
        smtpCodeOf(entry.lastError),
        null,
      );
      await this.afterPermanentFailure(entry, error);
      throw error;
    }
    return null;
  }

  /** Records the failure and tells leadership right away; a notice that hits a transient error waits for the sweep. */
  private async afterPermanentFailure(entry: OutboxEntry, error: SmtpDeliveryError): Promise<void> {
    const keys = await this.deps.failureNotice.record(entry, error);
    for (const key of keys) {
      try {
        await this.deliver(key);
      } catch (caught) {
        this.deps.log.warn('Could not yet tell leadership about a failed notice', {
          outboxKey: key,
          error: caught instanceof Error ? caught.name : 'unknown',
        });
      }
    }
  }

  private async recordSent(
    entry: OutboxEntry,
    sentAt: Instant,
    attempts: number,
    afterInterruptedAttempt: boolean,
  ): Promise<void> {
    const step = stepOfPayload(entry.payload);
    if (!entry.caseId || step === null) return;
    await this.deps.timeline.appendSystemEvents(entry.caseId, [
      {
        eventId: `${entry.key}:sent`,
        type: 'notification-sent',
        step,
        occurredAt: sentAt,
        payload: {
          requestKey: entry.requestKey,
          notificationKind: entry.kind,
          recipientRole: entry.recipientRole,
          recipientStaffId: entry.recipientStaffId,
          fallbackFor: entry.payload.type === 'case-notice' ? entry.payload.fallbackFor : [],
          messageId: entry.messageId,
          attempts,
          afterInterruptedAttempt,
        },
      },
    ]);
  }
}

function smtpCodeOf(lastError: string | null): number | null {
  const match = /SMTP permanent failure (\d{3})/.exec(lastError ?? '');
  return match ? Number(match[1]) : null;
}
