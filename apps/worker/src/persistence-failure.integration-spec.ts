// When PostgreSQL refuses to store a case's events, on the real services: the built worker process,
// the Temporal dev server, a real PostgreSQL (made to refuse with a real CHECK constraint and a
// trigger) and an SMTP server. Issue 12: a NUL froze a case for good, its deadlines stopped, and the
// worker logged the SQL parameters — the whole note — on every retry.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError, WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import { type CaseEvent, type DeadlineKind, type LadderPolicy } from '@tiltak/domain';
import { buildCaseEvent, shortTestPolicy } from '@tiltak/domain/testing';
import { CaseEventStore, DirectoryRepository } from '@tiltak/persistence';
import { getStateQuery, recordEventUpdate, type RecordedEvent } from '@tiltak/workflows';
import { createCaseActivities } from './case-activities';
import { startCaseTestEnv, type CaseTestEnv } from './testing/case-test-env';
import { removeSchedulesOfThisQueue, spawnWorkerProcess, type WorkerProcess } from './testing/worker-process';

jest.setTimeout(240_000);

// Synthetic, distinctive, and never allowed in a log line.
const SECRET = `SYNTHETIC-SECRET-NOTE-${randomUUID().slice(0, 8)}`;
const KIND: DeadlineKind = 'step1-contact';
const DEADLINE_EVENTS = ['reminder-due', 'deadline-missed', 'escalated'];

let t: CaseTestEnv;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  t = await startCaseTestEnv({ startWorker: false });
  worker = await spawnWorkerProcess(t, 'debug');
});

afterAll(async () => {
  await worker?.kill();
  if (t) await removeSchedulesOfThisQueue(t);
  await t?.close();
});

const now = () => new Date().toISOString();
const calm = (): LadderPolicy =>
  shortTestPolicy(300, { remindBeforeSeconds: 100, escalateAfterSeconds: 100 });
const caseIdOf = (handle: WorkflowHandle) => handle.workflowId.replace(/^case-/, '');
const note = (text: string) => buildCaseEvent('note-added', { payload: { text } });

/** The promise's value, or a clear error when it has none within the time (the bug: it never ends). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** The Update's failure (it must fail, and within the time). */
async function updateFailure(handle: WorkflowHandle, event: CaseEvent, ms = 45_000): Promise<unknown> {
  const sent = t.asStaff(event);
  const update = handle.executeUpdate(recordEventUpdate, { args: [sent], updateId: sent.eventId }).then(
    () => new Error('the Update was accepted and recorded'),
    (err: unknown) => err,
  );
  return within(update, ms, 'the Update had no outcome').catch((err: unknown) => err);
}

/** The case's own events, without the notices' bookkeeping that arrives on its own schedule. */
async function caseTrail(caseId: string) {
  return (await t.timeline(caseId)).filter(
    (e) => !e.type.startsWith('notification-') && e.type !== 'recipient-gap',
  );
}

async function openedCase(policy: LadderPolicy): Promise<{ handle: WorkflowHandle; caseId: string }> {
  const handle = await t.openCase(policy);
  const caseId = caseIdOf(handle);
  // A quiet point: the opening notice is sent and in the trail.
  await t.waitFor(
    async () => (await t.timeline(caseId)).some((e) => e.type === 'notification-sent'),
    'the opening notice in the audit trail',
  );
  return { handle, caseId };
}

