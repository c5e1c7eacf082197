import type { DeadlineKind, Instant, StaffRole, Step } from '@tiltak/domain';
import type { NewOutboxRecord, OutboxRecord } from '@tiltak/persistence';
import type { CaseNoticeKind } from '../templates/case-notice.template';
import type { SchoolDigestSummary } from '../templates/school-digest.template';

/** The case workflow's kinds, plus the notices this library plans itself. */
export type OutboxKind = CaseNoticeKind | 'delivery-failed' | 'school-digest' | 'case-proposed';

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
      failedKind: CaseNoticeKind | 'school-digest' | 'case-proposed';
      failedRecipientRole: StaffRole;
      failedAt: Instant;
      smtpCode: number | null;
    }
  | { type: 'school-digest'; summary: SchoolDigestSummary }
  /** Propose mode (ADR 0015): a case waits for the contact teacher's confirmation. */
  | { type: 'case-proposal'; proposalId: string; proposedAt: Instant };

export type OutboxEntry = OutboxRecord<OutboxPayload, OutboxKind>;
export type NewOutboxEntry = NewOutboxRecord<OutboxPayload, OutboxKind>;
export { OUTBOX_STATUSES, outboxKey, type OutboxStatus } from '@tiltak/persistence';
