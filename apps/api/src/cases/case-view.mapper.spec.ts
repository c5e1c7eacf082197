import { applyEvent, defaultLadderPolicy, exampleCalendar2026_2027, openCase } from '@tiltak/domain';
import {
  TEST_OPENED_AT,
  applyEvents,
  buildCaseEvent,
  buildOpenCaseInput,
  eventsToReachStep,
  step1Contact,
} from '@tiltak/domain/testing';
import { CALLERS } from '../testing/callers';
import { caseResponseFrom } from './case-view.mapper';

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
    expect(forOwner.checklist).toEqual([
      {
        code: 'step3-consent',
        text: 'Innhent foresattes samtykke før saken meldes til kompetanseteamet.',
      },
      { code: 'step3-referral', text: 'Meld saken til kompetanseteamet.' },
      { code: 'step3-team-meeting', text: 'Hold samarbeidsmøte med teamet rundt eleven.' },
      { code: 'step3-team-advice', text: 'Registrer kompetanseteamets råd.' },
    ]);
    expect(forOwner.outstanding).toEqual([
      'Meld saken til kompetanseteamet.',
      'Hold samarbeidsmøte med teamet rundt eleven.',
      'Registrer kompetanseteamets råd.',
    ]);
    // No consent yet: no referral; no referral: no advice; the checklist open: no evaluation.
    expect(forOwner.allowedActions).toEqual([
      'guardian-consent-recorded',
      'meeting-held',
      'mapping-recorded',
      'measure-planned',
      'note-added',
      'owner-reassigned',
      'case-paused',
      'case-closed',
    ]);
    expect(forOwner.allowedEventTypes).toEqual(forOwner.allowedActions);
    const consented = applyEvents(
      atStep3,
      [buildCaseEvent('guardian-consent-recorded', { occurredAt: '2026-11-24T09:00:00.000Z' })],
      policy,
      calendars,
    );
    expect(caseResponseFrom(consented, 'live', CALLERS.fjordvikTeacher5A).allowedActions).toContain(
      'referral-sent',
    );
    // The team records only its own kinds of event, and of those only what the case accepts now.
    const forTeam = caseResponseFrom(atStep3, 'live', CALLERS.fjordvikCompetenceTeam);
    expect(forTeam.allowedActions).toEqual([
      'meeting-held',
      'mapping-recorded',
      'measure-planned',
      'note-added',
    ]);
  });

  it('asks for the same-day talk at step 1 and offers the step-1 call', () => {
    const opened = openCase(
      buildOpenCaseInput({ caseId: 'c3', ownerStaffId: CALLERS.fjordvikTeacher5A.staffId }),
      policy,
      calendars,
    );
    const view = caseResponseFrom(opened, 'live', CALLERS.fjordvikTeacher5A);
    expect(view.checklist.map((item) => item.code)).toEqual(['step1-contact']);
    expect(view.outstanding).toEqual([]);
    expect(view.allowedActions).toEqual([
      'step1-contact',
      'note-added',
      'owner-reassigned',
      'case-paused',
      'case-closed',
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
      checklist: [],
      allowedActions: [],
      allowedEventTypes: [],
      escalated: false,
    });
  });
});
