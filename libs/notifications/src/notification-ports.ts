// The small interfaces the notification classes depend on, so each receives exactly what it uses and a
// unit test can hand it a fake while the integration specs hand it the real PostgreSQL-backed stores.
import type { Instant, Step } from '@tiltak/domain';
import type { MailSender } from './mail-sender';

/** The send half of MailSender; tests may wrap it. */
export type MailTransport = Pick<MailSender, 'send'>;

/** The timeline half of CaseEventStore (@tiltak/persistence). */
export interface CaseTimeline {
  appendSystemEvents(caseId: string, events: TimelineEvent[]): Promise<number>;
}

/** A system event recorded outside the workflow: no personal data in the payload. */
export interface TimelineEvent {
  eventId: string;
  type: 'notification-sent' | 'notification-failed' | 'recipient-gap';
  step: Step;
  occurredAt: Instant;
  payload: Record<string, unknown>;
}

/** Ids and codes only: never an address, a name or a server's reply text. */
export interface NotificationLogger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
}

export type Clock = () => Date;

export const SYSTEM_CLOCK: Clock = () => new Date();

export const NO_LOG: NotificationLogger = { info: () => undefined, warn: () => undefined };
