// P1 open: opening a case through the API (POST /cases, answered with the first state), the same
// workflow start straight through the Temporal client, and update-with-start of a trivial workflow, on
// the same server, at 1, 8 and 32 concurrent clients; each case opened once, for a student of its own.
// `node bench/p1-open.mjs [--quick] [--server dev|postgres]`
import {
  addStudents,
  cpuPerRequest,
  log,
  noopOpen,
  notificationsSettled,
  openDirect,
  openViaApi,
  sleep,
  stackCpu,
  startStack,
  wholeStackCpu,
} from './lib/stack.mjs';
import {
  errorNotes,
  figureLine,
  fixedCount,
  round,
  row,
  runSuiteCommand,
  threeWayRows,
} from './lib/measure.mjs';

const CONCURRENCIES = [1, 8, 32];

export async function runP1Open({ server, quick }) {
  // Opens per figure: enough for a p99 at 32 without making the run long.
  const countFor = (c) => (quick ? { 1: 6, 8: 16, 32: 32 } : { 1: 6, 8: 16, 32: 32 })[c];
  const stack = await startStack({ server, name: 'p1-open' });
  try {
    const total = CONCURRENCIES.reduce((n, c) => n + 2 * countFor(c) + 2, 0);
    const students = await addStudents(stack, total);
    let next = 0;
    const take = () => students[next++];
    // Warm-up: one of each; the API's opening is also the one whose tasks are counted below.
    const counted = await openViaApi(stack, take());
    await openDirect(stack, take());
    await noopOpen(stack);

    const figures = {};
    // CPU milliseconds per open at 8, by process: the window runs on until the opening's notice (a
    // workflow of its own, its e-mail and its entry) is done too, as every opening costs that.
    const cpu = {};
    for (const concurrency of CONCURRENCIES) {
      const count = countFor(concurrency);
      const ways = {
        noop: () => noopOpen(stack).then(() => true),
        direct: () => openDirect(stack, take()).then(() => true),
        api: () => openViaApi(stack, take()).then(() => true),
      };
      for (const [way, op] of Object.entries(ways)) {
        log(`${server}: open ${way} ×${count} at ${concurrency}`);
        const cpuBefore = stackCpu(stack);
        const f = await fixedCount({ concurrency, count, op });
        figures[`${way}@${concurrency}`] = f;
        if (concurrency === 8) {
          if (way !== 'noop') await notificationsSettled(stack);
          const cpuAfter = stackCpu(stack);
          cpu[way] = cpuPerRequest(cpuBefore, cpuAfter, count);
        }
        log(figureLine(f));
      }
    }
    const rows = threeWayRows({
      concurrencies: CONCURRENCIES,
      figures,
      names: {
        api: 'open via API',
        direct: 'open direct (Temporal client)',
        noop: 'no-op update-with-start',
      },
      unit: 'cases/s',
      noopUnit: 'starts/s',
      target: ({ way, stat, concurrency, value }) => {
        if (way !== 'api') return null;
        if (stat === 'throughput' && concurrency === 8) return { target: '>= 30 cases/s', met: value >= 30 };
        if (stat === 'p50' && concurrency === 1) return { target: '< 150 ms', met: value < 150 };
        return null;
      },
    });
    // What one opening costs in tasks, from the histories of the case and of its notice: the same
    // on any machine at any load, so the figure to compare between builds.
    const tasks = await openingTasks(stack, counted.caseId);
    rows.push(
      row({
        figure: 'workflow tasks per opening (the case’s and its notice’s)',
        detail: `case ${tasks.caseTasks}, notice ${tasks.noticeTasks}; activity tasks ${tasks.activities}, local activities ${tasks.local}`,
        value: tasks.caseTasks + tasks.noticeTasks,
        unit: 'tasks',
        baseline: 'no-op update-with-start',
        baselineValue: 1,
      }),
    );
    const cpuSum = (w) => wholeStackCpu(cpu[w]);
    if (cpu.api && cpu.noop) {
      const byProcess = ['temporal', 'worker', 'api', 'postgres']
        .map((k) => `${k} ${round(cpu.api[k])}`)
        .join(', ');
      rows.push(
        row({
          figure:
            'CPU per open via API at 8, whole stack (Temporal + worker + API + PostgreSQL, the notice included)',
          detail: `ms by process: ${byProcess}`,
          value: cpuSum('api'),
          unit: 'ms CPU',
          baseline: 'no-op update-with-start, whole stack',
          baselineValue: cpuSum('noop'),
        }),
        row({
          figure: 'CPU per direct open at 8, whole stack (the notice included)',
          value: cpuSum('direct'),
          unit: 'ms CPU',
          baseline: 'no-op update-with-start, whole stack',
          baselineValue: cpuSum('noop'),
        }),
      );
    }
    const { openedUpdate } = (await import('node:module')).createRequire(import.meta.url)(
      '@tiltak/workflows',
    );
    const notes = [
      `each figure opens a fixed number of cases (${CONCURRENCIES.map((c) => `${countFor(c)} at ${c}`).join(', ')}), each for a new student`,
      openedUpdate
        ? 'direct: update-with-start of the case workflow with its `opened` Update, as the API opens'
        : 'direct: workflow start, then the state query until it answers (the workflow has no `opened` Update in this build)',
      'no-op: update-with-start of a workflow whose Update answers at once',
      // ADR 0012: the opening's notice starts in the task after the answer, about a second later.
      "throughput counts the openings answered: each opening's notice starts about a second after its answer, mostly after a burst this short, so sustained opening is bounded by the CPU per open (the notice included), not by this figure",
    ];
    notes.push(...errorNotes(figures));
    return { rows, notes, raw: figures };
  } finally {
    await stack.stop();
  }
}

/** Workflow tasks, activity tasks and local activities in the histories of a case and its opening's notice. */
async function openingTasks(stack, caseId) {
  const { caseWorkflowId, notificationWorkflowId } = (await import('node:module')).createRequire(
    import.meta.url,
  )('@tiltak/workflows');
  const count = async (workflowId) => {
    const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
    const events = history.events ?? [];
    return {
      tasks: events.filter((e) => e.workflowTaskScheduledEventAttributes).length,
      activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
      local: events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')
        .length,
    };
  };
  await notificationsSettled(stack);
  const kase = await count(caseWorkflowId(caseId));
  const notice = await count(notificationWorkflowId(`${caseId}:case-opened`));
  return {
    caseTasks: kase.tasks,
    noticeTasks: notice.tasks,
    activities: kase.activities + notice.activities,
    local: kase.local + notice.local,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runSuiteCommand({ suite: 'p1-open', label: 'P1 open', run: runP1Open });
}
