// Versioning safety: every recorded history under libs/workflows/history-fixtures replays against the
// workflow code as it is now. A change that would break a running case (a command added, removed or
// reordered without `patched()`) fails here, before it is deployed.
//
// (Re)record the fixtures on the real dev server (fixed test codec key, synthetic data only):
//   RECORD_HISTORY_FIXTURES=1 npx jest -c jest.integration.config.js case-workflow.replay
// New files are named `<label>.<scenario>.<part>.json`, the label being today's date unless
// HISTORY_FIXTURE_LABEL says otherwise. Older fixtures stay: they are the runs of the versions still
// running in production. See libs/workflows/history-fixtures/README.md.
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { type LadderPolicy } from '@tiltak/domain';
import {
  buildCaseEvent,
  evaluationRecorded,
  measurePlanned,
  meetingHeld,
  step1Contact,
  shortTestPolicy,
} from '@tiltak/domain/testing';
import { workflowBundlerOptions, workflowsSourcePath } from '@tiltak/temporal';
import { notificationWorkflowId, recordEventUpdate } from '@tiltak/workflows';
import { WorkflowUpdateStage } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { startCaseTestEnv, type CaseTestEnv } from './testing/case-test-env';
import {
  FIXTURE_CODEC_KEYS,
  fixtureDataConverter,
  readHistoryFixtures,
  removeHistoryFixtures,
  writeHistoryFixture,
  type HistoryFixture,
} from './testing/history-fixtures';
import { waitForCompleted } from './testing/workflow-histories';
import {
  ALL_STAGES_TIMES,
  OUTAGE_TIMES,
  eventSentWhileWorkerDownPastStep1Stages,
  workerDownPastStep1Deadline,
} from './testing/late-timers';

jest.setTimeout(120_000);

const RECORD = process.env['RECORD_HISTORY_FIXTURES'] === '1';
const LABEL = process.env['HISTORY_FIXTURE_LABEL'] ?? new Date().toISOString().slice(0, 10);
const SCENARIOS = [
  'walk-to-closure',
  'step1-missed-escalated',
  'continue-as-new',
  'storage-failing',
  'reminder-after-outage',
  'event-after-outage',
] as const;

const now = () => new Date().toISOString();
/** No timer fires while a scenario drives the case. */
const calm = (): LadderPolicy =>
  shortTestPolicy(300, { remindBeforeSeconds: 100, escalateAfterSeconds: 100 });

