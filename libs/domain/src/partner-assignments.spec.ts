import { applyEvent, openCase, validateEvent } from './case-rules';
import { defaultLadderPolicy } from './default-policy';
import type { CaseEvent, CaseState, Instant, PartnerAssignment, PartnerService } from './model';
import { addSeconds } from './oslo-time';
import { assignmentsOf, partnerAssignedEvents } from './partner-assignments';
import { exampleCalendar2026_2027 } from './school-calendar';
import {
  applyEvents,
  buildCaseEvent,
  buildOpenCaseInput,
  eventsToReachStep,
  meetingHeld,
  exampleCalendar2025_2026,
} from './testing';
import { applyTimerAction, dueTimerActions, systemEventFor, type TimerAction } from './timers';

const policy = defaultLadderPolicy();
const calendars = [exampleCalendar2025_2026(), exampleCalendar2026_2027()];

const opened = () => openCase(buildOpenCaseInput(), policy, calendars);
const atStep = (step: 2 | 3 | 4) => applyEvents(opened(), eventsToReachStep(step), policy, calendars);
const later = (state: CaseState, hours = 1): Instant => addSeconds(state.lastEventAt, hours * 3600);
const services = (state: CaseState) => assignmentsOf(state).map((a) => a.service);

function referral(state: CaseState, to: PartnerService) {
  return buildCaseEvent('referral-sent', {
    eventId: `referral-${to}`,
    occurredAt: later(state),
    payload: { to },
  });
}

function accepted(state: CaseState, event: CaseEvent): CaseState {
  const verdict = validateEvent(state, event, event.occurredAt);
  if (!verdict.ok) throw new Error(`${event.type} refused: ${verdict.message}`);
  return applyEvent(state, event, policy, calendars);
}

/** Every timer action due by `now`, applied as the workflow does, with the events it records. */
function fire(
  state: CaseState,
  now: Instant,
): { state: CaseState; actions: TimerAction[]; assigned: string[] } {
  let current = state;
  const assigned: string[] = [];
  const actions = dueTimerActions(state, now, policy);
  for (const action of actions) {
    const next = applyTimerAction(current, action);
    assigned.push(...partnerAssignedEvents(current, next).map((e) => e.eventId));
    current = next;
  }
  return { state: current, actions, assigned };
}

describe('assignments from referrals', () => {
  it('opens a case with no service assigned', () => {
    expect(opened().assignments).toEqual([]);
    expect(assignmentsOf(atStep(3))).toEqual([]);
  });

  it('assigns the competence team with its PPT and health members when the case is referred at step 3', () => {
    const consented = accepted(
      atStep(3),
      buildCaseEvent('guardian-consent-recorded', { occurredAt: later(atStep(3)) }),
    );
    const event = referral(consented, 'competence-team');
    const referred = accepted(consented, event);
    expect(referred.assignments).toEqual<PartnerAssignment[]>(
      (['competence-team', 'ppt', 'health-nurse'] as const).map((service) => ({
        service,
        reason: 'referral',
        sourceEventId: event.eventId,
        assignedAt: event.occurredAt,
      })),
    );
    expect(partnerAssignedEvents(consented, referred)).toEqual([
      {
        type: 'partner-assigned',
        eventId: `${referred.caseId}:partner-assigned:competence-team`,
        occurredAt: event.occurredAt,
        payload: { service: 'competence-team', reason: 'referral', sourceEventId: event.eventId },
      },
      expect.objectContaining({ eventId: `${referred.caseId}:partner-assigned:ppt` }),
      expect.objectContaining({ eventId: `${referred.caseId}:partner-assigned:health-nurse` }),
    ]);
  });

  it('keeps the assignments when the case climbs to step 4 and when it closes', () => {
    const step4 = atStep(4);
    expect(services(step4)).toEqual(['competence-team', 'ppt', 'health-nurse']);
    const closed = accepted(
      step4,
      buildCaseEvent('case-closed', {
        occurredAt: later(step4),
        payload: { reason: 'resolved', explanation: '' },
      }),
    );
    expect(services(closed)).toEqual(['competence-team', 'ppt', 'health-nurse']);
    expect(partnerAssignedEvents(step4, closed)).toEqual([]);
  });

  it('refers a step-4 case to one partner at a time, without asking for consent again', () => {
    const step4 = atStep(4);
    const toMobileTeam = referral(step4, 'mobile-team');
    const referred = accepted(step4, toMobileTeam);
    expect(services(referred)).toEqual(['competence-team', 'ppt', 'health-nurse', 'mobile-team']);
    expect(partnerAssignedEvents(step4, referred).map((e) => e.payload)).toEqual([
      { service: 'mobile-team', reason: 'referral', sourceEventId: toMobileTeam.eventId },
    ]);
    // A second referral to a service already in the case assigns nothing new.
    const again = accepted(referred, referral(referred, 'mobile-team'));
    expect(assignmentsOf(again)).toEqual(assignmentsOf(referred));
    expect(partnerAssignedEvents(referred, again)).toEqual([]);
  });

  it('refuses a referral to a service the step does not refer to', () => {
    const step3 = atStep(3);
    const consented = accepted(
      step3,
      buildCaseEvent('guardian-consent-recorded', { occurredAt: later(step3) }),
    );
    expect(validateEvent(consented, referral(consented, 'ppt'), later(consented))).toMatchObject({
      ok: false,
      code: 'EVENT_NOT_ALLOWED_AT_STEP',
    });
    const step4 = atStep(4);
    expect(validateEvent(step4, referral(step4, 'competence-team'), later(step4))).toMatchObject({
      ok: false,
      code: 'EVENT_NOT_ALLOWED_AT_STEP',
    });
    const step2 = atStep(2);
    expect(validateEvent(step2, referral(step2, 'mobile-team'), later(step2))).toMatchObject({
      ok: false,
      code: 'EVENT_NOT_ALLOWED_AT_STEP',
    });
  });

  it('reads a state recorded before assignments existed as having none, and assigns on top of it', () => {
    const { assignments: _dropped, ...legacy } = atStep(4);
    const old: CaseState = legacy;
    expect(assignmentsOf(old)).toEqual([]);
    const referred = accepted(old, referral(old, 'ppt'));
    expect(services(referred)).toEqual(['ppt']);
    expect(partnerAssignedEvents(old, referred)).toHaveLength(1);
  });
});

