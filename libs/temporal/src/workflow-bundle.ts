// Temporal's webpack bundler ignores tsconfig paths: map our workspace packages to their TypeScript
// sources so workflow code always bundles from source, in tests and in the production prebuild.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, found from this file whether it runs from src (ts-jest) or dist. */
export function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Workspace root (nx.json) not found');
    dir = parent;
  }
  return dir;
}

export function workflowsSourcePath(): string {
  return path.join(workspaceRoot(), 'libs', 'workflows', 'src', 'workflows.ts');
}

/** Where `npm run build` writes the prebuilt bundle the worker loads in production. */
export function prebuiltWorkflowBundlePath(): string {
  return path.join(workspaceRoot(), 'apps', 'worker', 'dist', 'workflow-bundle.js');
}

interface WebpackLikeConfig {
  resolve?: { alias?: Record<string, string | false | string[]> | unknown[] } & Record<string, unknown>;
}

export function webpackConfigHook<T>(config: T): T {
  const c = config as WebpackLikeConfig;
  const root = workspaceRoot();
  const resolve = (c.resolve ??= {});
  const alias = (resolve.alias && !Array.isArray(resolve.alias) ? resolve.alias : {}) as Record<
    string,
    string
  >;
  alias['@tiltak/domain$'] = path.join(root, 'libs', 'domain', 'src', 'index.ts');
  resolve.alias = alias;
  return config;
}

/**
 * Modules every workflow instance shares instead of loading its own copy: libs/domain (and zod through
 * it), pure rules with no per-workflow state. The SDK's reusable V8 context loads them once per workflow
 * thread and deep-freezes their exports; without this, each new or replayed instance ran all their
 * module factories again: ~890 KiB of heap and ~23 ms of CPU per instance, against ~42 KiB and ~2 ms
 * shared (bench/workflow-instance-cost.mjs, 2026-12-01).
 * What may be shared: a module with no mutable state of its own (what one workflow changed, the next
 * would see), that neither imports @temporalio/workflow nor reads the clock or randomness while it
 * loads, and that exports nothing a caller completes or changes later: zod finishes a schema on its
 * first use, so libs/domain's schemas are reached through caseEventSchemas(), not exported.
 * The workflow integration and replay tests bundle with these options too, so they run it as shipped.
 */
export const WORKFLOW_PRELOAD_MODULES: readonly string[] = ['@tiltak/domain'];

/** The bundler options of every workflow bundle: the prebuilt one, the tests' and the replayer's. */
export function workflowBundlerOptions(): {
  webpackConfigHook: typeof webpackConfigHook;
  preloadModules: string[];
} {
  return { webpackConfigHook, preloadModules: [...WORKFLOW_PRELOAD_MODULES] };
}
