// The worker's metrics (ADR 0013): the Temporal SDK's own (temporal_*: task slots, schedule-to-start
// latency, sticky cache, activity and workflow outcomes) and ours, through the same Prometheus exporter.
import type { MetricMeter, MetricCounter } from '@temporalio/common';
import type { RuntimeOptions } from '@temporalio/worker';
import type { MetricsConfig } from '@tiltak/config';
import { classifySmtpError, type MailTransport } from '@tiltak/notifications';
import { DEADLINE_LATENESS_BUCKETS_MS, DEADLINE_LATENESS_METRIC } from '@tiltak/workflows';
import { WORKER_METRICS } from './worker-metric-names';

export { TEMPORAL_METRIC_PREFIX, WORKER_METRICS } from './worker-metric-names';

export type NoticeOutcome = 'sent' | 'failed_permanent' | 'failed_transient';

/** The runtime's metrics exporter: Prometheus on WORKER_METRICS_PORT, or none. */
export function metricsTelemetry(
  metrics: Pick<MetricsConfig, 'host' | 'workerPort'>,
): NonNullable<RuntimeOptions['telemetryOptions']>['metrics'] {
  if (metrics.workerPort === null) return undefined;
  const host = metrics.host.includes(':') ? `[${metrics.host}]` : metrics.host;
  return {
    prometheus: {
      bindAddress: `${host}:${metrics.workerPort}`,
      histogramBucketOverrides: { [DEADLINE_LATENESS_METRIC]: DEADLINE_LATENESS_BUCKETS_MS },
    },
  };
}

/** Counts notices by what SMTP said: accepted, refused for good (5xx), or to be retried. */
export class NoticeMetrics {
  private readonly counter: MetricCounter;

  constructor(meter: MetricMeter) {
    this.counter = meter.createCounter(
      WORKER_METRICS.notices,
      'notices',
      'Notices handed to the SMTP server, by outcome: sent, failed_permanent (5xx), failed_transient (retried)',
    );
  }

  count(outcome: NoticeOutcome): void {
    this.counter.add(1, { outcome });
  }

  /** The mail transport, counting every attempt's outcome. */
  around(mail: MailTransport): MailTransport {
    return {
      send: async (message) => {
        try {
          const sent = await mail.send(message);
          this.count('sent');
          return sent;
        } catch (error) {
          this.count(classifySmtpError(error).permanent ? 'failed_permanent' : 'failed_transient');
          throw error;
        }
      },
    };
  }
}
