// Builds the worker that runs case and notification workflows. Used by main.ts and by the integration
// tests, so tests exercise the same wiring production runs.
import { existsSync } from 'node:fs';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { AppConfig } from '@tiltak/config';
import {
  connectionOptions,
  prebuiltWorkflowBundlePath,
  workerDataConverter,
  workflowBundlerOptions,
  workflowsSourcePath,
} from '@tiltak/temporal';
import type {
  AbsenceActivities,
  CaseActivities,
  NotificationActivities,
  ProposalNoticeActivities,
} from '@tiltak/workflows';

export interface CaseWorkerOptions {
  config: Pick<AppConfig, 'temporal' | 'codec'> & Partial<Pick<AppConfig, 'worker'>>;
  activities: CaseActivities &
    NotificationActivities &
    Partial<AbsenceActivities> &
    Partial<ProposalNoticeActivities>;
  /** Use the prebuilt bundle when present (production); tests bundle from source. */
  preferPrebuiltBundle?: boolean;
  connection?: NativeConnection;
  identity?: string;
}

export async function createCaseWorker(
  options: CaseWorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection; ownsConnection: boolean }> {
  const { config } = options;
  const ownsConnection = !options.connection;
  const connection =
    options.connection ?? (await NativeConnection.connect(connectionOptions(config.temporal)));
  const dataConverter = workerDataConverter(config.codec);
  const bundlePath = prebuiltWorkflowBundlePath();
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> =
    options.preferPrebuiltBundle && existsSync(bundlePath)
      ? { workflowBundle: { codePath: bundlePath } }
      : { workflowsPath: workflowsSourcePath(), bundlerOptions: workflowBundlerOptions() };
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: options.activities,
    dataConverter,
    ...workflowSource,
    ...(options.identity ? { identity: options.identity } : {}),
    // Memory against replay: an evicted case is replayed from its history on its next task.
    ...(config.worker
      ? {
          maxCachedWorkflows: config.worker.maxCachedWorkflows,
          maxConcurrentWorkflowTaskExecutions: config.worker.maxConcurrentWorkflowTasks,
          maxConcurrentActivityTaskExecutions: config.worker.maxConcurrentActivities,
          workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: config.worker.workflowTaskPollers },
          nonStickyToStickyPollRatio: config.worker.nonStickyPollRatio,
        }
      : {}),
    // Let in-flight activities finish on shutdown before Temporal hands them to another worker.
    shutdownGraceTime: '10 seconds',
  });
  return { worker, connection, ownsConnection };
}
