import type { Instant } from '@tiltak/domain';

export type AccessOutcome = 'allowed' | 'denied';

/** One access decision to record. No personal data beyond staff ids: resource ids are pseudonymous. */
export interface AccessLogInput {
  /** null when the caller could not be identified. */
  staffId: string | null;
  role: string | null;
  /** e.g. 'case.read', 'case.record-event', 'codec.decode'. */
  action: string;
  /** e.g. 'case', 'student'. */
  resourceType: string;
  resourceId: string | null;
  outcome: AccessOutcome;
  reason?: string | null;
}

export interface AccessLogEntry extends Required<AccessLogInput> {
  id: string;
  at: Instant;
}

export interface AccessLogFilter {
  staffId?: string;
  resourceType?: string;
  resourceId?: string;
  outcome?: AccessOutcome;
}
