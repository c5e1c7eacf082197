// What operations staff can see in Temporal without the codec key must hold no personal data. A case
// for a synthetic student gets the student's name, note text and a national-id-like number in its
// events, an Update rejected with that text in it, and timers that fire (so notification child
// workflows run). Then everything a client without the codec can read is dumped: each run's full
// history, describe() (search attributes, memo), the visibility listing, workflow ids and failure
// messages. None of the text may appear in it. The same history decoded with the codec must contain
// the text, so the test proves the data is there, encrypted, and can fail.
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure, type Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { isOperationsMetadata, type CaseEvent } from '@tiltak/domain';
import { buildCaseEvent, step1Contact, shortTestPolicy } from '@tiltak/domain/testing';
import { EncryptionCodec } from '@tiltak/temporal';
import { CASE_WORKFLOW_TYPE, caseWorkflowId, getStateQuery, recordEventUpdate } from '@tiltak/workflows';
import { startCaseTestEnv, type CaseTestEnv } from './testing/case-test-env';
import { noticeWorkflowIds, waitForCompleted } from './testing/workflow-histories';
import { reminderSent } from './testing/late-timers';

jest.setTimeout(90_000);

// Synthetic person, made up for this test.
const STUDENT = { givenName: 'Synnøve', familyName: 'Fiktivsen' };
const NAME = `${STUDENT.givenName} ${STUDENT.familyName}`;
const NOTE = `${NAME} var hos legen`;
const NATIONAL_ID = '01020312345';
const NATIONAL_ID_LIKE = /\b\d{11}\b/;
/** Each must be absent from what operations see; the name in UTF-8 read as latin1 too. */
const NEEDLES = [
  NAME,
  STUDENT.givenName,
  STUDENT.familyName,
  'var hos legen',
  NATIONAL_ID,
  Buffer.from(STUDENT.givenName, 'utf8').toString('latin1'),
];

let t: CaseTestEnv;
beforeAll(async () => {
  t = await startCaseTestEnv();
});
afterAll(async () => {
  await t?.close();
});

const now = () => new Date().toISOString();

/** An event the rules refuse with a message that quotes the text (an unknown conclusion). */
function refusedStep1Contact(): CaseEvent {
  return t.asStaff(step1Contact('concern-remains', now(), { payload: { conclusion: NOTE as 'explained' } }));
}

/**
 * A JSON text of everything in a proto message (or anything else), every bytes field shown as both
 * UTF-8 and latin1 text, so plaintext in any payload, id or failure would be visible in it.
 */
function opsView(value: unknown): string {
  const walk = (v: unknown): unknown => {
    if (v instanceof Uint8Array) {
      const b = Buffer.from(v);
      return { utf8: b.toString('utf8'), latin1: b.toString('latin1') };
    }
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (isLong(o)) return String(v);
      // Times (Timestamp, Duration: seconds + nanos) as dates: a number cannot carry text, and the
      // zero time's -62135596800 s would otherwise look like an 11-digit id.
      const keys = Object.keys(o);
      if (
        keys.includes('seconds') &&
        keys.every((k) => k === 'seconds' || k === 'nanos') &&
        isLong(o['seconds'])
      ) {
        return new Date(Number(String(o['seconds'])) * 1000 + Number(o['nanos'] ?? 0) / 1e6).toISOString();
      }
      return Object.fromEntries(Object.keys(o).map((k) => [k, walk(o[k])]));
    }
    return v;
  };
  return JSON.stringify(walk(value));
}

function isLong(v: unknown): boolean {
  const o = v as Record<string, unknown> | null;
  return (
    !!o &&
    typeof o === 'object' &&
    typeof o['low'] === 'number' &&
    typeof o['high'] === 'number' &&
    typeof o['unsigned'] === 'boolean'
  );
}

function leaks(text: string): string[] {
  const found: string[] = [];
  for (const needle of NEEDLES) {
    const at = text.indexOf(needle);
    if (at >= 0) found.push(`"${needle}" in …${text.slice(Math.max(0, at - 120), at + 60)}…`);
  }
  const m = NATIONAL_ID_LIKE.exec(text);
  if (m)
    found.push(`national-id-like "${m[0]}" in …${text.slice(Math.max(0, m.index - 120), m.index + 30)}…`);
  return found;
}

type History = temporal.api.history.v1.IHistory;

