// Timers in seconds-long test policies can fire late on a loaded machine (or after a worker restart).
// A reminder that fires after its deadline is recorded as skipped and not sent (docs/decisions.md), so
// a test counts the reminder's notice only when the timeline says it was sent.
import type { AuditTrailEntry } from '@tiltak/persistence';

/** Whether the reminder for a deadline of this kind was sent (recorded and not skipped). */
export function reminderSent(trail: readonly AuditTrailEntry[], kind: string): boolean {
  return trail.some((e) => {
    const payload = e.payload as { kind?: string; skipped?: string };
    return e.type === 'reminder-due' && payload.kind === kind && payload.skipped === undefined;
  });
}
