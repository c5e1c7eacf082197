import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { OpenCaseExistsError } from '../errors';
import { aCaseOpenedEvent, aCaseState, aDeadline, aNoteEvent, advanced } from '../testing/case-fixtures';
import { migratedTestDatabase } from '../testing/test-database';
import { CaseEventStore } from './case-event.store';
import { CaseReadModel } from './case.read-model';

describe('CaseEventStore', () => {
  let dataSource: DataSource;
  /** As the owner role: the application role may not even try (app-role-privileges.integration-spec.ts). */
  let owner: DataSource;
  let store: CaseEventStore;
  let readModel: CaseReadModel;

  beforeAll(async () => {
    const db = await migratedTestDatabase();
    dataSource = db.dataSource;
    owner = await createDataSource(db.migrationUrl, { poolSize: 1 }).initialize();
    store = new CaseEventStore(dataSource);
    readModel = new CaseReadModel(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await owner?.destroy();
  });

  async function eventRows(caseId: string): Promise<{ event_id: string; origin: string }[]> {
    return dataSource.query(`SELECT event_id, origin FROM case_events WHERE case_id = $1 ORDER BY seq`, [
      caseId,
    ]);
  }

  it('appends the events in order and writes the read model in one call', async () => {
    const opened = aCaseState();
    const state = advanced(opened, 3);
    const note = aNoteEvent(opened, 1);
    const events = [aCaseOpenedEvent(opened), note, aNoteEvent(opened, 2)];

    expect(await store.append({ state, events })).toEqual({ insertedEvents: 3, readModelUpdated: true });

    const timeline = await store.timeline(state.caseId);
    expect(timeline.map((e) => [e.type, e.origin, e.actor?.staffId ?? null])).toEqual([
      ['case-opened', 'system', null],
      ['note-added', 'person', opened.ownerStaffId],
      ['note-added', 'person', opened.ownerStaffId],
    ]);
    expect(timeline[1]).toMatchObject({
      eventId: note.eventId,
      caseId: state.caseId,
      step: 1,
      actor: { staffId: opened.ownerStaffId, role: 'contact-teacher' },
      occurredAt: note.occurredAt,
      recordedAt: note.recordedAt,
      payload: { text: 'Notat 1' },
    });
    expect(await readModel.get(state.caseId)).toMatchObject({
      eventCount: 3,
      lastEventAt: state.lastEventAt,
      nextDeadlineAt: '2026-11-23T14:00:00.000Z',
      nextDeadlineKind: 'step1-contact',
      overdue: false,
      state,
    });
  });

  it('changes nothing when the same call comes twice (an activity retry)', async () => {
    const opened = aCaseState();
    const state = advanced(opened, 2);
    const events = [aCaseOpenedEvent(opened), aNoteEvent(opened, 1)];
    await store.append({ state, events });
    const [before] = await dataSource.query(`SELECT updated_at FROM cases WHERE case_id = $1`, [
      state.caseId,
    ]);

    expect(await store.append({ state, events })).toEqual({ insertedEvents: 0, readModelUpdated: false });

    expect(await eventRows(state.caseId)).toHaveLength(2);
    const [after] = await dataSource.query(`SELECT updated_at FROM cases WHERE case_id = $1`, [state.caseId]);
    expect(after).toEqual(before);
  });

  it('never rolls the read model back to an older event count, but accepts newer ones', async () => {
    const opened = aCaseState();
    const atStep2 = advanced(opened, 5, {
      step: 2,
      deadlines: [aDeadline({ kind: 'step2-meeting', step: 2 })],
    });
    await store.append({ state: atStep2, events: [aCaseOpenedEvent(opened)] });

    // A late retry of an earlier activity carries an older state and an event already stored.
    const stale = advanced(opened, 2);
    expect(await store.append({ state: stale, events: [aNoteEvent(opened, 1)] })).toEqual({
      insertedEvents: 1,
      readModelUpdated: false,
    });
    expect(await readModel.get(opened.caseId)).toMatchObject({ step: 2, eventCount: 5, state: atStep2 });

    // Same count, different state (e.g. a deadline marked missed) is still news.
    const missed = {
      ...atStep2,
      deadlines: [aDeadline({ kind: 'step2-meeting', step: 2, status: 'missed' })],
    };
    expect((await store.append({ state: missed, events: [] })).readModelUpdated).toBe(true);
    expect(await readModel.get(opened.caseId)).toMatchObject({ overdue: true, eventCount: 5 });

    const later = advanced(missed, 6, { step: 3, deadlines: [] });
    expect((await store.append({ state: later, events: [aNoteEvent(opened, 6)] })).readModelUpdated).toBe(
      true,
    );
    expect(await readModel.get(opened.caseId)).toMatchObject({
      step: 3,
      eventCount: 6,
      nextDeadlineAt: null,
    });
  });

  it('refuses a second open case for a student, and writes none of its events', async () => {
    const first = aCaseState();
    await store.append({ state: first, events: [aCaseOpenedEvent(first)] });

    const second = aCaseState({ studentId: first.studentId });
    const attempt = store.append({ state: second, events: [aCaseOpenedEvent(second)] });
    await expect(attempt).rejects.toBeInstanceOf(OpenCaseExistsError);
    await expect(attempt).rejects.toMatchObject({ code: 'OPEN_CASE_EXISTS', studentId: first.studentId });
    expect(await eventRows(second.caseId)).toEqual([]);
    expect(await readModel.get(second.caseId)).toBeNull();

    // Once the first is closed, the student may get a new case.
    const closed = advanced(first, 2, {
      status: 'closed',
      closedAt: '2026-11-24T10:00:00.000Z',
      closeReason: 'resolved',
    });
    await store.append({ state: closed, events: [] });
    await store.append({ state: second, events: [aCaseOpenedEvent(second)] });
    expect(await readModel.countByStudent(first.studentId)).toBe(2);
    expect((await readModel.findOpenByStudent(first.studentId))?.caseId).toBe(second.caseId);
  });

  it('refuses events that belong to another case', async () => {
    const a = aCaseState();
    const b = aCaseState();
    await expect(store.append({ state: a, events: [aCaseOpenedEvent(b)] })).rejects.toThrow(
      /belongs to case/,
    );
    expect(await eventRows(b.caseId)).toEqual([]);
  });

  it('refuses an event id another case already used, rather than silently dropping the event', async () => {
    const first = aCaseState();
    const second = aCaseState();
    await store.append({ state: first, events: [aNoteEvent(first, 1)] });
    const sameId = { ...aNoteEvent(second, 1), eventId: aNoteEvent(first, 1).eventId };

    await expect(
      store.append({ state: second, events: [aCaseOpenedEvent(second), sameId] }),
    ).rejects.toMatchObject({
      code: 'EVENT_ID_CONFLICT',
      eventId: sameId.eventId,
      recordedForCaseId: first.caseId,
    });
    expect(await eventRows(second.caseId)).toEqual([]);
    expect(await readModel.get(second.caseId)).toBeNull();
  });

  it('appends system events from outside the workflow once, leaving the read model alone', async () => {
    const opened = aCaseState();
    await store.append({ state: opened, events: [aCaseOpenedEvent(opened)] });
    const before = await readModel.get(opened.caseId);
    const sent = {
      eventId: `${opened.caseId}:notice:1:sent`,
      type: 'notification-sent',
      step: 1 as const,
      occurredAt: '2026-11-23T12:00:01.000Z',
      payload: { kind: 'reminder', role: 'contact-teacher' },
    };

    expect(await store.appendSystemEvents(opened.caseId, [sent])).toBe(1);
    expect(await store.appendSystemEvents(opened.caseId, [sent])).toBe(0);

    expect(await eventRows(opened.caseId)).toEqual([
      { event_id: `${opened.caseId}:case-opened`, origin: 'system' },
      { event_id: sent.eventId, origin: 'system' },
    ]);
    expect(await readModel.get(opened.caseId)).toEqual(before);
  });

  it('pages the timeline by sequence number', async () => {
    const opened = aCaseState();
    const events = [aCaseOpenedEvent(opened), ...[1, 2, 3, 4].map((n) => aNoteEvent(opened, n))];
    await store.append({ state: advanced(opened, 5), events });
    const first = await store.timeline(opened.caseId, { limit: 2 });
    const rest = await store.timeline(opened.caseId, { afterSeq: first.at(-1)?.seq ?? '0' });
    expect(first).toHaveLength(2);
    expect([...first, ...rest].map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it('finds one event of a case by id, and not another case’s', async () => {
    const opened = aCaseState();
    const other = aCaseState();
    const events = [aCaseOpenedEvent(opened), aNoteEvent(opened, 1), aNoteEvent(opened, 2)];
    await store.append({ state: advanced(opened, 3), events });
    await store.append({ state: other, events: [aCaseOpenedEvent(other)] });
    const trail = await store.timeline(opened.caseId);
    expect(await store.findEvent(opened.caseId, events[1]!.eventId)).toEqual(trail[1]);
    expect(await store.findEvent(other.caseId, events[1]!.eventId)).toBeNull();
    expect(await store.findEvent(opened.caseId, 'no-such-event')).toBeNull();
  });

  describe('the audit trail is append-only in the database itself, even for the owner of the table', () => {
    let caseId: string;
    beforeAll(async () => {
      const opened = aCaseState();
      caseId = opened.caseId;
      await store.append({ state: opened, events: [aCaseOpenedEvent(opened)] });
    });

    it.each([
      ['UPDATE', `UPDATE case_events SET payload = '{}'::jsonb WHERE case_id = $1`],
      ['DELETE', `DELETE FROM case_events WHERE case_id = $1`],
      // Even a statement that matches no row is refused: nobody tries to change the trail.
      ['UPDATE', `UPDATE case_events SET type = 'x' WHERE case_id = $1 AND false`],
    ])('refuses %s', async (op, sql) => {
      await expect(owner.query(sql, [caseId])).rejects.toThrow(`case_events is append-only: ${op} refused`);
      expect(await eventRows(caseId)).toHaveLength(1);
    });

    it('refuses TRUNCATE', async () => {
      await expect(owner.query(`TRUNCATE case_events`)).rejects.toThrow(
        'case_events is append-only: TRUNCATE refused',
      );
      expect(await eventRows(caseId)).toHaveLength(1);
    });
  });
});
