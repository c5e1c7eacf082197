import { HttpStatus } from '@nestjs/common';
import { defaultLadderPolicy, exampleCalendar2026_2027, openCase, type CaseEvent } from '@tiltak/domain';
import { buildOpenCaseInput } from '@tiltak/domain/testing';
import type { AppConfig } from '@tiltak/config';
import type { StaffMember } from '@tiltak/persistence';
import type { AccessAudit } from '../access/access-audit.service';
import type { CaseAccess } from '../cases/case-access.service';
import { eventIdFor } from '../cases/case-ids';
import type { CaseWorkflows, UpdateOutcome } from '../cases/case-workflows';
import { DEMO_SCHOOLS, DEMO_STAFF } from '../demo/demo-data';
import { DomainError } from '../errors/domain-error';
import { ApiConfig } from '../infrastructure/api-config';
import type { DirectoryStore, EventStore, IdempotencyKeys } from '../infrastructure/stores.provider';
import { CALLERS } from '../testing/callers';
import { InMemoryIdempotencyStore } from '../testing/in-memory-idempotency.store';
import { CaseEventsService } from './case-events.service';
import type { RecordEventBody } from './record-event-body.pipe';
import { ApiMetrics } from '../metrics/api-metrics';

const caller = CALLERS.fjordvikTeacher5A;
const state = openCase(
  buildOpenCaseInput({
    caseId: 'c0000000-0000-4000-8000-000000000001',
    schoolId: DEMO_SCHOOLS.fjordvik.id,
    ownerStaffId: caller.staffId,
  }),
  defaultLadderPolicy(),
  [exampleCalendar2026_2027()],
);
const note: RecordEventBody = { type: 'note-added', payload: { text: 'Ringte hjem.' } };

function setup(outcomes: (UpdateOutcome | Error)[], options: { caseVisible?: boolean } = {}) {
  const idempotency = new InMemoryIdempotencyStore();
  const sent: CaseEvent[] = [];
  const workflows = {
    recordEvent: jest.fn(async (_caseId: string, event: CaseEvent) => {
      sent.push(event);
      const next = outcomes.shift();
      if (!next) throw new Error('unexpected update');
      if (next instanceof Error) throw next;
      return next;
    }),
  };
  const staff: Record<string, StaffMember> = Object.fromEntries(
    Object.values(DEMO_STAFF).map((s) => [
      s.id,
      { ...s, active: true, createdAt: '2026-08-01T00:00:00.000Z' },
    ]),
  );
  const idempotencyKeys = { get: async () => idempotency };
  const directoryStore = { get: async () => ({ getStaff: async (id: string) => staff[id] ?? null }) };
  const eventStore = { get: async () => ({ findEvent: async () => null }) };
  const access = {
    load: async () => {
      if (options.caseVisible === false) throw new DomainError('NOT_FOUND', 'Fant ikke saken.');
      return { state, source: 'read-model' as const };
    },
  };
  const logged: unknown[] = [];
  const audit = {
    permittedEntry: async (_c: unknown, decision: { allowed: boolean }, action: string) => {
      if (!decision.allowed) throw new DomainError('FORBIDDEN', 'no');
      return { action, outcome: 'allowed' };
    },
    log: async (entry: unknown) => {
      logged.push(entry);
    },
  };
  const metrics = new ApiMetrics({ countCases: async () => [] });
  const service = new CaseEventsService(
    idempotencyKeys as unknown as IdempotencyKeys,
    eventStore as unknown as EventStore,
    directoryStore as unknown as DirectoryStore,
    access as unknown as CaseAccess,
    workflows as unknown as CaseWorkflows,
    audit as unknown as AccessAudit,
    new ApiConfig({ api: { publicBaseUrl: 'https://tiltak.example.no' } } as AppConfig),
    metrics,
  );
  return { service, idempotency, workflows, sent, metrics, logged };
}

const recorded = (event: CaseEvent): UpdateOutcome => ({
  kind: 'completed',
  result: {
    event: { ...event, caseId: state.caseId, step: 1, recordedAt: event.occurredAt },
    state: { ...state, eventCount: state.eventCount + 1 },
  },
});

