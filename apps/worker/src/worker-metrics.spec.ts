import type { MetricMeter } from '@temporalio/common';
import { SmtpDeliveryError } from '@tiltak/notifications';
import { NoticeMetrics, WORKER_METRICS, metricsTelemetry } from './worker-metrics';

function fakeMeter() {
  const added: { name: string; value: number; tags: Record<string, unknown> }[] = [];
  const meter = {
    createCounter: (name: string) => ({
      add: (value: number, tags: Record<string, unknown> = {}) => added.push({ name, value, tags }),
    }),
  } as unknown as MetricMeter;
  return { meter, added };
}

const mail = { key: 'k-1', to: 'syntetisk@example.no', subject: 's', text: 't', html: '<p>t</p>' };

describe('the worker’s metrics', () => {
  it('count each notice by what SMTP said, and pass its answer and errors on unchanged', async () => {
    const { meter, added } = fakeMeter();
    const metrics = new NoticeMetrics(meter);
    const sent = { messageId: '<m@x>', accepted: [] };
    let answer: () => Promise<unknown> = async () => sent;
    const transport = metrics.around({ send: () => answer() } as never);
    await expect(transport.send(mail as never)).resolves.toBe(sent);
    const permanent = new SmtpDeliveryError('refused', true, 550, null);
    answer = async () => Promise.reject(permanent);
    await expect(transport.send(mail as never)).rejects.toBe(permanent);
    answer = async () => Promise.reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
    await expect(transport.send(mail as never)).rejects.toThrow('timeout');
    expect(added).toEqual([
      { name: WORKER_METRICS.notices, value: 1, tags: { outcome: 'sent' } },
      { name: WORKER_METRICS.notices, value: 1, tags: { outcome: 'failed_permanent' } },
      { name: WORKER_METRICS.notices, value: 1, tags: { outcome: 'failed_transient' } },
    ]);
    // The address is never a label.
    expect(JSON.stringify(added)).not.toContain('example.no');
  });

  it('export through Prometheus on the configured address, or not at all', () => {
    expect(metricsTelemetry({ host: '0.0.0.0', workerPort: 9465 })).toMatchObject({
      prometheus: { bindAddress: '0.0.0.0:9465' },
    });
    expect(metricsTelemetry({ host: '::1', workerPort: 9465 })).toMatchObject({
      prometheus: { bindAddress: '[::1]:9465' },
    });
    expect(metricsTelemetry({ host: '127.0.0.1', workerPort: null })).toBeUndefined();
  });
});