describe('a case whose events PostgreSQL refuses', () => {
  it('refuses a NUL in a note in the workflow validator, changing nothing, and goes on', async () => {
    const { handle, caseId } = await openedCase(calm());
    const before = await handle.query(getStateQuery);
    const trailBefore = await caseTrail(caseId);

    const error = await updateFailure(handle, note(`${SECRET} a \u0000 b`));
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause.type).toBe('INVALID_EVENT');
    expect(cause.message).toContain('payload.text: must not contain a NUL character (U+0000)');
    expect(await handle.query(getStateQuery)).toEqual(before);
    expect(await caseTrail(caseId)).toEqual(trailBefore);

    const next = await t.record(handle, note('Samtale med foresatte avtalt (syntetisk).'));
    expect(next.state.eventCount).toBe(before.eventCount + 1);
    expect((await caseTrail(caseId)).map((e) => e.type)).toEqual(['case-opened', 'note-added']);
    await handle.terminate('test done');
  });

  it('turns the real 22P05 of a NUL into a non-retryable failure that quotes nothing', async () => {
    // Bypasses both validators, as a write from an older workflow version would.
    const { handle, caseId } = await openedCase(calm());
    const state = await handle.query(getStateQuery);
    const activities = createCaseActivities({
      eventStore: new CaseEventStore(t.dataSource),
      directory: new DirectoryRepository(t.dataSource),
    });
    const event = {
      ...t.asStaff(note(`${SECRET} a \u0000 b`)),
      caseId,
      step: state.step,
      recordedAt: now(),
    } as RecordedEvent;
    const failure = await activities
      .persistCaseEvents({ state: { ...state, eventCount: state.eventCount + 1 }, events: [event] })
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'EVENT_NOT_STORABLE', nonRetryable: true });
    expect((failure as ApplicationFailure).message).toMatch(/SQLSTATE 22P05/);
    expect(JSON.stringify({ ...(failure as object), message: (failure as Error).message })).not.toContain(
      SECRET,
    );
    expect(await caseTrail(caseId)).toHaveLength(1);
    await handle.terminate('test done');
  });

  it('rejects an event PostgreSQL refuses as data (a CHECK constraint), leaves the case as it was, and stores the next one', async () => {
    const { handle, caseId } = await openedCase(calm());
    // 2,000 characters pass the validator; 2 bytes each, they break this database's limit on payloads.
    await t.asOwner(
      `ALTER TABLE case_events ADD CONSTRAINT test_payload_fits CHECK (octet_length(payload::text) <= 3000) NOT VALID`,
    );
    try {
      const before = await handle.query(getStateQuery);
      const trailBefore = await caseTrail(caseId);
      const startedAt = Date.now();
      const error = await updateFailure(handle, note(`${SECRET} ${'ø'.repeat(1960)}`));
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(cause.type).toBe('EVENT_NOT_STORABLE');
      expect(cause.message).not.toContain(SECRET);
      // Non-retryable: rejected on the first refusal, not after a retry schedule.
      expect(Date.now() - startedAt).toBeLessThan(15_000);
      expect(await handle.query(getStateQuery)).toEqual(before);
      expect(await caseTrail(caseId)).toEqual(trailBefore);

      const next = await t.record(handle, note('Kort notat (syntetisk).'));
      expect(next.state.eventCount).toBe(before.eventCount + 1);
      const trail = await caseTrail(caseId);
      expect(trail.map((e) => e.type)).toEqual(['case-opened', 'note-added']);
      expect((trail[1]!.payload as { text: string }).text).toBe('Kort notat (syntetisk).');
    } finally {
      await t.asOwner(`ALTER TABLE case_events DROP CONSTRAINT test_payload_fits`);
    }
    await handle.terminate('test done');
  });

  it('keeps reminding and escalating a case whose writes keep failing, and the other cases on time; stores everything once storage is back', async () => {
    // Every write of a listed case's events fails, as a full disk or a broken trigger would: retryable.
    await t.asOwner(`CREATE TABLE test_broken_cases (case_id uuid PRIMARY KEY)`);
    // The trigger runs as the role that writes, the application role: it must read the list.
    await t.asOwner(`GRANT SELECT ON test_broken_cases TO PUBLIC`);
    await t.asOwner(`
      CREATE FUNCTION test_refuse_broken_cases() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM test_broken_cases b WHERE b.case_id = NEW.case_id) THEN
          RAISE EXCEPTION 'storage for this case is broken (test)' USING ERRCODE = '53100';
        END IF;
        RETURN NEW;
      END $$`);
    await t.asOwner(
      `CREATE TRIGGER test_refuse_broken_cases BEFORE INSERT ON case_events
         FOR EACH ROW EXECUTE FUNCTION test_refuse_broken_cases()`,
    );
    // Step 1 due in 14 s: reminder at 8 s (well before it, so a busy machine's late timer still sends
    // it rather than skipping it as past its deadline), escalation at 17 s.
    const policy = shortTestPolicy(300, {
      dueSeconds: { [KIND]: 14 },
      remindBeforeSeconds: 6,
      escalateAfterSeconds: 3,
    });
    const broken = await openedCase(policy);
    const healthy = await openedCase(policy);
    await t.asOwner(`INSERT INTO test_broken_cases VALUES ($1)`, [broken.caseId]);

    // A person's note on the broken case: accepted by the workflow, not yet stored.
    const sent = t.asStaff(note(`${SECRET} ringte foresatte`));
    const noteUpdate = await broken.handle.startUpdate(recordEventUpdate, {
      args: [sent],
      updateId: sent.eventId,
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    const noteResult = noteUpdate.result();
    noteResult.catch(() => undefined);

    const dueAt = (c: { handle: WorkflowHandle }) =>
      c.handle.query(getStateQuery).then((s) => Date.parse(s.deadlines.find((d) => d.kind === KIND)!.dueAt));
    const brokenDue = await dueAt(broken);
    const healthyDue = await dueAt(healthy);

    // The healthy case: its deadline events in the audit trail, on time.
    const healthyFired = await t.waitFor(
      async () => {
        const events = (await t.timeline(healthy.caseId)).filter((e) => DEADLINE_EVENTS.includes(e.type));
        return events.length === 3 && events;
      },
      'the healthy case’s escalation',
      90_000,
    );
    expect(healthyFired.map((e) => e.type)).toEqual(DEADLINE_EVENTS);
    expect(Date.parse(healthyFired[2]!.recordedAt) - (healthyDue + 3000)).toBeLessThan(20_000);

    // The broken case: reminder, missed notice and escalation all sent, though none is stored.
    const sentNotices = async () =>
      (await t.dataSource.query(
        `SELECT o.kind, o.status, o.sent_at FROM notification_outbox o
          WHERE o.case_id = $1 AND o.status = 'sent'`,
        [broken.caseId],
      )) as { kind: string; status: string; sent_at: Date }[];
    const notices = await t.waitFor(
      async () => {
        const rows = await sentNotices();
        const kinds = new Set(rows.map((r) => r.kind));
        return ['reminder', 'deadline-missed', 'escalation'].every((k) => kinds.has(k)) && rows;
      },
      'the broken case’s reminder, missed notice and escalation, sent',
      90_000,
    );
    const escalationSentAt = Math.max(
      ...notices.filter((n) => n.kind === 'escalation').map((n) => n.sent_at.getTime()),
    );
    // Late by the bounded wait under the lock at most, not forever.
    expect(escalationSentAt - (brokenDue + 3000)).toBeLessThan(45_000);
    expect(t.smtp.messages.some((m) => m.text.includes(`/cases/${broken.caseId}`))).toBe(true);
    const stillBroken = await caseTrail(broken.caseId);
    expect(stillBroken.map((e) => e.type)).toEqual(['case-opened']);
    const state = await broken.handle.query(getStateQuery);
    expect(state.deadlines.find((d) => d.kind === KIND)?.status).toBe('escalated');
    // Operations are told, by case id and code.
    const alert = (worker?.output() ?? '')
      .split('\n')
      .find((line) => line.includes('Case persistence failing') && line.includes(broken.caseId));
    expect(alert).toBeDefined();
    expect(alert).toContain('PERSISTENCE_FAILED');
    expect(alert).toContain('53100');

    // Storage comes back: everything pending goes in, once, in the order the workflow applied it.
    await t.asOwner(`DELETE FROM test_broken_cases`);
    const stored = await within(noteResult, 90_000, 'the note was not stored after the repair');
    expect(stored.event.eventId).toBe(sent.eventId);
    const trail = await t.waitFor(
      async () => {
        const events = await t.timeline(broken.caseId);
        return events.filter((e) => DEADLINE_EVENTS.includes(e.type)).length === 3 && events;
      },
      'the broken case’s pending events stored',
      90_000,
    );
    const caseEvents = await caseTrail(broken.caseId);
    expect(caseEvents.map((e) => e.type)).toEqual(['case-opened', 'note-added', ...DEADLINE_EVENTS]);
    expect(new Set(trail.map((e) => e.eventId)).size).toBe(trail.length);
    const [row] = await t.dataSource.query('SELECT event_count, overdue FROM cases WHERE case_id = $1', [
      broken.caseId,
    ]);
    expect(row).toEqual({
      event_count: (await broken.handle.query(getStateQuery)).eventCount,
      overdue: true,
    });

    await broken.handle.terminate('test done');
    await healthy.handle.terminate('test done');
  });

  it('logged ids and codes only: no note text and no SQL in the worker’s output', () => {
    const output = worker?.output() ?? '';
    expect(output).not.toContain(SECRET);
    expect(output).not.toContain('SYNTHETIC-SECRET-NOTE');
    expect(output).not.toMatch(/INSERT INTO|"parameters"|"query"|"detail"/);
    // The failure paths above did run in this worker, and it logged them.
    expect(output).toContain('Activity failed');
    expect(output).toContain('EVENT_NOT_STORABLE');
    expect(output).toContain('PERSISTENCE_FAILED');
    expect(output).not.toContain('ringte foresatte');
  });
});
