// The Temporal activities the worker registers. Failures are translated for Temporal: a 5xx becomes a
// non-retryable 'PermanentSmtpFailure' (already recorded and surfaced); everything transient is retried
// by Temporal with backoff. Messages carry the outbox key and SMTP code only, never the address or the
// server's reply text, because operations staff read failures in the Temporal UI.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Instant, NotificationRequest } from '@tiltak/domain';
import type { DigestActivities, NotificationActivities, ProposalNoticeActivities } from '@tiltak/workflows';
import { OutboxKeyNotFoundError, type NotificationDelivery } from './delivery/notification-delivery';
import { SmtpDeliveryError } from './mail-sender';
import { DeliveryInProgressError } from './outbox/notification-outbox.store';
import type { NotificationPlanner } from './planning/notification-planner';

export const PERMANENT_SMTP_FAILURE = 'PermanentSmtpFailure';
export const TRANSIENT_SMTP_FAILURE = 'TransientSmtpFailure';
export const DELIVERY_IN_PROGRESS = 'DeliveryInProgress';
export const UNKNOWN_OUTBOX_KEY = 'UnknownOutboxKey';

export interface NotificationActivityDeps {
  planner: Pick<NotificationPlanner, 'planDeliveries' | 'planSchoolDigests'> &
    Partial<Pick<NotificationPlanner, 'planProposalNotice'>>;
  delivery: Pick<NotificationDelivery, 'deliver' | 'deliverAll' | 'unsentKeys'>;
  /** The running activity's heartbeat; the worker's default is Temporal's activity context. */
  heartbeat?: SweepHeartbeat;
}

/** Where a sweep stands: the batch it took and how far it got, so a retry resumes instead of restarting. */
export interface SweepProgress {
  keys: string[];
  next: number;
}

export interface SweepHeartbeat {
  /** The progress the previous attempt last reported, if this is a retry. */
  resumeFrom(): SweepProgress | undefined;
  beat(progress: SweepProgress): void;
}

const TEMPORAL_HEARTBEAT: SweepHeartbeat = {
  resumeFrom: () => Context.current().info.heartbeatDetails as SweepProgress | undefined,
  beat: (progress) => Context.current().heartbeat(progress),
};

/** The activities the digest and sweep workflows call; their shape is the workflows' contract. */
export type NotificationScheduleActivities = DigestActivities;

export function createNotificationActivities(
  deps: NotificationActivityDeps,
): NotificationActivities & NotificationScheduleActivities & ProposalNoticeActivities {
  const { planner, delivery } = deps;
  const heartbeat = deps.heartbeat ?? TEMPORAL_HEARTBEAT;
  return {
    async planNotificationDeliveries(input: { request: NotificationRequest }) {
      return { outboxKeys: await planner.planDeliveries(input.request) };
    },

    async planProposalNotice(input: { proposalId: string }) {
      if (!planner.planProposalNotice) throw new Error('This planner does not plan proposal notices');
      return { outboxKeys: await planner.planProposalNotice(input.proposalId) };
    },

    async deliverNotification(input: { outboxKey: string }) {
      try {
        await delivery.deliver(input.outboxKey);
      } catch (error) {
        throw toActivityFailure(error, input.outboxKey);
      }
    },

    async planSchoolDigests(input: { now?: Instant }) {
      const now = input.now ? new Date(input.now) : new Date();
      return { outboxKeys: await planner.planSchoolDigests(now) };
    },

    // One SMTP server that hangs must not make Temporal resend the whole batch: every row reports
    // progress, so a timed-out attempt is noticed within the heartbeat timeout and its retry goes on
    // from the row it stopped at (that row is leased, so it is not doubled).
    async deliverUnsentNotifications(input: { olderThanSeconds?: number; limit?: number }) {
      const resumed = validProgress(heartbeat.resumeFrom());
      const keys =
        resumed?.keys ??
        (await delivery.unsentKeys({
          olderThanMs: (input.olderThanSeconds ?? 600) * 1000,
          limit: input.limit ?? 100,
        }));
      const start = resumed?.next ?? 0;
      heartbeat.beat({ keys, next: start });
      const counts = await delivery.deliverAll(keys.slice(start), (index) =>
        heartbeat.beat({ keys, next: start + index + 1 }),
      );
      return counts;
    },
  };
}

function validProgress(progress: unknown): SweepProgress | undefined {
  if (typeof progress !== 'object' || progress === null) return undefined;
  const { keys, next } = progress as Partial<SweepProgress>;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) return undefined;
  if (typeof next !== 'number' || !Number.isInteger(next) || next < 0 || next > keys.length) return undefined;
  return { keys, next };
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
