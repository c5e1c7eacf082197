// The trivial workflow the bench sets every figure against: an Update that does nothing but answer,
// on a workflow that does nothing but wait. What the Temporal server and SDK cost on their own.
const {
  condition,
  defineSignal,
  defineUpdate,
  proxyLocalActivities,
  setHandler,
  sleep,
} = require('@temporalio/workflow');

const noopUpdate = defineUpdate('noop');
// The same Update answered after one trivial local activity (bench/activation-cost.mjs): what one
// local activity and the activation that brings its result cost the worker.
const noopLocalUpdate = defineUpdate('noopLocal');
const { benchNoopActivity } = proxyLocalActivities({ startToCloseTimeout: '3 seconds' });
const finishSignal = defineSignal('finish');

async function benchNoopWorkflow() {
  let finished = false;
  setHandler(noopUpdate, () => ({ ok: true }));
  setHandler(noopLocalUpdate, async (event) => {
    await benchNoopActivity(event);
    return { ok: true };
  });
  setHandler(finishSignal, () => {
    finished = true;
  });
  await condition(() => finished);
}

/**
 * The timers' floor: a workflow that only sleeps until `dueAtMs` and answers how late its task ran
 * (workflow time is the moment the worker got the task after the timer fired), in ms.
 */
async function benchNoopTimerWorkflow(dueAtMs) {
  const wait = dueAtMs - Date.now();
  if (wait > 0) await sleep(wait);
  return Date.now() - dueAtMs;
}

module.exports = { benchNoopWorkflow, benchNoopTimerWorkflow };
