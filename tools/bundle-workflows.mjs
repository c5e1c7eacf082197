// Prebuilds the Temporal workflow bundle for production, so workers start without webpack and every
// worker runs byte-identical workflow code. Run after `tsc -b` (it uses the compiled libs/temporal).
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const temporal = require('@tiltak/temporal');

const { code } = await bundleWorkflowCode({
  workflowsPath: temporal.workflowsSourcePath(),
  failureConverterPath: temporal.failureConverterPath(),
  ...temporal.workflowBundlerOptions(),
  logger: {
    log() {},
    trace() {},
    debug() {},
    info() {},
    warn: (m) => console.warn(m),
    error: (m) => console.error(m),
  },
});
const out = temporal.prebuiltWorkflowBundlePath();
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, code);
console.log(
  `Workflow bundle written to ${path.relative(process.cwd(), out)} (${Math.round(code.length / 1024)} KiB)`,
);
