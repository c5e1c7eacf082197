// The local OIDC provider (tools/oidc-provider.mjs) as its own process, as `npm start` runs it, for
// the end-to-end and browser tests. Its accounts are the demo staff from the TypeScript source.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { demoSignInAccounts, type DemoSignInAccount } from '../../../apps/api/src/demo/demo-accounts';

const ROOT = path.join(__dirname, '..', '..', '..');

export interface OidcProviderProcess {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

export interface OidcProviderOptions {
  /** The app's origin; the provider accepts `${appBaseUrl}/api/auth/callback` as redirect. */
  appBaseUrl: string;
  clientSecret: string;
  clientId?: string;
  /** 0 (default): a free port. */
  port?: number;
  accounts?: DemoSignInAccount[];
}

export async function startOidcProviderProcess(options: OidcProviderOptions): Promise<OidcProviderProcess> {
  const clientId = options.clientId ?? 'tiltakstrappa-test';
  const child = spawn(process.execPath, [path.join(ROOT, 'tools', 'oidc-provider.mjs')], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      OIDC_PROVIDER_PORT: String(options.port ?? 0),
      AUTH_OIDC_CLIENT_ID: clientId,
      AUTH_OIDC_CLIENT_SECRET: options.clientSecret,
      PUBLIC_BASE_URL: options.appBaseUrl,
      OIDC_PROVIDER_ACCOUNTS: JSON.stringify(options.accounts ?? demoSignInAccounts()),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const issuer = await readyLine(child, () => stderr);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    issuer,
    clientId,
    clientSecret: options.clientSecret,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function readyLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The local OIDC provider did not start in 30 s: ${stderr()}`));
    }, 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const ready = JSON.parse(line) as { issuer?: string; error?: string };
      if (ready.issuer) resolve(ready.issuer);
      else reject(new Error(`The local OIDC provider failed: ${ready.error ?? line}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The local OIDC provider exited (${code}): ${stderr()}`));
    });
  });
}