// Recording is a tool, not a test: it is only defined when asked for, so normal runs skip nothing.
if (RECORD)
  describe('recording history fixtures (RECORD_HISTORY_FIXTURES=1)', () => {
    let t: CaseTestEnv;
    beforeAll(async () => {
      removeHistoryFixtures(LABEL);
      t = await startCaseTestEnv({ codecKeys: FIXTURE_CODEC_KEYS });
    });
    afterAll(async () => {
      await t?.close();
    });

    const caseIdOf = (handle: WorkflowHandle) => handle.workflowId.replace(/^case-/, '');

    async function recordRun(
      scenario: string,
      part: string,
      workflowId: string,
      runId?: string,
    ): Promise<void> {
      writeHistoryFixture(
        LABEL,
        scenario,
        part,
        await t.client.workflow.getHandle(workflowId, runId).fetchHistory(),
      );
    }

    async function recordNotice(scenario: string, part: string, key: string): Promise<void> {
      const id = notificationWorkflowId(key);
      await waitForCompleted(t.client, [id]);
      await recordRun(scenario, part, id);
    }

    it('records a case walked through all four steps to closure', async () => {
      const handle = await t.openCase(calm());
      const caseId = caseIdOf(handle);
      await t.record(handle, step1Contact('concern-remains', now()));
      await t.record(handle, meetingHeld('step2-meeting', now()));
      await t.record(handle, measurePlanned('m-1', now()));
      await t.record(handle, evaluationRecorded('next-step', now()));
      await t.record(
        handle,
        buildCaseEvent('guardian-consent-recorded', { payload: { consentGiven: true } }),
      );
      await t.record(handle, buildCaseEvent('referral-sent', { payload: { to: 'competence-team' } }));
      await t.record(handle, meetingHeld('team-around-student-meeting', now()));
      await t.record(handle, buildCaseEvent('team-advice-recorded', {}), 'competence-team');
      await t.record(handle, evaluationRecorded('next-step', now()));
      await t.record(handle, meetingHeld('collaboration-meeting', now()));
      await t.record(handle, evaluationRecorded('close-resolved', now()));
      await handle.result();
      await recordRun('walk-to-closure', 'case', handle.workflowId);
      await recordNotice('walk-to-closure', 'notification-case-opened', `${caseId}:case-opened`);
    });

    it('records a step-1 deadline missed and escalated, then the case closed', async () => {
      const handle = await t.openCase(
        shortTestPolicy(300, {
          dueSeconds: { 'step1-contact': 4 },
          remindBeforeSeconds: 2,
          escalateAfterSeconds: 2,
        }),
      );
      const caseId = caseIdOf(handle);
      const missed = await t.waitFor(async () => {
        const trail = await t.timeline(caseId);
        return trail.some((e) => e.type === 'escalated') && trail.find((e) => e.type === 'deadline-missed');
      }, 'the step-1 escalation');
      await t.record(handle, step1Contact('explained', now()));
      await handle.result();
      await recordRun('step1-missed-escalated', 'case', handle.workflowId);
      // Two recipients (contact teacher and leadership): deliveries run side by side.
      await recordNotice('step1-missed-escalated', 'notification-deadline-missed', missed.eventId);
    });

    it('records a case that continued as new, and its next run to closure', async () => {
      const handle = await t.openCase({ ...calm(), continueAsNewAfterEvents: 40 });
      const firstRunId = (await handle.describe()).runId;
      await t.record(handle, step1Contact('concern-remains', now()));
      // Notes until the history is long enough to continue as new, once: the next run stays short.
      const continued = async () => (await handle.describe()).runId !== firstRunId;
      for (let i = 0; !(await continued()); i++) {
        if (i === 15) throw new Error('The case did not continue as new');
        await t.record(handle, buildCaseEvent('note-added', { payload: { text: `Notat ${i}` } }));
        await t.waitFor(continued, 'continue-as-new', 500).catch(() => false);
      }
      await t.record(handle, meetingHeld('step2-meeting', now()));
      await t.record(
        handle,
        buildCaseEvent('case-closed', { payload: { reason: 'resolved', explanation: '' } }),
      );
      await handle.result();
      // Every run of the chain, in order.
      let runId: string | null | undefined = firstRunId;
      for (let run = 1; runId; run++) {
        const history = await t.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
        writeHistoryFixture(LABEL, 'continue-as-new', `case-run${run}`, history);
        runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
      }
    });

    it('records a case whose writes failed for a while: events kept pending, notices sent, stored after', async () => {
      // A trigger fails every write of this case's events (retryable SQLSTATE 53100) until removed.
      const handle = await t.openCase(
        shortTestPolicy(300, {
          dueSeconds: { 'step1-contact': 10 },
          remindBeforeSeconds: 2,
          escalateAfterSeconds: 2,
        }),
      );
      const caseId = caseIdOf(handle);
      await t.waitFor(async () => (await t.timeline(caseId)).length > 0, 'case-opened in the audit trail');
      await t.asOwner(`
        CREATE FUNCTION fixture_refuse_case() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.case_id = '${caseId}'::uuid THEN
            RAISE EXCEPTION 'storage broken (fixture)' USING ERRCODE = '53100';
          END IF;
          RETURN NEW;
        END $$`);
      await t.asOwner(
        `CREATE TRIGGER fixture_refuse_case BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION fixture_refuse_case()`,
      );
      const sent = {
        ...buildCaseEvent('note-added', { payload: { text: 'Notat mens lagringen feiler (syntetisk).' } }),
        eventId: randomUUID(),
        occurredAt: now(),
        actor: { staffId: t.staff['contact-teacher'].id, role: 'contact-teacher' as const },
      };
      const update = await handle.startUpdate(recordEventUpdate, {
        args: [sent],
        updateId: sent.eventId,
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      await t.waitFor(
        async () => {
          const rows = (await t.dataSource.query(
            `SELECT 1 FROM notification_outbox WHERE case_id = $1 AND kind = 'escalation'`,
            [caseId],
          )) as unknown[];
          return rows.length > 0;
        },
        'the escalation requested while the writes fail',
        90_000,
      );
      await t.asOwner(`DROP TRIGGER fixture_refuse_case ON case_events`);
      await t.asOwner(`DROP FUNCTION fixture_refuse_case()`);
      await update.result();
      await t.record(handle, step1Contact('explained', now()));
      await handle.result();
      await recordRun('storage-failing', 'case', handle.workflowId);
    });

    it('records a case whose worker was down past the step-1 deadline: the reminder skipped, then closed', async () => {
      const handle = await t.openCase(shortTestPolicy(300, OUTAGE_TIMES));
      await workerDownPastStep1Deadline(t, handle);
      await t.record(handle, step1Contact('explained', now()));
      await handle.result();
      await recordRun('reminder-after-outage', 'case', handle.workflowId);
    });

    it('records a case whose step-1 contact was sent while the worker was down past every stage of its deadline', async () => {
      const handle = await t.openCase(shortTestPolicy(300, ALL_STAGES_TIMES));
      await eventSentWhileWorkerDownPastStep1Stages(t, handle, step1Contact('explained', now()));
      await handle.result();
      await recordRun('event-after-outage', 'case', handle.workflowId);
    });
  });

describe('replaying recorded histories', () => {
  let fixtures: HistoryFixture[] = [];
  // Read when this block starts, so a recording run replays what it just wrote too.
  beforeAll(() => {
    fixtures = readHistoryFixtures();
  });

  it('has fixtures for every scenario, of both workflow types', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const scenario of SCENARIOS) expect(fixtures.map((f) => f.scenario)).toContain(scenario);
    expect(fixtures.map((f) => f.workflowType)).toEqual(
      expect.arrayContaining(['caseWorkflow', 'notificationWorkflow']),
    );
    const continued = fixtures.filter((f) => f.scenario === 'continue-as-new');
    expect(
      continued.some((f) => f.history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes),
    ).toBe(true);
  });

  it('replays every fixture with the current workflow code, without nondeterminism', async () => {
    const results = Worker.runReplayHistories(
      {
        workflowsPath: workflowsSourcePath(),
        bundlerOptions: workflowBundlerOptions(),
        dataConverter: fixtureDataConverter(),
      },
      fixtures.map((f) => ({ workflowId: f.name, history: f.history })),
    );
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of results) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(fixtures.length);
  });
});
