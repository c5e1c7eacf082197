import { openCase, validateEvent } from '../case-rules';
import { defaultLadderPolicy } from '../default-policy';
import { STEPS } from '../model';
import { exampleCalendar2026_2027 } from '../school-calendar';
import {
  applyEvents,
  buildCaseEvent,
  buildOpenCaseInput,
  eventsToReachStep,
  meetingHeld,
  step1Contact,
  TEST_OPENED_AT,
  TEST_STAFF,
} from './index';

const policy = defaultLadderPolicy();
const calendars = [exampleCalendar2026_2027()];
const opened = () => openCase(buildOpenCaseInput(), policy, calendars);

describe('case event factory', () => {
  it.each(STEPS.map((step) => [step]))('reaches step %i with valid events', (step) => {
    const state = applyEvents(opened(), eventsToReachStep(step), policy, calendars);
    expect(state.step).toBe(step);
    expect(state.status).toBe('open');
  });

  it('derives payload dates from occurredAt and lets a test override any field', () => {
    const event = meetingHeld('team-around-student-meeting', '2026-12-01T23:30:00.000Z', {
      payload: { summary: 'Kort møte.' },
    });
    expect(event.payload).toMatchObject({
      kind: 'team-around-student-meeting',
      heldOn: '2026-12-02',
      nextMeetingOn: '2026-12-23',
      summary: 'Kort møte.',
    });
    expect(event.eventId).toBe('test:meeting-held:2026-12-01T23:30:00.000Z');
    expect(buildCaseEvent('note-added', { actor: TEST_STAFF.ppt }).actor).toEqual({
      staffId: 'staff-ppt-1',
      role: 'ppt',
    });
  });

  it('uses synthetic people only', () => {
    for (const actor of Object.values(TEST_STAFF)) expect(actor.staffId).toMatch(/^staff-[a-z]+-\d$/);
    expect(buildOpenCaseInput().studentId).toBe('student-test-1');
  });

  it('makes applyEvents fail loudly at the event that was refused', () => {
    const tooEarly = step1Contact('concern-remains', '2026-11-23T08:00:00.000Z', { eventId: 'e-1' });
    expect(() => applyEvents(opened(), [tooEarly], policy, calendars)).toThrow(
      /step1-contact \(e-1\) rejected: INVALID_EVENT occurredAt .* is before the case was opened/,
    );
    expect(validateEvent(opened(), step1Contact('explained', TEST_OPENED_AT), TEST_OPENED_AT)).toEqual({
      ok: true,
    });
  });
});
