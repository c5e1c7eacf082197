import { missingBeforeEvaluation, openCase } from './case-rules';
import { defaultLadderPolicy } from './default-policy';
import type { CaseState, Step } from './model';
import { addSeconds } from './oslo-time';
import { exampleCalendar2026_2027 } from './school-calendar';
import { CHECKLIST, CHECKLIST_CODES, checklistBlockingEvaluation, stepChecklist } from './step-checklist';
import {
  applyEvents,
  buildCaseEvent,
  buildOpenCaseInput,
  eventsToReachStep,
  measurePlanned,
  meetingHeld,
} from './testing';

const policy = defaultLadderPolicy();
const calendars = [exampleCalendar2026_2027()];
const atStep = (step: Step): CaseState =>
  applyEvents(openCase(buildOpenCaseInput(), policy, calendars), eventsToReachStep(step), policy, calendars);
const after = (state: CaseState, hours: number) => addSeconds(state.lastEventAt, hours * 3600);
const codes = (state: CaseState) => stepChecklist(state).map((item) => item.code);

describe('stepChecklist', () => {
  it('asks for the same-day talk at step 1', () => {
    expect(stepChecklist(atStep(1))).toEqual([
      {
        code: 'step1-contact',
        text: 'Snakk med eleven og ta kontakt med foresatte samme dag, og registrer samtalen.',
      },
    ]);
  });

  it('ticks off the step-2 meeting and measure as they are recorded', () => {
    const state = atStep(2);
    expect(codes(state)).toEqual(['step2-meeting', 'step2-measure']);
    const met = applyEvents(state, [meetingHeld('step2-meeting', after(state, 1))], policy, calendars);
    expect(codes(met)).toEqual(['step2-measure']);
    const planned = applyEvents(met, [measurePlanned('m-1', after(met, 1))], policy, calendars);
    expect(codes(planned)).toEqual([]);
  });

  it('lists consent before the referral at step 3, and drops it once given', () => {
    const state = atStep(3);
    expect(codes(state)).toEqual([
      'step3-consent',
      'step3-referral',
      'step3-team-meeting',
      'step3-team-advice',
    ]);
    const consented = applyEvents(
      state,
      [buildCaseEvent('guardian-consent-recorded', { occurredAt: after(state, 1) })],
      policy,
      calendars,
    );
    expect(codes(consented)).toEqual(['step3-referral', 'step3-team-meeting', 'step3-team-advice']);
  });

  it('asks for the collaboration meeting at step 4 and nothing once closed', () => {
    const state = atStep(4);
    expect(codes(state)).toEqual(['step4-collaboration-meeting']);
    const closed = applyEvents(
      state,
      [buildCaseEvent('case-closed', { occurredAt: after(state, 1) })],
      policy,
      calendars,
    );
    expect(stepChecklist(closed)).toEqual([]);
  });

  it('is what the workflow waits for before an evaluation', () => {
    for (const step of [2, 3, 4] as const) {
      const state = atStep(step);
      expect(missingBeforeEvaluation(state)).toEqual(checklistBlockingEvaluation(state));
      expect(checklistBlockingEvaluation(state).length).toBeGreaterThan(0);
    }
  });

  it('has a Norwegian sentence for every code', () => {
    for (const code of CHECKLIST_CODES) {
      expect(CHECKLIST[code].text).toMatch(/^[A-ZÆØÅ].*\.$/);
      expect(CHECKLIST[code].text).not.toMatch(/\b(the|record|send|referral|meeting)\b/i);
    }
  });
});
