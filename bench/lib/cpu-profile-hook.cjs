// A CPU profile of a process started with `NODE_OPTIONS=--require <this file>` (Node refuses --cpu-prof
// in NODE_OPTIONS): the inspector's profiler from start to exit, written as
// $BENCH_CPU_PROF_DIR/<pid>.cpuprofile (default the working directory). Summarise it with
// bench/cpuprofile-summary.mjs. E.g. BENCH_API_NODE_OPTIONS="--require ./bench/lib/cpu-profile-hook.cjs".
'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_CPU_PROF_DIR || process.cwd();
const session = new inspector.Session();
session.connect();
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.enable');
session.post('Profiler.start');
let written = false;
function write() {
  if (written) return;
  written = true;
  // A session on the main thread answers synchronously, so this also works in 'exit'.
  session.post('Profiler.stop', (err, result) => {
    if (err) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
}
process.on('exit', write);
// Nest re-raises SIGTERM once it has shut down (no 'exit' then): written at the signal, and the listener
// gone again at once so that it does not keep the process alive.
process.once('SIGTERM', write);
// SIGUSR2: write the profile now, without stopping the process.
process.on('SIGUSR2', write);
