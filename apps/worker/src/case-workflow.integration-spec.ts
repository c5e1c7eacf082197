// The ladder as a running workflow on the real Temporal dev server, persisting to a real PostgreSQL
// and mailing through a real SMTP server. Durations come from short policies (seconds): there is no
// time-skipping server here; the real durations are tested as pure functions in libs/domain.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  caseOpenedNotice,
  openCase,
  validateCaseEventShape,
  type CaseEvent,
  type DeadlineKind,
} from '@tiltak/domain';
import {
  buildCaseEvent,
  evaluationRecorded,
  measurePlanned,
  meetingHeld,
  step1Contact,
  shortTestPolicy,
} from '@tiltak/domain/testing';
import { randomUUID } from 'node:crypto';
import {
  NOTIFICATION_WORKFLOW_TYPE,
  getStateQuery,
  notificationWorkflowId,
  recordEventUpdate,
} from '@tiltak/workflows';
import type { WorkflowHandle } from '@temporalio/client';
import { startCaseTestEnv, type CaseTestEnv } from './testing/case-test-env';
import {
  ALL_STAGES_TIMES,
  OUTAGE_TIMES,
  eventSentWhileWorkerDownPastStep1Stages,
  workerDownPastStep1Deadline,
} from './testing/late-timers';

jest.setTimeout(120_000);

let t: CaseTestEnv;
beforeAll(async () => {
  t = await startCaseTestEnv();
});
afterAll(async () => {
  await t?.close();
});

const now = () => new Date().toISOString();
/** Long enough that no timer fires while a test drives the case. */
const calm = () => shortTestPolicy(300, { remindBeforeSeconds: 100, escalateAfterSeconds: 100 });

async function reachStep(handle: WorkflowHandle, step: 2 | 3 | 4): Promise<void> {
  await t.record(handle, step1Contact('concern-remains', now()));
  if (step === 2) return;
  await t.record(handle, meetingHeld('step2-meeting', now()));
  await t.record(handle, measurePlanned('m-1', now()));
  await t.record(handle, evaluationRecorded('next-step', now()));
  if (step === 3) return;
  await t.record(handle, buildCaseEvent('guardian-consent-recorded', { payload: { consentGiven: true } }));
  await t.record(handle, buildCaseEvent('referral-sent', { payload: { to: 'competence-team' } }));
  await t.record(handle, meetingHeld('team-around-student-meeting', now()));
  await t.record(handle, buildCaseEvent('team-advice-recorded', {}), 'competence-team');
  await t.record(handle, evaluationRecorded('next-step', now()));
}

function caseIdOf(handle: WorkflowHandle): string {
  return handle.workflowId.replace(/^case-/, '');
}