/** Every failure object anywhere in a history. */
function failuresIn(history: History): temporal.api.failure.v1.IFailure[] {
  const out: temporal.api.failure.v1.IFailure[] = [];
  const walk = (v: unknown, key: string): void => {
    if (!v || typeof v !== 'object' || v instanceof Uint8Array) return;
    if ((key === 'failure' || key === 'cause') && 'message' in v)
      out.push(v as temporal.api.failure.v1.IFailure);
    for (const [k, child] of Object.entries(v)) walk(child, k);
  };
  walk(history, '');
  return out;
}

/** Every payload in a history, decoded with the codec. */
async function decodedPayloads(history: History, codec: EncryptionCodec): Promise<Payload[]> {
  const payloads: Payload[] = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object' || v instanceof Uint8Array) return;
    const o = v as Record<string, unknown>;
    if (o['data'] instanceof Uint8Array && o['metadata'] && typeof o['metadata'] === 'object') {
      payloads.push(o as Payload);
      return;
    }
    for (const child of Object.values(o)) walk(child);
  };
  walk(history);
  return codec.decode(payloads);
}

describe('what operations see without the codec', () => {
  it('holds none of the student name, note text or national-id-like numbers, while the codec reveals them', async () => {
    const policy = shortTestPolicy(300, {
      dueSeconds: { 'step1-contact': 4 },
      remindBeforeSeconds: 2,
      escalateAfterSeconds: 2,
    });
    const input = await t.caseInput(policy, {}, { student: STUDENT });
    const workflowId = caseWorkflowId(input.open.caseId);

    // Update-with-start: the Update arrives while the case is still opening, so the validator lets it
    // in and the handler refuses it. That failure, quoting the text, is written to the history.
    const start = new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: t.config.temporal.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
    });
    const early = refusedStep1Contact();
    const handlerRefusal = await t.client.workflow
      .executeUpdateWithStart(recordEventUpdate, {
        args: [early],
        updateId: early.eventId,
        startWorkflowOperation: start,
      })
      .catch((e: unknown) => e);
    expect(handlerRefusal).toBeInstanceOf(WorkflowUpdateFailedError);
    const handlerCause = (handlerRefusal as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(handlerCause.type).toBe('INVALID_EVENT');
    expect(handlerCause.message).toContain(NAME);
    const handle: WorkflowHandle = await start.workflowHandle();

    // The validator refuses the same once the case is open (never written to the history).
    const validatorRefusal = await t.record(handle, refusedStep1Contact()).catch((e: unknown) => e);
    expect(((validatorRefusal as WorkflowUpdateFailedError).cause as ApplicationFailure).message).toContain(
      NAME,
    );

    await t.record(handle, buildCaseEvent('note-added', { payload: { text: NOTE } }));
    await t.record(
      handle,
      buildCaseEvent('note-added', { payload: { text: `Fødselsnummer ${NATIONAL_ID} (syntetisk)` } }),
    );
    await t.waitFor(
      async () => (await t.timeline(input.open.caseId)).some((e) => e.type === 'escalated'),
      'the step-1 escalation',
    );
    await t.record(
      handle,
      step1Contact('concern-remains', now(), {
        payload: { guardiansView: `Foresatte til ${NAME} (${NATIONAL_ID}) er bekymret.` },
      }),
    );
    await t.record(
      handle,
      buildCaseEvent('case-closed', {
        payload: { reason: 'other', explanation: `${NAME} flyttet til besteforeldre.` },
      }),
    );
    await handle.result();
    const caseHistory = await handle.fetchHistory();
    // case-opened, reminder (unless it fired late, after the deadline), missed, escalation: notification
    // workflows ran.
    const reminders = reminderSent(await t.timeline(input.open.caseId), 'step1-contact') ? 1 : 0;
    const kids = await noticeWorkflowIds(t.client, input.open.caseId, { atLeast: 3 + reminders });
    expect(kids.length).toBeGreaterThanOrEqual(3 + reminders);
    await waitForCompleted(t.client, kids);

    // ---- the view without the codec ------------------------------------------------------------------
    const plain = new Client({ connection: t.client.connection, namespace: t.config.temporal.namespace });
    const dump: Record<string, unknown> = {};
    for (const id of [workflowId, ...kids]) {
      // Every run (a case may have continued as new): the latest, and any other the listing knows.
      const latest = await plain.workflow.getHandle(id).describe();
      const listed = [];
      for await (const info of plain.workflow.list({ query: `WorkflowId = "${id}"` })) listed.push(info);
      const runIds = new Set([latest.runId, ...listed.map((info) => info.runId)]);
      const runs: Record<string, unknown> = {};
      for (const runId of runIds) {
        const run = plain.workflow.getHandle(id, runId);
        runs[runId] = { history: await run.fetchHistory(), describe: (await run.describe()).raw };
      }
      dump[id] = { runs, listed: listed.map((info) => info.raw) };
    }
    const byAttribute = [];
    for await (const info of plain.workflow.list({ query: `CaseSchoolId = "${input.open.schoolId}"` }))
      byAttribute.push(info.raw);
    dump['list by CaseSchoolId'] = byAttribute;
    // A query through a client without the codec cannot read the encrypted state.
    dump['query without codec'] = await plain.workflow
      .getHandle(workflowId)
      .query(getStateQuery)
      .then(
        (r) => ({ result: r as unknown }),
        (e: unknown) => ({ error: String(e) }),
      );

    const seen = opsView(dump);
    expect(seen).toContain(workflowId); // the dump did get the case
    expect(seen).toContain('CaseSchoolId');
    expect(leaks(seen)).toEqual([]);
    expect(dump['query without codec']).toHaveProperty('error');

    // Failures are in the history (the refused Update, at least), each with its message encoded.
    const caseFailures = failuresIn(caseHistory);
    expect(caseFailures.length).toBeGreaterThanOrEqual(1);
    for (const f of [
      ...caseFailures,
      ...(
        await Promise.all(kids.map(async (k) => failuresIn(await plain.workflow.getHandle(k).fetchHistory())))
      ).flat(),
    ]) {
      expect(f.message).toBe('Encoded failure');
    }

    // ---- the same history with the codec: the text is there, encrypted -----------------------------
    const withCodec = await decodedPayloads(caseHistory, new EncryptionCodec(t.config.codec));
    const decoded = withCodec.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')).join('\n');
    expect(decoded).toContain(NOTE);
    expect(decoded).toContain(NATIONAL_ID);
    expect(decoded).toContain(`Foresatte til ${NAME}`);
    // The refused Update's failure message (inside a JSON payload, so its quotes are escaped).
    expect(decoded).toContain(JSON.stringify(`got "${NOTE}"`).slice(1, -1));
    // The check itself sees plaintext when it is there: the decoded payloads, shown the way the dump
    // shows bytes, give it away.
    expect(leaks(opsView(withCodec))).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`"${NAME}"`),
        expect.stringContaining('national-id-like'),
      ]),
    );
  });
});

