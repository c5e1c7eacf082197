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