describe('case workflow', () => {
  it('walks all four steps to closure, keeping the audit trail and read model in step', async () => {
    const handle = await t.openCase(calm());
    const caseId = caseIdOf(handle);
    await reachStep(handle, 4);
    expect((await handle.query(getStateQuery)).step).toBe(4);
    await t.record(handle, meetingHeld('collaboration-meeting', now()));
    const continued = await t.record(handle, evaluationRecorded('continue-period', now()));
    expect(continued.state.step).toBe(4);
    await t.record(handle, meetingHeld('collaboration-meeting', now()));
    const closed = await t.record(handle, evaluationRecorded('close-resolved', now()));
    expect(closed.state.status).toBe('closed');
    await expect(handle.result()).resolves.toMatchObject({ caseId, status: 'closed' });

    const trail = await t.timeline(caseId);
    const types = trail.map((e) => e.type);
    expect(types[0]).toBe('case-opened');
    expect(types.filter((x) => x === 'step-entered')).toHaveLength(3);
    expect(trail.filter((e) => e.origin === 'person')).toHaveLength(13);
    expect(trail.find((e) => e.type === 'step1-contact')?.step).toBe(1);
    expect(trail.find((e) => e.type === 'referral-sent')?.step).toBe(3);
    expect(new Set(trail.map((e) => e.eventId)).size).toBe(trail.length);
    // The closing has its own entry, the case's last, naming the evaluation that decided it. A notice's
    // delivery records its own entry whenever the mail goes out, which may be after the closing.
    const own = trail.filter((e) => e.type !== 'notification-sent' && e.type !== 'notification-failed');
    expect(own.at(-1)).toMatchObject({
      type: 'case-ended',
      origin: 'system',
      step: 4,
      eventId: `${caseId}:case-ended`,
      payload: { reason: 'resolved', causeEventId: closed.event.eventId },
    });
    expect(types.filter((x) => x === 'case-ended')).toHaveLength(1);
    const [row] = await t.dataSource.query('SELECT step, status FROM cases WHERE case_id = $1', [caseId]);
    expect(row).toEqual({ step: 4, status: 'closed' });
  });

  it('starts a notice once: a notice workflow started before (an earlier attempt) is left as it is', async () => {
    const policy = calm();
    const input = await t.caseInput(policy);
    const { caseId } = input.open;
    // What an attempt that died after its start left behind: the opening's notice already running.
    const notice = caseOpenedNotice(openCase(input.open, policy, []), now());
    const noticeId = notificationWorkflowId(notice.key);
    const first = await t.client.workflow.start(NOTIFICATION_WORKFLOW_TYPE, {
      workflowId: noticeId,
      taskQueue: t.config.temporal.taskQueue,
      args: [notice],
    });

    const handle = await t.openCase(policy, { ...input.open });
    const result = await t.record(handle, step1Contact('explained', now()));
    expect(result.state).toMatchObject({ caseId, status: 'closed' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'closed' });

    // One run of the notice, the one started before; the case's history shows no failure.
    const runs = [];
    for await (const info of t.client.workflow.list({ query: `WorkflowId = "${noticeId}"` }))
      runs.push(info.runId);
    expect(runs).toEqual([first.firstExecutionRunId]);
    const history = await handle.fetchHistory();
    const failures = (history.events ?? []).filter(
      (e) => e.activityTaskFailedEventAttributes || e.workflowTaskFailedEventAttributes,
    );
    expect(failures).toEqual([]);
    await expect(first.result()).resolves.toMatchObject({ delivered: 1 });
  });

  it('closes at step 1 when the absence is explained, with an entry of its own', async () => {
    const handle = await t.openCase(calm());
    const caseId = caseIdOf(handle);
    const result = await t.record(handle, step1Contact('explained', now()));
    expect(result.state).toMatchObject({ status: 'closed', step: 1, deadlines: [] });
    await expect(handle.result()).resolves.toMatchObject({ status: 'closed' });
    // The case's own entries; the case-opened notice's delivery adds one of its own whenever it is sent.
    const trail = (await t.timeline(caseId)).filter((e) => e.type !== 'notification-sent');
    expect(trail.map((e) => e.type)).toEqual(['case-opened', 'step1-contact', 'case-ended']);
    expect(trail[2]?.payload).toEqual({ reason: 'explained', causeEventId: result.event.eventId });
  });

  it('after a worker outage, records the reminder that came after its deadline as skipped and does not send it', async () => {
    const handle = await t.openCase(shortTestPolicy(300, OUTAGE_TIMES));
    const caseId = caseIdOf(handle);
    await workerDownPastStep1Deadline(t, handle);
    const missed = (await t.timeline(caseId)).find((e) => e.type === 'deadline-missed')!;
    const trail = await t.timeline(caseId);
    const reminder = trail.find((e) => e.type === 'reminder-due');
    expect(reminder?.payload).toMatchObject({ kind: 'step1-contact', skipped: 'deadline-passed' });
    expect(Number(reminder?.seq)).toBeLessThan(Number(missed.seq));
    const { deadlines: after } = await handle.query(getStateQuery);
    expect(after.find((d) => d.kind === 'step1-contact')?.status).toBe('missed');
    await t.waitFor(
      async () =>
        (
          await t.dataSource.query(
            `SELECT 1 FROM notification_outbox WHERE case_id = $1 AND kind = 'deadline-missed'`,
            [caseId],
          )
        ).length > 0,
      'the missed-deadline notice',
    );
    const reminders = await t.dataSource.query(
      `SELECT 1 FROM notification_outbox WHERE case_id = $1 AND kind = 'reminder'`,
      [caseId],
    );
    expect(reminders).toEqual([]);
    await handle.terminate('test done');
  });

  it('after a worker outage, records the deadline stages that fell due before a late event, then the event', async () => {
    const handle = await t.openCase(shortTestPolicy(300, ALL_STAGES_TIMES));
    const caseId = caseIdOf(handle);
    const answer = await eventSentWhileWorkerDownPastStep1Stages(
      t,
      handle,
      step1Contact('concern-remains', now()),
    );
    // Delivery receipts (notification-sent) come whenever the mail goes out; the rest is the case's order.
    const trail = (await t.timeline(caseId)).filter((e) => e.type !== 'notification-sent');
    const types = trail.map((e) => e.type);
    const contact = types.indexOf('step1-contact');
    expect(types.slice(0, contact)).toEqual(['case-opened', 'reminder-due', 'deadline-missed', 'escalated']);
    expect(trail[1]?.payload).toMatchObject({ kind: 'step1-contact', skipped: 'deadline-passed' });
    expect(Number(trail[3]?.seq)).toBeLessThan(Number(trail[contact]?.seq));
    expect(trail[contact]?.eventId).toBe(answer.event.eventId);
    // The event still moved the case on; the escalated deadline stays in the record.
    expect(answer.state.step).toBe(2);
    const notices = async () =>
      (
        (await t.dataSource.query(
          `SELECT DISTINCT kind FROM notification_outbox WHERE case_id = $1 AND kind IN ('deadline-missed', 'escalation') ORDER BY kind`,
          [caseId],
        )) as { kind: string }[]
      ).map((r) => r.kind);
    await t.waitFor(async () => (await notices()).length === 2, 'the missed-deadline and escalation notices');
    expect(await notices()).toEqual(['deadline-missed', 'escalation']);
    await handle.terminate('test done');
  });

  it('rejects an event the step does not allow, and changes nothing', async () => {
    const handle = await t.openCase(calm());
    const caseId = caseIdOf(handle);
    await t.waitFor(async () => (await t.timeline(caseId)).length > 0, 'case-opened in the audit trail');
    const before = await handle.query(getStateQuery);
    const trailBefore = await t.timeline(caseId);
    const error = await t.record(handle, evaluationRecorded('next-step', now())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('EVENT_NOT_ALLOWED_AT_STEP');
    expect(await handle.query(getStateQuery)).toEqual(before);
    expect(await t.timeline(caseId)).toEqual(trailBefore);
    await handle.terminate('test done');
  });

  // The shape check runs in the workflow on the domain library the workflow bundle shares between
  // instances (frozen by the SDK, libs/temporal/src/workflow-bundle.ts): its refusals, with zod's own
  // issues, must read as they do outside the workflow.
  it('rejects an event of the wrong shape with the reasons of the shape check, and changes nothing', async () => {
    const handle = await t.openCase(calm());
    const caseId = caseIdOf(handle);
    await t.waitFor(async () => (await t.timeline(caseId)).length > 0, 'case-opened in the audit trail');
    const before = await handle.query(getStateQuery);
    const valid = step1Contact('concern-remains', now());
    const event = {
      ...valid,
      payload: {
        ...valid.payload,
        guardiansContacted: false,
        pattern: { ...valid.payload.pattern, weekdays: ['monday', 'monday', 'sunday'] },
        guardiansView: 'x'.repeat(2001),
        conclusion: 'maybe',
        extra: 'not a field',
      },
    } as unknown as CaseEvent;
    const reasons = validateCaseEventShape(t.asStaff(event, 'contact-teacher'));
    expect(reasons.length).toBeGreaterThanOrEqual(5);
    const error = await t.record(handle, event).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause.type).toBe('INVALID_EVENT');
    expect(cause.message).toBe(reasons.join('; '));
    expect(await handle.query(getStateQuery)).toEqual(before);
    await handle.terminate('test done');
  });

  const OWNER_AND_LEADERSHIP = ['contact-teacher', 'school-leadership'];
  const LEADERSHIP_AND_PPT = ['school-leadership', 'ppt'];
  const PPT_AND_MOBILE_TEAM = ['ppt', 'mobile-team'];
  // For each kind: the step to reach, the events that then open the deadline, who hears of it.
  const DEADLINE_CASES: [DeadlineKind, 1 | 2 | 3 | 4, () => CaseEvent[], string[], string[]][] = [
    ['step1-contact', 1, () => [], OWNER_AND_LEADERSHIP, ['school-leadership']],
    ['step2-meeting', 2, () => [], OWNER_AND_LEADERSHIP, ['school-leadership']],
    [
      'step2-evaluation',
      2,
      () => [meetingHeld('step2-meeting', now())],
      OWNER_AND_LEADERSHIP,
      ['school-leadership'],
    ],
    ['step3-referral', 3, () => [], LEADERSHIP_AND_PPT, LEADERSHIP_AND_PPT],
    ['step3-meeting', 3, () => [], LEADERSHIP_AND_PPT, LEADERSHIP_AND_PPT],
    [
      'step3-evaluation',
      3,
      () => [
        buildCaseEvent('guardian-consent-recorded', { payload: { consentGiven: true } }),
        buildCaseEvent('referral-sent', { payload: { to: 'competence-team' } }),
        meetingHeld('team-around-student-meeting', now()),
      ],
      LEADERSHIP_AND_PPT,
      LEADERSHIP_AND_PPT,
    ],
    ['step4-meeting', 4, () => [], PPT_AND_MOBILE_TEAM, PPT_AND_MOBILE_TEAM],
    ['step4-evaluation', 4, () => [], PPT_AND_MOBILE_TEAM, PPT_AND_MOBILE_TEAM],
  ];

  it.each(DEADLINE_CASES)(
    'a missed %s deadline gives a reminder, a missed notice and an escalation, in order, once',
    async (kind, step, opening, missedRoles, escalatedRoles) => {
      const policy = shortTestPolicy(300, {
        remindBeforeSeconds: 2,
        escalateAfterSeconds: 2,
        dueSeconds: { [kind]: 4 },
      });
      const handle = await t.openCase(policy);
      const caseId = caseIdOf(handle);
      if (step > 1) await reachStep(handle, step as 2 | 3 | 4);
      for (const event of opening()) await t.record(handle, event);
      const systemOf = async () =>
        (await t.timeline(caseId)).filter(
          (e) =>
            ['reminder-due', 'deadline-missed', 'escalated'].includes(e.type) &&
            (e.payload as { kind: DeadlineKind }).kind === kind,
        );
      const fired = await t.waitFor(async () => {
        const events = await systemOf();
        return events.some((e) => e.type === 'escalated') && events;
      }, `escalation of ${kind}`);
      // Give any duplicate a chance to show up before asserting "once".
      await new Promise((r) => setTimeout(r, 1500));
      const events = await systemOf();
      expect(events.map((e) => e.type)).toEqual(['reminder-due', 'deadline-missed', 'escalated']);
      expect(events).toEqual(fired);
      expect((events[1]!.payload as { notifyRoles: string[] }).notifyRoles).toEqual(missedRoles);
      expect((events[2]!.payload as { escalateToRoles: string[] }).escalateToRoles).toEqual(escalatedRoles);
      const state = await handle.query(getStateQuery);
      expect(state.deadlines.find((d) => d.kind === kind)?.status).toBe('escalated');
      const [row] = await t.dataSource.query('SELECT overdue FROM cases WHERE case_id = $1', [caseId]);
      expect(row.overdue).toBe(true);
      await handle.terminate('test done');
    },
  );

  it('continues as new before the history grows large, keeping the state', async () => {
    const policy = { ...calm(), continueAsNewAfterEvents: 40 };
    const handle = await t.openCase(policy);
    const firstRunId = (await handle.describe()).runId;
    await reachStep(handle, 2);
    const firstNote = await t.record(handle, buildCaseEvent('note-added', { payload: { text: 'Notat 0' } }));
    for (let i = 1; i < 12; i++) {
      await t.record(handle, buildCaseEvent('note-added', { payload: { text: `Notat ${i}` } }));
    }
    const runId = await t.waitFor(async () => {
      const d = await handle.describe();
      return d.runId !== firstRunId && d.status.name === 'RUNNING' && d.runId;
    }, 'a new run after continue-as-new');
    expect(runId).not.toBe(firstRunId);
    const state = await handle.query(getStateQuery);
    expect(state.step).toBe(2);
    expect(state.eventCount).toBeGreaterThanOrEqual(14);
    const after = await t.record(handle, meetingHeld('step2-meeting', now()));
    expect(after.state.stepProgress.meetingHeld).toBe(true);
    expect(after.state.eventCount).toBe(state.eventCount + 1);

    // A request retried after continue-as-new (a new Update id, the same event) gets its first answer.
    const retried = await handle.executeUpdate(recordEventUpdate, {
      args: [firstNote.event as CaseEvent],
      updateId: randomUUID(),
    });
    expect(retried.event).toEqual(firstNote.event);
    expect(retried.state.eventCount).toBe(after.state.eventCount);
    await handle.terminate('test done');
  });
});

export type { CaseEvent };
