import { validateCaseEventShape } from './case-event-validation';
import { upgradeEventPayload, upgradeRecordedEvent } from './legacy-events';
import { MEETING_KINDS } from './model';
import { buildCaseEvent, meetingHeld } from './testing';

describe('events recorded under older names', () => {
  it('reads the step-3 meeting recorded as team-meeting under its current name', () => {
    const old = { ...meetingHeld('team-around-student-meeting', '2026-12-01T10:00:00.000Z') };
    const recorded = { ...old, payload: { ...old.payload, kind: 'team-meeting' } };
    expect(validateCaseEventShape(recorded)).not.toEqual([]);
    const upgraded = upgradeRecordedEvent(recorded);
    expect(upgraded.payload).toEqual({ ...old.payload, kind: 'team-around-student-meeting' });
    expect(validateCaseEventShape(upgraded)).toEqual([]);
  });

  it('leaves current names, other events and odd payloads as they are', () => {
    for (const kind of MEETING_KINDS) {
      const event = meetingHeld(kind, '2026-12-01T10:00:00.000Z');
      expect(upgradeRecordedEvent(event)).toBe(event);
    }
    const note = buildCaseEvent('note-added', { payload: { text: 'team-meeting' } });
    expect(upgradeRecordedEvent(note)).toBe(note);
    expect(upgradeEventPayload('meeting-held', null)).toBeNull();
    expect(upgradeEventPayload('meeting-held', { kind: 'toString' })).toEqual({ kind: 'toString' });
  });
});
