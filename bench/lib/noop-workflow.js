// The trivial workflow the bench sets every figure against: an Update that does nothing but answer,
// on a workflow that does nothing but wait. What the Temporal server and SDK cost on their own.
const { condition, defineSignal, defineUpdate, setHandler, sleep } = require('@temporalio/workflow');

const noopUpdate = defineUpdate('noop');
const finishSignal = defineSignal('finish');

async function benchNoopWorkflow() {
  let finished = false;
  setHandler(noopUpdate, () => ({ ok: true }));
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
