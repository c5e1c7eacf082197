import type { DeadlineKind, Instant, StaffRole, Step } from '@tiltak/domain';
import type { CaseNoticeKind } from '../templates/case-notice.template';
import type { SchoolDigestSummary } from '../templates/school-digest.template';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
/**
 * pending: planned, or the last attempt failed before the server accepted it;
 * sending: an attempt started and did not finish (it may have been accepted: the duplicate window);
 * sent: the server accepted it; failed: the server refused it for good (5xx).
 */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The case workflow's kinds, plus the notices this library plans itself. */
export type OutboxKind = CaseNoticeKind | 'delivery-failed' | 'school-digest';

/** What the template needs beyond the directory; fixed when planned, so a retry renders the same email. */
export type OutboxPayload =
  | {
      type: 'case-notice';
      step: Step;
      deadlineKind: DeadlineKind | null;
      dueAt: Instant | null;
      requestedAt: Instant;
      notifiedRoles: StaffRole[];
      /** Roles nobody holds, for which this (leadership) recipient stands in. */
      fallbackFor: StaffRole[];
    }
  | {
      type: 'delivery-failed';
      step: Step | null;
      failedOutboxKey: string;
      failedKind: CaseNoticeKind | 'school-digest';
      failedRecipientRole: StaffRole;
      failedAt: Instant;
      smtpCode: number | null;
    }
  | { type: 'school-digest'; summary: SchoolDigestSummary };

export interface OutboxEntry {
  id: string;
  key: string;
  requestKey: string;
  caseId: string | null;
  schoolId: string;
  kind: OutboxKind;
  recipientStaffId: string;
  recipientEmail: string;
  recipientRole: StaffRole;
  status: OutboxStatus;
  payload: OutboxPayload;
  messageId: string;
  attempts: number;
  lastError: string | null;
  createdAt: Instant;
  sentAt: Instant | null;
}

export type NewOutboxEntry = Pick<
  OutboxEntry,
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
