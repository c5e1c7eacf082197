// The trivial workflow the bench sets every figure against: an Update that does nothing but answer,
// on a workflow that does nothing but wait. What the Temporal server and SDK cost on their own.
const { condition, defineSignal, defineUpdate, setHandler } = require('@temporalio/workflow');

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

module.exports = { benchNoopWorkflow };
