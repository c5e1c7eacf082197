import {
  defaultLadderPolicy,
  exampleCalendar2026_2027,
  openCase,
  partnerAssignedEvents,
  type CaseEvent,
  type CaseState,
} from '@tiltak/domain';
import {
  TEST_OPENED_AT,
  applyEvents,
  buildCaseEvent,
  buildOpenCaseInput,
  eventsToReachStep,
  measurePlanned,
} from '@tiltak/domain/testing';
import type { AuditTrailEntry } from '@tiltak/persistence';
import { buildActivityPlan, staffIdsIn } from './activity-plan.builder';
import { renderActivityPlanHtml } from './activity-plan.html';

const policy = defaultLadderPolicy();
const calendars = [exampleCalendar2026_2027()];

/** The trail as the store returns it, from the events a scenario applies. */
function scenario(extra: CaseEvent[] = []): { state: CaseState; trail: AuditTrailEntry[] } {
  const input = buildOpenCaseInput({ caseId: 'case-1', absencePercent: 12.5 });
  const events = [...eventsToReachStep(3), ...extra];
  const state = applyEvents(openCase(input, policy, calendars), events, policy, calendars);
  let step: CaseState['step'] = 1;
  let replay = openCase(input, policy, calendars);
  const trail: AuditTrailEntry[] = [
    {
      seq: '1',
      eventId: 'case-1:case-opened',
      caseId: 'case-1',
      type: 'case-opened',
      origin: 'system',
      step: 1,
      actor: null,
      occurredAt: TEST_OPENED_AT,
      recordedAt: TEST_OPENED_AT,
      payload: { trigger: 'absence-percentage', absencePercent: 12.5, ownerStaffId: input.ownerStaffId },
    },
  ];
  for (const event of events) {
    step = replay.step;
    trail.push({
      seq: String(trail.length + 1),
      eventId: event.eventId,
      caseId: 'case-1',
      type: event.type,
      origin: 'person',
      step,
      actor: event.actor,
      occurredAt: event.occurredAt,
      recordedAt: event.occurredAt,
      payload: event.payload,
    });
    const before = replay;
    replay = applyEvents(replay, [event], policy, calendars);
    // As the workflow records them, right after the event that caused them.
    for (const system of partnerAssignedEvents(before, replay)) {
      trail.push({
        seq: String(trail.length + 1),
        eventId: system.eventId,
        caseId: 'case-1',
        type: system.type,
        origin: 'system',
        step: replay.step,
        actor: null,
        occurredAt: system.occurredAt,
        recordedAt: system.occurredAt,
        payload: system.payload,
      });
    }
  }
  return { state, trail };
}

const student = { id: 'student-test-1', givenName: 'Mia', familyName: 'Johansen', className: '5A' };
const school = { id: 'school-test-1', name: 'Fjordvik barneskole' };

describe('buildActivityPlan', () => {
  it('states the problem, the measures with who and when, and when they are evaluated', () => {
    const extra = measurePlanned('m-3', '2026-11-24T09:00:00.000Z', {
      payload: { what: 'Gradvis økning', evaluateBy: '2026-12-15' },
    });
    const { state, trail } = scenario([extra]);
    const plan = buildActivityPlan({
      state,
      trail,
      student,
      school,
      concernThresholdPercent: 10,
      staffNames: new Map([[state.ownerStaffId, 'Ingrid Haugen']]),
      now: new Date('2026-11-25T10:00:00.000Z'),
    });
    expect(plan).toMatchObject({
      caseId: 'case-1',
      step: 3,
      status: 'open',
      owner: { staffId: state.ownerStaffId, displayName: 'Ingrid Haugen' },
      problem: {
        trigger: 'absence-percentage',
        absencePercentAtOpening: 12.5,
        firstContact: { conclusion: 'concern-remains' },
      },
    });
    expect(plan.measures.map((m) => [m.step, m.measureId, m.evaluateBy, m.responsible.displayName])).toEqual([
      [2, 'measure-step2-1', expect.any(String), 'Ingrid Haugen'],
      [3, 'm-3', '2026-12-15', 'Ingrid Haugen'],
    ]);
    expect(plan.meetings.map((m) => m.kind)).toEqual(['step2-meeting']);
    expect(plan.evaluations.map((e) => e.decision)).toEqual(['next-step']);
    expect(staffIdsIn(state, trail)).toContain(state.ownerStaffId);
    expect(plan.partners).toEqual([]);
  });

  it('names the partner services the case was referred to, and when', () => {
    const { state, trail } = scenario([
      buildCaseEvent('guardian-consent-recorded', { occurredAt: '2026-11-24T08:00:00.000Z' }),
      buildCaseEvent('referral-sent', { occurredAt: '2026-11-24T09:00:00.000Z' }),
    ]);
    const plan = buildActivityPlan({
      state,
      trail,
      student,
      school,
      concernThresholdPercent: 10,
      staffNames: new Map(),
      now: new Date('2026-11-25T10:00:00.000Z'),
    });
    expect(plan.partners).toEqual(
      ['competence-team', 'ppt', 'health-nurse'].map((service) => ({
        service,
        reason: 'referral',
        assignedAt: '2026-11-24T09:00:00.000Z',
        step: 3,
      })),
    );
    const html = renderActivityPlanHtml(plan);
    expect(html).toContain('<h2>Samarbeidspartnere</h2>');
    expect(html).toContain('<li>PP-tjenesten: henvist tirsdag 24. november 2026 (trinn 3)</li>');
    expect(html).toContain('<li>Kompetanseteamet: henvist');
  });
});

describe('renderActivityPlanHtml', () => {
  const { state, trail } = scenario([
    buildCaseEvent('mapping-recorded', { occurredAt: '2026-11-24T08:00:00.000Z' }),
    measurePlanned('m-x', '2026-11-24T09:00:00.000Z', {
      payload: { what: '<img src=x onerror=alert(1)>', how: 'Sammen med "foresatte" & eleven' },
    }),
  ]);
  const plan = buildActivityPlan({
    state,
    trail,
    student: { ...student, familyName: '<b>Johansen</b>' },
    school,
    concernThresholdPercent: 5,
    staffNames: new Map(),
    now: new Date(),
  });
  const html = renderActivityPlanHtml(plan);

  it('is a Norwegian document with the parts §12-4 asks for', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="nb">/);
    for (const heading of [
      'Aktivitetsplan',
      'Problemet tiltakene skal løse',
      'Tiltak',
      'Ansvarlig',
      'Evalueres innen',
      'Når tiltakene evalueres',
      'Kartlegging',
    ]) {
      expect(html).toContain(heading);
    }
    expect(html).toContain('12,5 % fravær da saken ble åpnet (grensen for eleven er 5 %)');
  });

  it('escapes everything that came from people', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Sammen med &quot;foresatte&quot; &amp; eleven');
    expect(html).toContain('Mia &lt;b&gt;Johansen&lt;/b&gt;');
    expect(html).not.toMatch(/<img|<b>|<script/);
  });
});
