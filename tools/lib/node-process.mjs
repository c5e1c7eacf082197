// A built Node.js app (API, worker) as a child process for the harnesses (bench/, tools/chaos): its
// output to a log file and the last 20,000 characters kept, started when it prints its ready line
// (killed if it does not in time, so nothing is left starting behind the harness), stopped with
// SIGTERM, then SIGKILL after 15 s.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @param {{ name: string, main: string, args?: string[], cwd: string, env: NodeJS.ProcessEnv,
 *   readyLine?: string | null, readyWithinMs?: number, logFile: string | ((pid: number | undefined) => string), children?: Set<import('node:child_process').ChildProcess> }} options
 */
export async function spawnNode({
  name,
  main,
  args = [],
  cwd,
  env,
  readyLine = null,
  readyWithinMs = 90_000,
  logFile,
  children,
}) {
  const child = spawn(process.execPath, [main, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children?.add(child);
  let output = '';
  const log = createWriteStream(typeof logFile === 'function' ? logFile(child.pid) : logFile);
  const keep = (chunk) => {
    log.write(chunk);
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => log.end());
  const running = () => child.exitCode === null && child.signalCode === null;
  const proc = {
    name,
    child,
    exited,
    output: () => output,
    async kill() {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  if (!readyLine) return proc;
  const until = Date.now() + readyWithinMs;
  while (!output.includes(readyLine)) {
    if (!running()) throw new Error(`${name} exited early:\n${output}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start within ${readyWithinMs / 1000} s:\n${output}`);
    }
    await sleep(100);
  }
  return proc;
}

/** Waits until `url` answers 2xx; fails early when the process serving it exits. */
export async function waitForHttpReady(url, proc, withinMs = 90_000) {
  const until = Date.now() + withinMs;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited early:\n${proc.output()}`);
    const res = await fetch(url).catch(() => null);
    if (res?.ok) return;
    if (Date.now() > until)
      throw new Error(`${proc.name} was not ready within ${withinMs / 1000} s:\n${proc.output()}`);
    await sleep(300);
  }
}
