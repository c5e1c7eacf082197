import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@tiltak/config';
import { createApp } from './create-app';
import { ApiMetrics } from './metrics/api-metrics';
import { listenMetrics } from './metrics/metrics-server';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { mail: false, auth: true });
  const app = await createApp(config);
  await app.listen(config.api.port, config.api.host);
  const { host, apiPort } = config.metrics;
  const metrics = apiPort === null ? null : await listenMetrics(app.get(ApiMetrics), host, apiPort);
  new Logger('api').log({
    msg: 'API started',
    url: config.api.publicBaseUrl,
    docs: `${config.api.publicBaseUrl}/docs`,
    metrics: metrics ? `http://${host}:${metrics.port}/metrics` : 'off',
  });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  process.stderr.write(
    `${JSON.stringify({ level: 'error', msg: 'API failed to start', error: String(err) })}\n`,
  );
  process.exit(1);
});
