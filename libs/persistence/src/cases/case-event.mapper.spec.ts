import { aCaseOpenedEvent, aCaseState, aNoteEvent } from '../testing/case-fixtures';
import { CaseEventEntity } from './case-event.entity';
import {
  auditTrailEntryFromEntity,
  caseEventRowFromExternal,
  caseEventRowFromRecorded,
} from './case-event.mapper';

describe('case event rows', () => {
  const state = aCaseState();

  it('records a person’s event with its actor', () => {
    const event = aNoteEvent(state, 1, { staffId: state.ownerStaffId, role: 'contact-teacher' });
    expect(caseEventRowFromRecorded(event)).toEqual({
      eventId: event.eventId,
      caseId: state.caseId,
      type: 'note-added',
      origin: 'person',
      step: 1,
      actorStaffId: state.ownerStaffId,
      actorRole: 'contact-teacher',
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      payload: { text: 'Notat 1' },
    });
  });

  it('records an event without an actor as the system’s', () => {
    const row = caseEventRowFromRecorded(aCaseOpenedEvent(state));
    expect(row).toMatchObject({ origin: 'system', actorStaffId: null, actorRole: null, type: 'case-opened' });
  });

  it('stamps an external system event with now unless it brings its own recording time', () => {
    const now = new Date('2026-11-23T12:00:05.000Z');
    const event = {
      eventId: 'outbox-1:sent',
      type: 'notification-sent',
      step: 1 as const,
      occurredAt: '2026-11-23T12:00:04.000Z',
      payload: { kind: 'reminder', role: 'contact-teacher' },
    };
    expect(caseEventRowFromExternal(state.caseId, event, now)).toMatchObject({
      caseId: state.caseId,
      origin: 'system',
      actorStaffId: null,
      recordedAt: '2026-11-23T12:00:05.000Z',
    });
    expect(
      caseEventRowFromExternal(state.caseId, { ...event, recordedAt: '2026-11-23T12:00:04.500Z' }, now)
        .recordedAt,
    ).toBe('2026-11-23T12:00:04.500Z');
  });

  it('reads a row back as an audit-trail entry, with the actor only for people', () => {
    const base = {
      seq: '42',
      eventId: 'e-1',
      caseId: state.caseId,
      type: 'note-added',
      step: 2,
      occurredAt: new Date('2026-11-23T10:00:00.000Z'),
      recordedAt: new Date('2026-11-23T10:00:00.250Z'),
      payload: { text: 'x' },
    };
    const person = Object.assign(new CaseEventEntity(), base, {
      origin: 'person',
      actorStaffId: state.ownerStaffId,
      actorRole: 'contact-teacher',
    });
    expect(auditTrailEntryFromEntity(person)).toEqual({
      ...base,
      origin: 'person',
      actor: { staffId: state.ownerStaffId, role: 'contact-teacher' },
      occurredAt: '2026-11-23T10:00:00.000Z',
      recordedAt: '2026-11-23T10:00:00.250Z',
    });
    const system = Object.assign(new CaseEventEntity(), base, {
      origin: 'system',
      actorStaffId: null,
      actorRole: null,
    });
    expect(auditTrailEntryFromEntity(system).actor).toBeNull();
  });
});