describe('assignments from missed deadlines and escalations', () => {
  it('assigns the partners a step-4 deadline escalates to, naming the timer event', () => {
    const step4 = atStep(4);
    const meeting = step4.deadlines.find((d) => d.kind === 'step4-meeting');
    if (!meeting) throw new Error('step 4 opens a meeting deadline');

    const reminded = fire(step4, meeting.remindAt);
    expect(reminded.assigned).toEqual([]);

    // The default policy tells PPT and the mobile team when the step-4 meeting is missed.
    const missed = fire(reminded.state, meeting.dueAt);
    expect(missed.actions.map((a) => `${a.kind} ${a.roles.join('+')}`)).toContain('missed ppt+mobile-team');
    expect(missed.assigned).toEqual([`${step4.caseId}:partner-assigned:mobile-team`]);
    const action = missed.actions.find((a) => a.kind === 'missed' && a.deadlineId === meeting.id);
    if (!action) throw new Error('the miss is due');
    expect(assignmentsOf(missed.state).find((a) => a.service === 'mobile-team')).toEqual({
      service: 'mobile-team',
      reason: 'escalation',
      sourceEventId: systemEventFor(step4.caseId, action, action.at).eventId,
      assignedAt: action.at,
    });

    // The escalation names the same services: nothing more to assign.
    const escalated = fire(missed.state, meeting.escalateAt);
    expect(escalated.actions.some((a) => a.kind === 'escalate')).toBe(true);
    expect(escalated.assigned).toEqual([]);
  });

  it('assigns nobody for an escalation to leadership, or for a stale action', () => {
    const state = opened();
    const contact = state.deadlines[0];
    if (!contact) throw new Error('step 1 opens a contact deadline');
    const all = fire(state, contact.escalateAt);
    expect(all.actions.map((a) => a.kind)).toEqual(['remind', 'missed', 'escalate']);
    expect(all.assigned).toEqual([]);
    expect(all.state.assignments).toEqual([]);

    const step4 = atStep(4);
    const met = accepted(step4, meetingHeld('collaboration-meeting', later(step4)));
    const stale: TimerAction = {
      kind: 'escalate',
      deadlineId: 'step4-meeting#999',
      deadlineKind: 'step4-meeting',
      step: 4,
      dueAt: later(step4),
      roles: ['ppt', 'mobile-team'],
      at: later(step4, 2),
    };
    expect(applyTimerAction(met, stale)).toBe(met);
  });
});
