// What the case workflow tells operations (ADR 0013) through the SDK's metric meter: emitted by the
// worker's Prometheus exporter, never during replay, and no command in history (replay-safe).
import { metricMeter } from '@temporalio/workflow';
import type { Instant, TimerAction } from '@tiltak/domain';
import { DEADLINE_LATENESS_METRIC } from './metric-names';

let lateness: ReturnType<typeof metricMeter.createHistogram> | undefined;

/** How long after it fell due a reminder, missed deadline or escalation was acted on, by kind and step. */
export function recordTimerLateness(action: TimerAction, firedAt: Instant): void {
  lateness ??= metricMeter.createHistogram(
    DEADLINE_LATENESS_METRIC,
    'int',
    'ms',
    'Reminders, missed deadlines and escalations: time from falling due to being acted on',
  );
  const ms = Math.max(0, Date.parse(firedAt) - Date.parse(action.at));
  lateness.record(ms, { kind: action.kind, step: String(action.step) });
}
