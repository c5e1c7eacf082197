// The Temporal UI (search attributes), the lists (read model) and the case view (API) must say the same
// about a case's next deadline and whether it is overdue — in every status, paused above all.
import {
  applyTimerAction,
  defaultLadderPolicy,
  dueTimerActions,
  exampleCalendar2026_2027,
  openCase,
  osloLocalToInstant,
  type CaseState,
} from '@tiltak/domain';
import { applyEvents, buildCaseEvent, buildOpenCaseInput } from '@tiltak/domain/testing';
import { caseRowFromState } from '@tiltak/persistence';
import { caseSearchAttributeValues } from '@tiltak/workflows';
import { CALLERS } from '../testing/callers';
import { caseResponseFrom } from './case-view.mapper';

const policy = defaultLadderPolicy();
const calendars = [exampleCalendar2026_2027()];
const oslo = (date: string, time: string) => osloLocalToInstant(date, time);
const event = (type: 'case-paused' | 'case-closed' | 'case-resumed', at: string) =>
  buildCaseEvent(type, { occurredAt: at });

const opened = openCase(buildOpenCaseInput({ openedAt: oslo('2026-11-23', '10:00') }), policy, calendars);
const missed = dueTimerActions(opened, oslo('2026-11-24', '12:00'), policy).reduce(
  (state, action) => applyTimerAction(state, action),
  opened,
);
const paused = applyEvents(missed, [event('case-paused', oslo('2026-11-24', '13:00'))], policy, calendars);
const resumed = applyEvents(paused, [event('case-resumed', oslo('2026-11-25', '09:00'))], policy, calendars);
const closed = applyEvents(missed, [event('case-closed', oslo('2026-11-24', '13:00'))], policy, calendars);

function views(state: CaseState) {
  const search = caseSearchAttributeValues(state);
  const row = caseRowFromState(state);
  const api = caseResponseFrom(state, 'live', CALLERS.fjordvikLeader);
  return {
    temporalUi: { nextDueAt: search.nextDeadline?.getTime() ?? null, overdue: search.overdue },
    readModel: {
      nextDueAt: row.nextDeadlineAt ? Date.parse(row.nextDeadlineAt) : null,
      overdue: row.overdue,
    },
    api: { nextDueAt: api.nextDeadline ? Date.parse(api.nextDeadline.dueAt) : null, overdue: api.overdue },
  };
}

describe('next deadline and overdue', () => {
  it.each([
    ['just opened', opened, false],
    ['with a missed deadline', missed, true],
    ['paused with a missed deadline', paused, false],
    ['resumed after the pause', resumed, undefined],
    ['closed', closed, false],
  ] as const)('agree in the Temporal UI, the lists and the case view: %s', (_name, state, overdue) => {
    const { temporalUi, readModel, api } = views(state);
    expect(readModel).toEqual(temporalUi);
    expect(api).toEqual(temporalUi);
    if (overdue !== undefined) expect(temporalUi.overdue).toBe(overdue);
  });

  it('a paused case still shows what will be due, a closed one nothing', () => {
    expect(views(paused).temporalUi.nextDueAt).not.toBeNull();
    expect(views(closed).temporalUi.nextDueAt).toBeNull();
  });
});
