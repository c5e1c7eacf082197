// The bench's own worker: only the trivial workflow (noop-workflow.js), on its own task queue, with the
// data converter the project's worker uses (the same codec), so only the workflow's work differs.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { NativeConnection, Worker } = require('@temporalio/worker');
const { loadConfig } = require('@tiltak/config');
const { workerDataConverter } = require('@tiltak/temporal');

const config = loadConfig(process.env, { mail: false, auth: false });
const connection = await NativeConnection.connect({ address: config.temporal.address });
const worker = await Worker.create({
  connection,
  namespace: config.temporal.namespace,
  taskQueue: config.temporal.taskQueue,
  workflowsPath: path.join(path.dirname(fileURLToPath(import.meta.url)), 'noop-workflow.js'),
  dataConverter: workerDataConverter(config.codec),
  // Local only (the noopLocal Update's): no activity task poller beside the floor's workflow pollers.
  activities: { benchNoopActivity: async () => undefined },
  enableNonLocalActivities: false,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => worker.shutdown());
console.log('noop worker started');
await worker.run();
await connection.close();
