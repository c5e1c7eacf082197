// A ladder in seconds for tests of running workflows (the Temporal dev server cannot skip time). Test
// helper: kept out of the production entry point.
import { defaultLadderPolicy } from '../default-policy';
import { DEADLINE_KINDS, type DeadlineKind } from '../model';
import type { LadderPolicy } from '../policy';

export interface ShortTestPolicyOptions {
  /** Seconds before the deadline a reminder fires; half the span by default. */
  remindBeforeSeconds?: number;
  /** Seconds after the deadline the case escalates; half the span by default. */
  escalateAfterSeconds?: number;
  /** Per-kind spans in seconds, for tests that need one deadline to fire before another. */
  dueSeconds?: Partial<Record<DeadlineKind, number>>;
  continueAsNewAfterEvents?: number;
}

/**
 * The default ladder with every span in seconds (due 6 s, remind 3 s before, escalate 3 s after by
 * default), for tests against a real Temporal server, which cannot skip time. Roles stay the default's.
 */
export function shortTestPolicy(seconds = 6, options: ShortTestPolicyOptions = {}): LadderPolicy {
  const base = defaultLadderPolicy();
  const half = Math.max(1, Math.floor(seconds / 2));
  const remind = options.remindBeforeSeconds ?? half;
  const escalate = options.escalateAfterSeconds ?? half;
  const deadlines = { ...base.deadlines };
  for (const kind of DEADLINE_KINDS) {
    const due = options.dueSeconds?.[kind] ?? seconds;
    for (const [name, value] of [
      ['span', due],
      ['remindBefore', remind],
      ['escalateAfter', escalate],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`shortTestPolicy: ${name} for ${kind} must be >= 1 s`);
      }
    }
    if (remind >= due) {
      throw new RangeError(
        `shortTestPolicy: reminder (${remind} s) must come after ${kind} opens (${due} s)`,
      );
    }
    deadlines[kind] = {
      ...base.deadlines[kind],
      span: { unit: 'seconds', count: due },
      remindBefore: { unit: 'seconds', count: remind },
      escalateAfter: { unit: 'seconds', count: escalate },
    };
  }
  return {
    ...base,
    version: `short-test-${seconds}s`,
    deadlines,
    continueAsNewAfterEvents: options.continueAsNewAfterEvents ?? base.continueAsNewAfterEvents,
  };
}
