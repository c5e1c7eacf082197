import { applyEvent, defaultLadderPolicy, exampleCalendar2026_2027, openCase } from '@tiltak/domain';
import {
  TEST_OPENED_AT,
  applyEvents,
  buildOpenCaseInput,
  eventsToReachStep,
  step1Contact,
} from '@tiltak/domain/testing';
import { CALLERS } from '../testing/callers';
import { acceptedEventTypes, caseResponseFrom } from './case-view.mapper';

describe('acceptedEventTypes', () => {
  it('offers the step’s events and the generic ones; resume only while paused; nothing once closed', () => {
    expect(acceptedEventTypes({ step: 1, status: 'open' })).toEqual([
      'step1-contact',
      'note-added',
      'owner-reassigned',
      'case-paused',
      'case-closed',
    ]);
    expect(acceptedEventTypes({ step: 2, status: 'paused' })).toEqual([
      'note-added',
      'owner-reassigned',
      'case-resumed',
      'case-closed',
    ]);
    expect(acceptedEventTypes({ step: 4, status: 'closed' })).toEqual([]);
  });
});

describe('caseResponseFrom', () => {
  const calendars = [exampleCalendar2026_2027()];
  const policy = defaultLadderPolicy();

  it('shows the next deadline, what the step lacks, and only the events the caller may record', () => {
    const opened = openCase(
      buildOpenCaseInput({ caseId: 'c1', ownerStaffId: CALLERS.fjordvikTeacher5A.staffId }),
      policy,
      calendars,
    );
    const atStep3 = applyEvents(opened, eventsToReachStep(3), policy, calendars);
    const forOwner = caseResponseFrom(atStep3, 'live', CALLERS.fjordvikTeacher5A);
    expect(forOwner).toMatchObject({
      caseId: 'c1',
      step: 3,
      status: 'open',
      source: 'live',
      overdue: false,
      links: { self: '/api/cases/c1', events: '/api/cases/c1/events' },
    });
    expect(forOwner.nextDeadline?.kind).toMatch(/^step3-/);
    expect(forOwner.outstanding).toEqual([
      'send the referral to the competence team',
      'hold the team meeting',
      "record the competence team's advice",
    ]);
    expect(forOwner.allowedEventTypes).toContain('referral-sent');
    const forTeam = caseResponseFrom(atStep3, 'live', CALLERS.fjordvikCompetenceTeam);
    expect(forTeam.allowedEventTypes).toEqual([
      'meeting-held',
      'mapping-recorded',
      'measure-planned',
      'team-advice-recorded',
      'note-added',
    ]);
  });

  it('reports a missed deadline as overdue, and nothing due once closed', () => {
    const opened = openCase(buildOpenCaseInput({ caseId: 'c2' }), policy, calendars);
    const missed = {
      ...opened,
      deadlines: opened.deadlines.map((d) => ({ ...d, status: 'missed' as const })),
    };
    expect(caseResponseFrom(missed, 'read-model', CALLERS.fjordvikLeader).overdue).toBe(true);
    const closed = applyEvent(opened, step1Contact('explained', TEST_OPENED_AT), policy, calendars);
    expect(caseResponseFrom(closed, 'read-model', CALLERS.fjordvikLeader)).toMatchObject({
      status: 'closed',
      nextDeadline: null,
      overdue: false,
      outstanding: [],
      allowedEventTypes: [],
    });
  });
});
