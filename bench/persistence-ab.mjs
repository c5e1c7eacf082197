// The client CPU of the worker's hot writes, this build's libs/persistence against another build's
// (`--base <root>`, laid out as for bench/api-ab.mjs), in one process on one database, in turns that
// alternate which goes first: CaseEventStore.append of a note (what the case worker's local activity
// runs per recorded event) and the outbox statements of one notice (insertOnce, keysForRequest, get,
// claim, markSent: what planning and sending it run). Per build and
// round: this process's CPU (user + system) per operation at 8 concurrent. The statements are the same,
// so PostgreSQL's share is not in these figures. Prints each round, the medians and new/base ratios.
// `node bench/persistence-ab.mjs --base /tmp/worker-base [--rounds 5] [--count 800]`
import { createRequire } from 'node:module';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { addStudents, log, openingFor, root, startStack } from './lib/stack.mjs';
import { baseBuildRoot, cliValue, fixedCount, median } from './lib/measure.mjs';

const require = createRequire(import.meta.url);
const value = (name, fallback) => cliValue(name, fallback);
const base = baseBuildRoot();
const rounds = Number(value('--rounds', '5'));
const count = Number(value('--count', '800'));

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const stack = await startStack({ server: 'dev', name: 'persistence-ab', noop: false });
try {
  const builds = {
    new: require(path.join(root, 'libs', 'persistence')),
    base: require(path.join(path.resolve(base), 'libs', 'persistence')),
  };
  const { openCase, caseOpenedEvent, defaultLadderPolicy } = require('@tiltak/domain');
  const policy = defaultLadderPolicy();
  const stores = {};
  for (const [which, lib] of Object.entries(builds)) {
    const dataSource = lib.createDataSource(stack.env.DATABASE_URL, { poolSize: 8, applicationName: which });
    await dataSource.initialize();
    stack.onStop(() => dataSource.destroy());
    stores[which] = {
      events: new lib.CaseEventStore(dataSource),
      outbox: new lib.NotificationOutboxStore(dataSource, (key) => `<${key}@bench>`),
      calendars: new lib.DirectoryRepository(dataSource),
    };
  }
  // 8 cases per build, one per concurrent writer, each with its state and event count.
  const students = await addStudents(stack, 16);
  const cases = {};
  for (const [i, which] of ['new', 'base'].entries()) {
    cases[which] = [];
    for (const student of students.slice(i * 8, i * 8 + 8)) {
      const calendars = await stores[which].calendars.getCalendars(student.teacher.schoolId);
      const { openedBy, ...open } = openingFor(student);
      const state = openCase(open, policy, calendars);
      const opened = caseOpenedEvent(open, openedBy);
      await stores[which].events.append({
        state,
        events: [{ ...opened, caseId: open.caseId, step: state.step, recordedAt: new Date().toISOString() }],
      });
      cases[which].push({ state, staffId: student.teacher.id });
    }
  }
  const note = (which) => async (c) => {
    const kase = cases[which][c % 8];
    const at = new Date().toISOString();
    kase.state = { ...kase.state, eventCount: kase.state.eventCount + 1, lastEventAt: at };
    await stores[which].events.append({
      state: kase.state,
      events: [
        {
          type: 'note-added',
          eventId: randomUUID(),
          actor: { staffId: kase.staffId, role: 'contact-teacher' },
          occurredAt: at,
          payload: { text: 'Ringte foresatte (syntetisk).' },
          caseId: kase.state.caseId,
          step: kase.state.step,
          recordedAt: at,
        },
      ],
    });
    return true;
  };
  // One notice's outbox statements on a row of its own: planned (not measured), then get, claim, markSent.
  const notice = (which) => async (c) => {
    const { outbox } = stores[which];
    const kase = cases[which][c % 8];
    const requestKey = `bench:${randomUUID()}`;
    const [key] = await outbox.insertOnce(
      requestKey,
      [
        {
          key: `${requestKey}:${kase.staffId}`,
          requestKey,
          caseId: kase.state.caseId,
          schoolId: kase.state.schoolId,
          kind: 'case-opened',
          recipientStaffId: kase.staffId,
          recipientEmail: 'bench@example.test',
          recipientRole: 'contact-teacher',
          payload: { type: 'case-notice', step: 1 },
        },
      ],
      new Date(),
    );
    await outbox.keysForRequest(requestKey);
    await outbox.get(key);
    const now = new Date();
    await outbox.claim(key, now, new Date(now.getTime() - 120_000));
    await outbox.markSent(key, new Date());
    return true;
  };
  for (const which of ['new', 'base']) {
    await fixedCount({ concurrency: 8, count: 200, op: note(which) });
    await fixedCount({ concurrency: 8, count: 50, op: notice(which) });
  }
  const results = { new: [], base: [] };
  for (let round = 0; round < rounds; round++) {
    for (const which of round % 2 === 0 ? ['new', 'base'] : ['base', 'new']) {
      const before = cpuMs();
      const f = await fixedCount({ concurrency: 8, count, op: note(which) });
      const appendMs = (cpuMs() - before) / count;
      const noticeBefore = cpuMs();
      const n = await fixedCount({ concurrency: 8, count: count / 4, op: notice(which) });
      const noticeMs = (cpuMs() - noticeBefore) / (count / 4);
      results[which].push({ appendMs, noticeMs, errors: f.errors + n.errors });
      log(
        `round ${round + 1} ${which}: CPU per append ${appendMs.toFixed(3)} ms, per notice's outbox statements ${noticeMs.toFixed(3)} ms, errors ${f.errors + n.errors}`,
      );
    }
  }
  const summary = {};
  for (const k of ['appendMs', 'noticeMs']) {
    const n = median(results.new.map((r) => r[k]));
    const b = median(results.base.map((r) => r[k]));
    summary[k] = { new: Number(n.toFixed(3)), base: Number(b.toFixed(3)), ratio: Number((n / b).toFixed(2)) };
  }
  console.log(JSON.stringify({ rounds, count, summary, results }, null, 2));
} finally {
  await stack.stop();
}
