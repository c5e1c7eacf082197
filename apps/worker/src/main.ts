// Worker process: runs case and notification workflows and their activities until SIGINT/SIGTERM,
// then drains (in-flight activities finish) and closes its connections once.
import { Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { ConfigError, loadConfig } from '@tiltak/config';
import { assertLeastPrivilege, createDataSource } from '@tiltak/persistence';
import { MailSender } from '@tiltak/notifications';
import { createWorkerActivities } from './worker-activities';
import { createCaseWorker } from './case-worker';
import {
  ensureAbsenceDetectionSchedule,
  ensureDigestSchedule,
  ensureNotificationSweepSchedule,
} from './digest-schedule';
import { jsonLogger } from './json-logger';
import { NoticeMetrics, metricsTelemetry } from './worker-metrics';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { mail: true, auth: false });
  const logger = jsonLogger('worker', config.logLevel);
  const metrics = metricsTelemetry(config.metrics);
  try {
    Runtime.install({
      logger,
      telemetryOptions: {
        logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
        ...(metrics ? { metrics } : {}),
      },
    });
  } catch (err) {
    if (!metrics) throw err;
    // The exporter's port is the one thing here an operator chose and may have chosen taken.
    throw new Error(
      `WORKER_METRICS_PORT ${config.metrics.workerPort} on ${config.metrics.host} cannot be used (${String(err)}): choose another, or 0 to turn metrics off`,
    );
  }
  const noticeMetrics = new NoticeMetrics(Runtime.instance().metricMeter);
  const dataSource = createDataSource(config.databaseUrl);
  await dataSource.initialize();
  await assertLeastPrivilege(dataSource);
  const mailSender = new MailSender(config.mail);
  const activities = createWorkerActivities({
    dataSource,
    mailSender,
    config,
    logger,
    noticeMetrics,
  });
  const { worker, connection } = await createCaseWorker({ config, activities, preferPrebuiltBundle: true });

  logger.info('Schedules', {
    weeklyDigest: await ensureDigestSchedule(config),
    notificationSweep: await ensureNotificationSweepSchedule(config),
    absenceDetection: await ensureAbsenceDetectionSchedule(config),
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('Shutting down: draining in-flight work', { signal });
    worker.shutdown();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  logger.info('Worker started', {
    taskQueue: config.temporal.taskQueue,
    namespace: config.temporal.namespace,
    metrics: metrics ? `http://${config.metrics.host}:${config.metrics.workerPort}/metrics` : 'off',
  });
  try {
    await worker.run();
  } finally {
    await connection.close();
    await dataSource.destroy();
    mailSender.close();
    logger.info('Worker stopped');
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  process.stderr.write(
    `${JSON.stringify({ level: 'error', msg: 'Worker failed', error: String(err), stack: err instanceof Error ? err.stack : undefined })}\n`,
  );
  process.exit(1);
});
