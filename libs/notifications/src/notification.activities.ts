// The Temporal activities the worker registers. Failures are translated for Temporal: a 5xx becomes a
// non-retryable 'PermanentSmtpFailure' (already recorded and surfaced by the dispatcher); everything
// transient is retried by Temporal with backoff. Messages carry the outbox key and SMTP code only, never
// the address or the server's reply text, because operations staff read failures in the Temporal UI.
import { ApplicationFailure } from '@temporalio/common';
import type { Instant } from '@tiltak/domain';
import type { DigestActivities, NotificationActivities, NotificationRequest } from '@tiltak/workflows';
import { SmtpDeliveryError } from './mail-sender';
import { NotificationDispatcher, OutboxKeyNotFoundError } from './notification-dispatcher';
import { DeliveryInProgressError } from './outbox/notification-outbox.store';

export const PERMANENT_SMTP_FAILURE = 'PermanentSmtpFailure';
export const TRANSIENT_SMTP_FAILURE = 'TransientSmtpFailure';
export const DELIVERY_IN_PROGRESS = 'DeliveryInProgress';
export const UNKNOWN_OUTBOX_KEY = 'UnknownOutboxKey';

export interface NotificationActivityDeps {
  dispatcher: NotificationDispatcher;
}

/** The activities the digest and sweep workflows call; their shape is the workflows' contract. */
export type NotificationScheduleActivities = DigestActivities;

export function createNotificationActivities(
  deps: NotificationActivityDeps,
): NotificationActivities & NotificationScheduleActivities {
  const { dispatcher } = deps;
  return {
    async planNotificationDeliveries(input: { request: NotificationRequest }) {
      return { outboxKeys: await dispatcher.planDeliveries(input.request) };
    },

    async deliverNotification(input: { outboxKey: string }) {
      try {
        await dispatcher.deliver(input.outboxKey);
      } catch (error) {
        throw toActivityFailure(error, input.outboxKey);
      }
    },

    async planSchoolDigests(input: { now?: Instant }) {
      const now = input.now ? new Date(input.now) : new Date();
      return { outboxKeys: await dispatcher.planSchoolDigests(now) };
    },

    async deliverUnsentNotifications(input: { olderThanSeconds?: number; limit?: number }) {
      const result = await dispatcher.deliverUnsent({
        olderThanMs: (input.olderThanSeconds ?? 600) * 1000,
        ...(input.limit !== undefined ? { limit: input.limit } : {}),
      });
      return { sent: result.sent, failed: result.failed, pending: result.pending };
    },
  };
}

/** What Temporal should see for an error of deliver(). */
export function toActivityFailure(error: unknown, outboxKey: string): unknown {
  if (error instanceof SmtpDeliveryError) {
    const code = error.smtpCode ?? error.errorCode ?? 'no reply';
    return error.permanent
      ? ApplicationFailure.nonRetryable(
          `Notice ${outboxKey} refused for good by the SMTP server (${code})`,
          PERMANENT_SMTP_FAILURE,
        )
      : ApplicationFailure.retryable(
          `Notice ${outboxKey} not sent yet: SMTP transient failure (${code})`,
          TRANSIENT_SMTP_FAILURE,
        );
  }
  if (error instanceof DeliveryInProgressError) {
    return ApplicationFailure.retryable(
      `Notice ${outboxKey} is being sent by another worker`,
      DELIVERY_IN_PROGRESS,
    );
  }
  if (error instanceof OutboxKeyNotFoundError) {
    return ApplicationFailure.nonRetryable(`No notice with outbox key ${outboxKey}`, UNKNOWN_OUTBOX_KEY);
  }
  return error;
}
