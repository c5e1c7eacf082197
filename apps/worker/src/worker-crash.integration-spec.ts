// The worker process dies hard (SIGKILL) in the middle of a case; a fresh worker process takes over and
// the case goes on: every deadline still fires, once, and nothing recorded before the crash is doubled.
// This runs the real worker build (apps/worker/dist/main.js with the prebuilt workflow bundle), as
// production does, against the real Temporal dev server, PostgreSQL and an SMTP server.
//
// The kill lands at a quiet point (the note is recorded, the opening notice is delivered and its child
// workflow has completed, no activity is in flight), before the reminder and the deadline. Killing
// during an activity would also recover, but only after that activity's start-to-close timeout (30 s
// for case activities, 1 min for a delivery), which is too slow for this suite.
import { type Deadline, type DeadlineKind } from '@tiltak/domain';
import { buildCaseEvent, shortTestPolicy } from '@tiltak/domain/testing';
import { getStateQuery } from '@tiltak/workflows';
import { startCaseTestEnv, type CaseTestEnv } from './testing/case-test-env';
import { noticeWorkflowIds, waitForCompleted } from './testing/workflow-histories';
import { removeSchedulesOfThisQueue, spawnWorkerProcess, type WorkerProcess } from './testing/worker-process';
import { reminderSent } from './testing/late-timers';

jest.setTimeout(90_000);

const children: WorkerProcess[] = [];
let t: CaseTestEnv;

/** The built worker process (it checks the build is there), tracked so none outlives the suite. */
async function spawnWorker(): Promise<WorkerProcess> {
  const worker = await spawnWorkerProcess(t);
  children.push(worker);
  return worker;
}

/** The Temporal identity the SDK gives a worker process: `<pid>@<host>`. */
const pidOf = (worker: WorkerProcess) => worker.child.pid ?? -1;

beforeAll(async () => {
  t = await startCaseTestEnv({ startWorker: false });
});

afterAll(async () => {
  // No orphans, whatever happened above.
  await Promise.all(children.map((worker) => worker.kill()));
  if (t) await removeSchedulesOfThisQueue(t);
  await t?.close();
});

const KIND: DeadlineKind = 'step1-contact';
const DEADLINE_EVENTS = ['reminder-due', 'deadline-missed', 'escalated'];
const NOTE = 'Ringte foresatte, avtalt ny samtale (syntetisk).';