describe('CaseEventsService.record', () => {
  it('sends the event once, as the caller, with the id the key derives, and replays the answer', async () => {
    const { service, workflows, sent, metrics } = setup([]);
    workflows.recordEvent.mockImplementationOnce(async (_id, event) => {
      sent.push(event);
      return recorded(event);
    });
    const first = await service.record(caller, state.caseId, 'key-1', note);
    expect(await metrics.metrics()).not.toMatch(/^tiltak_api_idempotency_replays_total\{/m);
    expect(first.status).toBe(HttpStatus.CREATED);
    expect(sent[0]).toMatchObject({
      eventId: eventIdFor(caller.staffId, 'key-1'),
      actor: { staffId: caller.staffId, role: 'contact-teacher' },
    });
    const again = await service.record(caller, state.caseId, 'key-1', note);
    expect(again).toEqual(JSON.parse(JSON.stringify(first)));
    expect(workflows.recordEvent).toHaveBeenCalledTimes(1);
    expect(await metrics.metrics()).toContain(
      'tiltak_api_idempotency_replays_total{operation="recordEvent"} 1',
    );
  });

  it('refuses the same key with another body', async () => {
    const { service, workflows } = setup([]);
    workflows.recordEvent.mockImplementationOnce(async (_id, event) => recorded(event));
    await service.record(caller, state.caseId, 'key-1', note);
    await expect(
      service.record(caller, state.caseId, 'key-1', { ...note, payload: { text: 'Noe annet.' } }),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('lets a duplicate that arrives during the first wait for the first one’s answer', async () => {
    const { service, workflows } = setup([]);
    let release!: () => void;
    workflows.recordEvent.mockImplementationOnce(async (_id, event) => {
      await new Promise<void>((resolve) => (release = resolve));
      return recorded(event);
    });
    const first = service.record(caller, state.caseId, 'key-1', note);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const duplicate = service.record(caller, state.caseId, 'key-1', note);
    await new Promise((resolve) => setTimeout(resolve, 150));
    release();
    const [a, b] = await Promise.all([first, duplicate]);
    expect(b).toEqual(JSON.parse(JSON.stringify(a)));
    expect(workflows.recordEvent).toHaveBeenCalledTimes(1);
  });

  it('answers the workflow’s rejection as 409 or 422 with its reason, and replays it', async () => {
    const { service } = setup([
      { kind: 'rejected', code: 'PREREQUISITE_MISSING', message: 'Send the referral first.' },
      { kind: 'rejected', code: 'OCCURRED_IN_FUTURE', message: 'In the future.' },
    ]);
    const conflict = await service.record(caller, state.caseId, 'key-1', note);
    expect(conflict).toEqual({
      status: 409,
      // People read the API's Norwegian sentence for the reason, not the workflow's English detail.
      body: {
        code: 'EVENT_REJECTED',
        message: 'Noe må være registrert før denne hendelsen. Se hva trinnet mangler i saken.',
        reason: 'PREREQUISITE_MISSING',
      },
    });
    expect(await service.record(caller, state.caseId, 'key-1', note)).toEqual(conflict);
    expect((await service.record(caller, state.caseId, 'key-2', note)).status).toBe(422);
  });

  it('answers 202 while the accepted event waits to be persisted, and frees the key for the retry', async () => {
    const { service, idempotency } = setup([{ kind: 'pending' }]);
    const accepted = await service.record(caller, state.caseId, 'key-1', note);
    const eventId = eventIdFor(caller.staffId, 'key-1');
    expect(accepted).toEqual({
      status: 202,
      body: expect.objectContaining({
        status: 'accepted',
        eventId,
        location: `https://tiltak.example.no/api/cases/${state.caseId}/events/${eventId}`,
      }),
    });
    expect(idempotency.entries.size).toBe(0);
  });

  it('frees the key when the workflow could not be reached, so nothing half-done blocks the retry', async () => {
    const unreachable = new DomainError('DEPENDENCY_UNAVAILABLE', 'Temporal is down');
    const { service, idempotency } = setup([unreachable]);
    await expect(service.record(caller, state.caseId, 'key-1', note)).rejects.toBe(unreachable);
    expect(idempotency.entries.size).toBe(0);
  });

  it('answers 404 for a case the caller may not see, whatever the key and the body', async () => {
    const { service, workflows } = setup([], { caseVisible: false });
    const bodies: unknown[] = [
      note,
      { type: 'note-added', payload: { text: 'x', constructor: { prototype: {} } } },
      JSON.parse('{"type":"note-added","payload":{"text":"x","__proto__":{"a":1}}}'),
      { type: 'note-added', payload: { text: 'før\u0000etter' } },
      { type: 'evaluation-recorded', payload: { absencePercent: 1e-7 } },
      'not an object',
    ];
    for (const body of bodies) {
      await expect(service.record(caller, state.caseId, undefined, body)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    expect(workflows.recordEvent).not.toHaveBeenCalled();
  });

  it('logs every permitted request once: with the key for the first look, or when refused as input', async () => {
    const { service, workflows, idempotency, logged } = setup([]);
    workflows.recordEvent.mockImplementationOnce(async (_id, event) => recorded(event));
    await service.record(caller, state.caseId, 'key-1', note);
    await service.record(caller, state.caseId, 'key-1', note);
    expect(idempotency.logged).toEqual([
      { action: 'case.record-event', outcome: 'allowed' },
      { action: 'case.record-event', outcome: 'allowed' },
    ]);
    await expect(
      service.record(caller, state.caseId, 'key-2', {
        type: 'owner-reassigned',
        payload: { newOwnerStaffId: DEMO_STAFF.bakkeliTeacher9A.id },
      }),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    expect(logged).toEqual([{ action: 'case.record-event', outcome: 'allowed' }]);
    expect(idempotency.logged).toHaveLength(2);
  });

  it('checks what needs no workflow first: the key, the caller’s right, the people an event names', async () => {
    const { service, workflows } = setup([]);
    await expect(service.record(caller, state.caseId, undefined, note)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_MISSING',
    });
    await expect(service.record(caller, state.caseId, 'has space', note)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      service.record(CALLERS.fjordvikCompetenceTeam, state.caseId, 'key-1', {
        type: 'case-closed',
        payload: { reason: 'resolved', explanation: '' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      service.record(caller, state.caseId, 'key-2', {
        type: 'owner-reassigned',
        payload: { newOwnerStaffId: DEMO_STAFF.bakkeliTeacher9A.id },
      }),
    ).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      details: { fieldErrors: [{ field: 'payload.newOwnerStaffId' }] },
    });
    await expect(
      service.record(caller, state.caseId, 'key-3', {
        type: 'measure-planned',
        payload: {
          what: 'x',
          responsible: { kind: 'staff', staffId: DEMO_STAFF.ppt.id, role: 'mobile-team' },
          how: '',
          startsOn: '2026-11-23',
          evaluateBy: '2026-12-14',
          ifNotPossible: '',
        },
      }),
    ).rejects.toMatchObject({ details: { fieldErrors: [{ field: 'payload.responsible.role' }] } });
    expect(workflows.recordEvent).not.toHaveBeenCalled();
  });

  it('fills a measure’s responsible role from the directory', async () => {
    const { service, workflows, sent } = setup([]);
    workflows.recordEvent.mockImplementationOnce(async (_id, event) => {
      sent.push(event);
      return recorded(event);
    });
    await service.record(caller, state.caseId, 'key-1', {
      type: 'measure-planned',
      payload: {
        what: 'x',
        responsible: { kind: 'staff', staffId: DEMO_STAFF.ppt.id },
        how: '',
        startsOn: '2026-11-23',
        evaluateBy: '2026-12-14',
        ifNotPossible: '',
      },
    });
    expect(sent[0]?.payload).toMatchObject({
      responsible: { kind: 'staff', staffId: DEMO_STAFF.ppt.id, role: 'ppt' },
    });
  });
});
