// The API's /metrics on a port of its own (API_METRICS_PORT), never the public one: request counts and
// case counts are for operations, not for whoever reaches the app.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiMetrics } from './api-metrics';

export interface MetricsServer {
  server: Server;
  /** The port it listens on (useful with port 0 in tests). */
  port: number;
  close(): Promise<void>;
}

export async function listenMetrics(metrics: ApiMetrics, host: string, port: number): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: the metrics are at /metrics\n');
      return;
    }
    metrics.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `API_METRICS_PORT ${port} on ${host} cannot be used (${err.code ?? err.message}): choose another, or 0 to turn metrics off`,
        ),
      ),
    );
    server.listen(port, host, () => resolve());
  });
  // Never what keeps the process alive: it ends with the app (Nest's shutdown hooks).
  server.unref();
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
