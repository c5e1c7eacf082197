// The outbox's SQL lives in libs/persistence; this is that store with this library's payloads and
// kinds, and each row's Message-ID from its key (so a resend after an interrupted attempt keeps it).
import { NotificationOutboxStore as OutboxRows } from '@tiltak/persistence';
import type { DataSource } from 'typeorm';
import { messageIdForKey } from '../mail-sender';
import type { OutboxKind, OutboxPayload } from './notification-outbox.types';

export class NotificationOutboxStore extends OutboxRows<OutboxPayload, OutboxKind> {
  constructor(dataSource: DataSource) {
    super(dataSource, messageIdForKey);
  }
}

/** A live attempt (another worker, or an activity retried after a timeout) is sending this row; try later. */
export class DeliveryInProgressError extends Error {
  constructor(readonly outboxKey: string) {
    super(`Notification ${outboxKey} is being delivered by another worker`);
    this.name = 'DeliveryInProgressError';
  }
}
