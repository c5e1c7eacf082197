// A CPU profile of a process started with `NODE_OPTIONS=--require <this file>` (Node refuses --cpu-prof
// in NODE_OPTIONS): the inspector's profiler from start to exit, written as
// $BENCH_CPU_PROF_DIR/<pid>.cpuprofile (default the working directory). Summarise it with
// bench/cpuprofile-summary.mjs. E.g. BENCH_API_NODE_OPTIONS="--require ./bench/lib/cpu-profile-hook.cjs".
//
// Worker threads run the preload too (the Temporal worker's workflow threads): each profiles itself and
// writes $BENCH_CPU_PROF_DIR/<pid>-t<threadId>.cpuprofile at its own exit, or when the main thread writes
// its profile (SIGTERM, SIGUSR2, exit), told over a BroadcastChannel. What no profile sees is CPU outside
// V8's threads: the Temporal SDK's Rust core (gRPC, protobuf, its own threads), libuv's pool (crypto,
// DNS), the GC's helper threads. Compare the profiles' busy time with the process's CPU from /proc.
'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');
const { isMainThread, threadId, BroadcastChannel } = require('node:worker_threads');

const dir = process.env.BENCH_CPU_PROF_DIR || process.cwd();
const file = path.join(
  dir,
  isMainThread ? `${process.pid}.cpuprofile` : `${process.pid}-t${threadId}.cpuprofile`,
);
const session = new inspector.Session();
session.connect();
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.enable');
session.post('Profiler.start');
const channel = new BroadcastChannel('bench-cpu-profile-hook');
channel.unref();
let written = false;
function write() {
  if (written) return;
  written = true;
  if (isMainThread) channel.postMessage('write');
  // A session on the thread it profiles answers synchronously, so this also works in 'exit'.
  session.post('Profiler.stop', (err, result) => {
    if (err) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(result.profile));
  });
}
process.on('exit', write);
if (isMainThread) {
  // Nest re-raises SIGTERM once it has shut down (no 'exit' then): written at the signal, and the
  // listener gone again at once so that it does not keep the process alive.
  process.once('SIGTERM', write);
  // SIGUSR2: write the profile now, without stopping the process.
  process.on('SIGUSR2', write);
} else {
  channel.onmessage = () => write();
}
