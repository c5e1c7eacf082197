import type { Instant, StaffRole } from '@tiltak/domain';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
/**
 * pending: planned, or the last attempt failed before the server accepted it;
 * sending: an attempt started and did not finish (it may have been accepted: the duplicate window);
 * sent: the server accepted it; failed: the server refused it for good (5xx).
 */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** An outbox row; libs/notifications says what its payload `P` and kind `K` are. */
export interface OutboxRecord<P = unknown, K extends string = string> {
  id: string;
  key: string;
  requestKey: string;
  caseId: string | null;
  schoolId: string;
  kind: K;
  recipientStaffId: string;
  recipientEmail: string;
  recipientRole: StaffRole;
  status: OutboxStatus;
  payload: P;
  messageId: string;
  attempts: number;
  lastError: string | null;
  createdAt: Instant;
  sentAt: Instant | null;
}

export type NewOutboxRecord<P = unknown, K extends string = string> = Pick<
  OutboxRecord<P, K>,
  | 'key'
  | 'requestKey'
  | 'caseId'
  | 'schoolId'
  | 'kind'
  | 'recipientStaffId'
  | 'recipientEmail'
  | 'recipientRole'
  | 'payload'
>;

/** One row per recipient: `${requestKey}:${recipientStaffId}`. */
export function outboxKey(requestKey: string, recipientStaffId: string): string {
  return `${requestKey}:${recipientStaffId}`;
}