describe('a worker killed with SIGKILL in the middle of a case', () => {
  it('is replaced by a new worker that finishes the case: no deadline lost, no event doubled', async () => {
    const first = await spawnWorker();
    // Step 1 due in 8 s, reminder at 6 s, escalation at 11 s.
    const policy = shortTestPolicy(300, {
      dueSeconds: { [KIND]: 8 },
      remindBeforeSeconds: 2,
      escalateAfterSeconds: 3,
    });
    const handle = await t.openCase(policy);
    const caseId = handle.workflowId.replace(/^case-/, '');
    const teacher = t.staff['contact-teacher'].email;
    const leadership = t.staff['school-leadership'].email;

    const noted = await t.record(handle, buildCaseEvent('note-added', { payload: { text: NOTE } }));
    const deadline = noted.state.deadlines.find((d) => d.kind === KIND);
    expect(deadline?.status).toBe('open');
    // Quiet point: the opening notice is delivered and its child workflow is done.
    await t.waitFor(async () => t.smtp.messagesTo(teacher).length >= 1, 'the case-opened notice');
    await waitForCompleted(t.client, await noticeWorkflowIds(t.client, caseId, { atLeast: 1 }));

    const before = await t.timeline(caseId);
    expect(before.filter((e) => DEADLINE_EVENTS.includes(e.type))).toEqual([]);
    const dueAt = Date.parse(deadline?.dueAt ?? '');
    expect(Date.now()).toBeLessThan(dueAt - 3000); // still well before the reminder

    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');
    const killedAt = Date.now();
    const second = await spawnWorker();

    const escalated = await t.waitFor(
      async () => (await t.timeline(caseId)).some((e) => e.type === 'escalated'),
      'the escalation, handled by the new worker',
      45_000,
    );
    expect(escalated).toBe(true);
    // The opening's notice and one per deadline event: missed, escalation, and the reminder unless it
    // fired after its deadline (while no worker ran) and was recorded as skipped.
    const kids = await noticeWorkflowIds(t.client, caseId, {
      atLeast: 3 + (reminderSent(await t.timeline(caseId), KIND) ? 1 : 0),
    });
    await waitForCompleted(t.client, kids, 30_000);
    // Give any duplicate (event or mail) a chance to show up before asserting "once".
    await new Promise((r) => setTimeout(r, 1500));

    // The audit trail: everything once, ids unique, the deadline events after the crash.
    const trail = await t.timeline(caseId);
    const count = (type: string) => trail.filter((e) => e.type === type).length;
    expect(new Set(trail.map((e) => e.eventId)).size).toBe(trail.length);
    expect(count('case-opened')).toBe(1);
    expect(
      trail.filter((e) => e.type === 'note-added').map((e) => (e.payload as { text: string }).text),
    ).toEqual([NOTE]);
    const deadlineEvents = trail.filter((e) => DEADLINE_EVENTS.includes(e.type));
    expect(deadlineEvents.map((e) => e.type)).toEqual(DEADLINE_EVENTS);
    for (const e of deadlineEvents) {
      expect((e.payload as { kind: DeadlineKind }).kind).toBe(KIND);
      expect(Date.parse(e.recordedAt)).toBeGreaterThanOrEqual(killedAt);
    }

    // The workflow's state and the read model both show the deadline escalated.
    const state = await handle.query(getStateQuery);
    expect(state.deadlines.find((d) => d.kind === KIND)?.status).toBe('escalated');
    expect(state.eventCount).toBe(noted.state.eventCount + 3);
    const [row] = await t.dataSource.query(
      'SELECT overdue, deadlines, event_count FROM cases WHERE case_id = $1',
      [caseId],
    );
    expect(row.overdue).toBe(true);
    expect((row.deadlines as Deadline[]).find((d) => d.kind === KIND)?.status).toBe('escalated');
    expect(row.event_count).toBe(state.eventCount);

    // Both worker processes ran this case: the first before the kill, the second after it.
    const identities = new Set(
      ((await handle.fetchHistory()).events ?? [])
        .map((e) => e.workflowTaskStartedEventAttributes?.identity)
        .filter((id): id is string => Boolean(id)),
    );
    expect([...identities].some((id) => id.startsWith(`${pidOf(first)}@`))).toBe(true);
    expect([...identities].some((id) => id.startsWith(`${pidOf(second)}@`))).toBe(true);

    // The notices: opened, reminder and missed to the contact teacher; missed and escalation to
    // leadership. One message per notice and recipient: a second copy would only be allowed (same
    // Message-ID) for a delivery the outbox records as sent again after an interrupted attempt. A new
    // worker that started after the deadline skips the reminder (the missed notice says it all).
    const reminders = reminderSent(trail, KIND) ? 1 : 0;
    const messageIds = (to: string) => t.smtp.messagesTo(to).map((m) => m.messageId);
    expect(new Set(messageIds(teacher)).size).toBe(2 + reminders);
    expect(new Set(messageIds(leadership)).size).toBe(2);
    expect(t.smtp.messages.every((m) => m.messageId)).toBe(true);
    const sent = trail.filter((e) => e.type === 'notification-sent');
    expect(sent).toHaveLength(4 + reminders);
    const resent = sent.filter(
      (e) => (e.payload as { afterInterruptedAttempt: boolean }).afterInterruptedAttempt,
    );
    expect(t.smtp.messages.length).toBe(4 + reminders + resent.length);
    // This test kills at a quiet point, so there is not even that one: every message exactly once.
    expect(resent).toEqual([]);
    expect(new Set(t.smtp.messages.map((m) => m.messageId)).size).toBe(t.smtp.messages.length);

    await handle.terminate('test done');
  });
});