describe('what the Temporal UI says about a case (user metadata)', () => {
  it('is readable without the codec, says where the case stands, and holds no personal data', async () => {
    const handle = await t.openCase(shortTestPolicy(300), {}, { student: STUDENT });
    const caseId = handle.workflowId.replace(/^case-/, '');
    await t.record(handle, buildCaseEvent('note-added', { payload: { text: `${NOTE} (${NATIONAL_ID})` } }));
    await t.record(handle, step1Contact('concern-remains', now()));

    // A client without the codec, as the Temporal UI without a codec endpoint.
    const plain = new Client({ connection: t.client.connection, namespace: t.config.temporal.namespace });
    const description = await plain.workflow.getHandle(handle.workflowId).describe();
    const summary = await description.staticSummary();
    const details = await description.staticDetails();
    const metadata = (await plain.workflow
      .getHandle(handle.workflowId)
      .query('__temporal_workflow_metadata')) as {
      currentDetails: string;
    };
    const state = await t.client.workflow.getHandle(handle.workflowId).query(getStateQuery);

    expect(summary).toBe(`Sak: ${caseId} · Skole: ${state.schoolId}`);
    expect(details).toContain(`Utløser: ${state.trigger}`);
    expect(metadata.currentDetails).toContain('Trinn: 2');
    expect(metadata.currentDetails).toContain('Neste frist: step2-meeting ');
    for (const text of [summary!, details!, metadata.currentDetails]) {
      expect(isOperationsMetadata(text)).toBe(true);
      expect(leaks(text)).toEqual([]);
      expect(text).not.toContain(state.studentId);
      expect(text).not.toContain(state.ownerStaffId);
    }
    // Stored plain (json/plain), not by a codec the UI would need.
    const stored = description.raw.executionConfig?.userMetadata?.summary;
    expect(Buffer.from(stored?.metadata?.['encoding'] ?? new Uint8Array()).toString()).toBe('json/plain');
    // The case's own payloads stay encrypted: its state cannot be read without the codec.
    await expect(plain.workflow.getHandle(handle.workflowId).query(getStateQuery)).rejects.toThrow();
  });
});
