// The ladder as data (tiltakstrappa). The guide's values are the default; a municipality overrides
// them by configuration. Short policies in seconds are for tests of running workflows.
import type { DeadlineKind, StaffRole } from './model';

/** How far a deadline lies from the moment that opens it. */
export type DeadlineSpan =
  /** The end of the school day the concern was raised (or the next school day if after hours / day off). */
  | { unit: 'same-school-day' }
  /** A week is five school days: weekends and holidays stop the clock. */
  | { unit: 'school-days'; count: number }
  /** Wall-clock seconds; for short test policies. */
  | { unit: 'seconds'; count: number };

/** An offset measured from a deadline (reminder before it, escalation after it). */
export type Offset =
  | { unit: 'hours'; count: number }
  | { unit: 'school-days'; count: number }
  | { unit: 'seconds'; count: number };

export interface DeadlineRule {
  span: DeadlineSpan;
  /** When to remind the responsible people, before the deadline. */
  remindBefore: Offset;
  /** Who gets the reminder; the case owner's role (contact teacher) when absent. */
  remindTo?: StaffRole[];
  /** Who hears that the deadline was missed. */
  notifyOnMissed: StaffRole[];
  /** How long after the deadline the case escalates, and to whom. */
  escalateAfter: Offset;
  escalateTo: StaffRole[];
}

export interface LadderPolicy {
  /** Bumped whenever a municipality changes its policy; recorded on each case. */
  version: string;
  deadlines: Record<DeadlineKind, DeadlineRule>;
  /** Continue-as-new after this many events, even if the server has not suggested it. */
  continueAsNewAfterEvents: number;
  /** The school day ends at this local time (Europe/Oslo), `HH:MM`. */
  schoolDayEndsAt: string;
}
