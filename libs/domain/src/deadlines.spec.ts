import { defaultLadderPolicy } from './default-policy';
import {
  applyOffset,
  computeDueAt,
  endOfSchoolDay,
  schoolDayEndsBetween,
  scheduleDeadline,
  stepOfDeadlineKind,
} from './deadlines';
import { DEADLINE_KINDS } from './model';
import { osloLocalToInstant, toOsloLocal } from './oslo-time';
import type { DeadlineSpan } from './policy';
import { addSchoolDays, exampleCalendar2026_2027, isSchoolDay, type SchoolCalendar } from './school-calendar';
import { shortTestPolicy, exampleCalendar2025_2026 } from './testing';

// Times in these tests are Oslo wall-clock unless written as UTC instants.
const oslo = (date: string, time: string) => osloLocalToInstant(date, time);
const calendars = [exampleCalendar2025_2026(), exampleCalendar2026_2027()];
// The next year as a municipality might publish it (only what the summer tests need).
const calendar2027_2028: SchoolCalendar = {
  schoolYear: '2027-2028',
  firstDay: '2027-08-17',
  lastDay: '2028-06-21',
  closedPeriods: [{ from: '2027-10-04', to: '2027-10-08', kind: 'break', name: 'Høstferie' }],
};
const END = '15:00';
const sameDay: DeadlineSpan = { unit: 'same-school-day' };
const oneWeek: DeadlineSpan = { unit: 'school-days', count: 5 };
const threeWeeks: DeadlineSpan = { unit: 'school-days', count: 15 };

describe('computeDueAt: same school day (step 1: talk with student and guardians)', () => {
  it.each([
    ['raised on a Thursday morning', oslo('2026-11-26', '10:00'), '2026-11-26T14:00:00.000Z'],
    ['raised a second before the school day ends', '2026-11-26T13:59:59.000Z', '2026-11-26T14:00:00.000Z'],
    ['raised exactly as the school day ends', oslo('2026-11-26', '15:00'), '2026-11-27T14:00:00.000Z'],
    ['raised after hours', oslo('2026-11-26', '16:30'), '2026-11-27T14:00:00.000Z'],
    ['raised on Friday evening', oslo('2026-11-27', '19:00'), '2026-11-30T14:00:00.000Z'],
    ['raised on a Saturday', oslo('2026-11-28', '11:00'), '2026-11-30T14:00:00.000Z'],
    ['raised late on Sunday', oslo('2026-11-29', '23:59'), '2026-11-30T14:00:00.000Z'],
    // 00:30 on Monday in Oslo is still Sunday in UTC: the Oslo date decides.
    ['raised just after midnight on Monday', '2026-11-29T23:30:00.000Z', '2026-11-30T14:00:00.000Z'],
    ['raised on a planning day', oslo('2026-11-13', '09:00'), '2026-11-16T14:00:00.000Z'],
    ['raised in the Christmas break', oslo('2026-12-28', '10:00'), '2027-01-05T14:00:00.000Z'],
    [
      'raised after the last school day before Christmas',
      oslo('2026-12-18', '16:00'),
      '2027-01-05T14:00:00.000Z',
    ],
    [
      'raised on Ascension Day (Friday is a planning day)',
      oslo('2027-05-06', '10:00'),
      '2027-05-10T13:00:00.000Z',
    ],
    ['raised on 17 May', oslo('2027-05-17', '12:00'), '2027-05-18T13:00:00.000Z'],
    ['raised in summer time', oslo('2027-04-14', '10:00'), '2027-04-14T13:00:00.000Z'],
    // The clocks go back on Sunday 25 October 2026: 15:00 is 13:00 UTC on Friday, 14:00 UTC on Monday.
    [
      'raised on the Friday evening before the clocks go back',
      oslo('2026-10-23', '17:00'),
      '2026-10-26T14:00:00.000Z',
    ],
    // The clocks go forward on Easter weekend 2026 (29 March), inside the Easter break.
    [
      'raised on the Friday before Easter and summer time',
      oslo('2026-03-27', '17:00'),
      '2026-04-07T13:00:00.000Z',
    ],
    ['raised in summer between two school years', oslo('2026-07-10', '10:00'), '2026-08-18T13:00:00.000Z'],
  ])('%s', (_label, from, expected) => {
    expect(computeDueAt(sameDay, from, calendars, END)).toBe(expected);
  });

  it('crosses the spring-forward weekend on plain weekdays when no calendar is published', () => {
    expect(computeDueAt(sameDay, oslo('2026-03-27', '17:00'), [], END)).toBe('2026-03-30T13:00:00.000Z');
  });

  it('ends at 15:00 Oslo time on every school day of the year, summer time or not', () => {
    for (let date = '2026-08-18'; date <= '2027-06-22'; date = addSchoolDays(calendars, date, 1)) {
      const due = computeDueAt(sameDay, oslo(date, '08:00'), calendars, END);
      expect(toOsloLocal(due)).toEqual({ date, time: '15:00' });
    }
  });

  it('uses the policy’s end of the school day', () => {
    expect(computeDueAt(sameDay, oslo('2026-11-26', '13:30'), calendars, '14:00')).toBe(
      oslo('2026-11-26', '14:00'),
    );
    expect(computeDueAt(sameDay, oslo('2026-11-26', '14:30'), calendars, '14:00')).toBe(
      oslo('2026-11-27', '14:00'),
    );
  });
});

describe('computeDueAt: school days ("within 1 week" = 5, "3 weeks" = 15)', () => {
  it.each([
    ['one week from a Monday morning', oneWeek, oslo('2026-11-23', '10:00'), oslo('2026-11-30', '15:00')],
    // The opening day never counts, so the hour it opens at does not matter.
    ['one week from a Monday after hours', oneWeek, oslo('2026-11-23', '18:00'), oslo('2026-11-30', '15:00')],
    ['one week from Friday evening', oneWeek, oslo('2026-11-27', '19:00'), oslo('2026-12-04', '15:00')],
    ['one week from a Saturday', oneWeek, oslo('2026-11-28', '10:00'), oslo('2026-12-04', '15:00')],
    ['one week from a planning day', oneWeek, oslo('2026-11-13', '10:00'), oslo('2026-11-20', '15:00')],
    ['one week across a planning day', oneWeek, oslo('2026-11-10', '10:00'), oslo('2026-11-18', '15:00')],
    ['one week across Christmas', oneWeek, oslo('2026-12-15', '10:00'), oslo('2027-01-06', '15:00')],
    ['one week across the autumn break', oneWeek, oslo('2026-09-24', '10:00'), oslo('2026-10-08', '15:00')],
    ['one week across the winter break', oneWeek, oslo('2027-02-24', '10:00'), oslo('2027-03-10', '15:00')],
    ['one week across Easter 2027', oneWeek, oslo('2027-03-18', '10:00'), oslo('2027-04-02', '15:00')],
    [
      'one week across Ascension Day and the planning day after',
      oneWeek,
      oslo('2027-05-04', '10:00'),
      oslo('2027-05-13', '15:00'),
    ],
    ['one week across 17 May', oneWeek, oslo('2027-05-12', '10:00'), oslo('2027-05-20', '15:00')],
    ['one week over the clocks going back', oneWeek, oslo('2026-10-21', '10:00'), '2026-10-28T14:00:00.000Z'],
    [
      'one week over Easter and the clocks going forward',
      oneWeek,
      oslo('2026-03-24', '10:00'),
      '2026-04-08T13:00:00.000Z',
    ],
    ['three weeks over a planning day', threeWeeks, oslo('2026-11-02', '12:00'), oslo('2026-11-24', '15:00')],
    [
      'three weeks starting before Christmas',
      threeWeeks,
      oslo('2026-12-10', '12:00'),
      '2027-01-15T14:00:00.000Z',
    ],
    [
      'three weeks across the winter break',
      threeWeeks,
      oslo('2027-02-15', '12:00'),
      oslo('2027-03-15', '15:00'),
    ],
    ['three weeks across Easter 2026', threeWeeks, oslo('2026-03-16', '12:00'), '2026-04-14T13:00:00.000Z'],
    ['one week into the next school year', oneWeek, oslo('2026-06-17', '12:00'), '2026-08-18T13:00:00.000Z'],
  ])('%s', (_label, span, from, expected) => {
    expect(computeDueAt(span, from, calendars, END)).toBe(expected);
  });

  it('crosses the spring-forward weekend on plain weekdays when no calendar is published', () => {
    expect(computeDueAt(oneWeek, oslo('2026-03-25', '10:00'), [], END)).toBe('2026-04-01T13:00:00.000Z');
  });

  describe('at the end of the school year', () => {
    const withNextYear = [...calendars, calendar2027_2028];

    it('continues on the first school days of the next year when that calendar is given', () => {
      // 8–11, 14–18, 21–22 June is 11 days; 17–20 August the last four.
      expect(computeDueAt(threeWeeks, oslo('2027-06-07', '12:00'), withNextYear, END)).toBe(
        oslo('2027-08-20', '15:00'),
      );
      expect(computeDueAt(oneWeek, oslo('2027-06-21', '12:00'), withNextYear, END)).toBe(
        oslo('2027-08-20', '15:00'),
      );
      expect(computeDueAt(sameDay, oslo('2027-06-22', '16:00'), withNextYear, END)).toBe(
        oslo('2027-08-17', '15:00'),
      );
    });

    it('falls back to weekdays from 1 August when the next year is not published', () => {
      expect(computeDueAt(threeWeeks, oslo('2027-06-07', '12:00'), calendars, END)).toBe(
        oslo('2027-08-05', '15:00'),
      );
      expect(computeDueAt(sameDay, oslo('2027-06-22', '16:00'), calendars, END)).toBe(
        oslo('2027-08-02', '15:00'),
      );
    });
  });

  it('always ends at the end of a school day', () => {
    for (let from = '2026-08-01'; from < '2027-06-01'; from = addSchoolDays([], from, 3)) {
      for (const span of [oneWeek, threeWeeks]) {
        const due = toOsloLocal(computeDueAt(span, oslo(from, '11:00'), calendars, END));
        expect(due.time).toBe('15:00');
        expect(isSchoolDay(calendars, due.date)).toBe(true);
      }
    }
  });

  it('refuses a span of zero or a fraction', () => {
    expect(() =>
      computeDueAt({ unit: 'school-days', count: 0 }, oslo('2026-11-26', '10:00'), calendars, END),
    ).toThrow(RangeError);
    expect(() =>
      computeDueAt({ unit: 'seconds', count: 1.5 }, oslo('2026-11-26', '10:00'), calendars, END),
    ).toThrow(RangeError);
  });
});

describe('computeDueAt: seconds (test policies)', () => {
  it('adds wall-clock seconds, whatever the calendar says', () => {
    expect(computeDueAt({ unit: 'seconds', count: 6 }, '2026-12-25T10:00:00.000Z', calendars, END)).toBe(
      '2026-12-25T10:00:06.000Z',
    );
  });
});

describe('applyOffset', () => {
  it.each([
    [
      '2 hours before a same-day deadline',
      '2026-11-26T14:00:00.000Z',
      { unit: 'hours', count: 2 },
      'before',
      '2026-11-26T12:00:00.000Z',
    ],
    [
      '1 school day before a Monday deadline',
      oslo('2026-11-30', '15:00'),
      { unit: 'school-days', count: 1 },
      'before',
      oslo('2026-11-27', '15:00'),
    ],
    [
      '1 school day before the first day after Christmas',
      oslo('2027-01-05', '15:00'),
      { unit: 'school-days', count: 1 },
      'before',
      oslo('2026-12-18', '15:00'),
    ],
    [
      '2 school days before a Monday after the clocks go back',
      '2026-10-26T14:00:00.000Z',
      { unit: 'school-days', count: 2 },
      'before',
      '2026-10-22T13:00:00.000Z',
    ],
    [
      '1 school day after the last day before Christmas',
      oslo('2026-12-18', '15:00'),
      { unit: 'school-days', count: 1 },
      'after',
      oslo('2027-01-05', '15:00'),
    ],
    [
      '2 school days after the Friday before Easter and summer time',
      '2027-03-19T14:00:00.000Z',
      { unit: 'school-days', count: 2 },
      'after',
      '2027-03-31T13:00:00.000Z',
    ],
    [
      '1 school day after a Friday',
      oslo('2026-11-27', '15:00'),
      { unit: 'school-days', count: 1 },
      'after',
      oslo('2026-11-30', '15:00'),
    ],
    // A seconds deadline may fall on a Saturday; the result still lands on a school day, same time.
    [
      '1 school day before a Saturday noon',
      oslo('2026-11-28', '12:00'),
      { unit: 'school-days', count: 1 },
      'before',
      oslo('2026-11-27', '12:00'),
    ],
    [
      '1 school day after a Saturday noon',
      oslo('2026-11-28', '12:00'),
      { unit: 'school-days', count: 1 },
      'after',
      oslo('2026-11-30', '12:00'),
    ],
    // Hours are elapsed time: 12 hours before noon on the spring-forward Sunday is 23:00 on Saturday.
    [
      '12 hours before noon on the spring-forward Sunday',
      oslo('2026-03-29', '12:00'),
      { unit: 'hours', count: 12 },
      'before',
      oslo('2026-03-28', '23:00'),
    ],
    [
      '3 seconds before',
      '2026-11-26T10:00:06.000Z',
      { unit: 'seconds', count: 3 },
      'before',
      '2026-11-26T10:00:03.000Z',
    ],
    [
      '3 seconds after',
      '2026-11-26T10:00:06.000Z',
      { unit: 'seconds', count: 3 },
      'after',
      '2026-11-26T10:00:09.000Z',
    ],
    [
      'nothing',
      '2026-11-26T10:00:06.000Z',
      { unit: 'school-days', count: 0 },
      'after',
      '2026-11-26T10:00:06.000Z',
    ],
  ] as const)('%s', (_label, instant, offset, direction, expected) => {
    expect(applyOffset(instant, offset, direction, calendars)).toBe(expected);
  });

  it('refuses a negative count', () => {
    expect(() =>
      applyOffset('2026-11-26T10:00:00.000Z', { unit: 'hours', count: -1 }, 'before', calendars),
    ).toThrow(RangeError);
  });
});

describe('scheduleDeadline', () => {
  const policy = defaultLadderPolicy();

  it('opens a step-1 contact deadline with a reminder two hours before', () => {
    expect(scheduleDeadline('step1-contact', 1, oslo('2026-11-26', '09:15'), policy, calendars)).toEqual({
      id: 'step1-contact#1',
      kind: 'step1-contact',
      step: 1,
      dueAt: oslo('2026-11-26', '15:00'),
      remindAt: oslo('2026-11-26', '13:00'),
      escalateAt: oslo('2026-11-27', '15:00'),
      status: 'open',
    });
  });

  it('opens a step-2 meeting deadline a week out, reminded the school day before', () => {
    expect(
      scheduleDeadline('step2-meeting', 2, oslo('2026-11-23', '10:00'), policy, calendars),
    ).toMatchObject({
      id: 'step2-meeting#2',
      step: 2,
      dueAt: oslo('2026-11-30', '15:00'),
      remindAt: oslo('2026-11-27', '15:00'),
      escalateAt: oslo('2026-12-01', '15:00'),
    });
  });

  it('opens a step-3 evaluation three weeks out across Christmas, escalating two school days late', () => {
    expect(
      scheduleDeadline('step3-evaluation', 7, oslo('2026-12-10', '12:00'), policy, calendars),
    ).toMatchObject({
      dueAt: oslo('2027-01-15', '15:00'),
      remindAt: oslo('2027-01-13', '15:00'),
      escalateAt: oslo('2027-01-19', '15:00'),
    });
  });

  it('keeps reminder, deadline and escalation in order for every kind under both policies', () => {
    for (const p of [policy, shortTestPolicy()]) {
      for (const kind of DEADLINE_KINDS) {
        const deadline = scheduleDeadline(kind, 1, oslo('2026-12-17', '14:30'), p, calendars);
        expect(deadline.remindAt <= deadline.dueAt && deadline.dueAt <= deadline.escalateAt).toBe(true);
        expect(deadline.step).toBe(stepOfDeadlineKind(kind));
      }
    }
  });

  it('counts seconds under the short test policy', () => {
    expect(
      scheduleDeadline('step2-meeting', 1, '2026-11-26T10:00:00.000Z', shortTestPolicy(), calendars),
    ).toMatchObject({
      remindAt: '2026-11-26T10:00:03.000Z',
      dueAt: '2026-11-26T10:00:06.000Z',
      escalateAt: '2026-11-26T10:00:09.000Z',
    });
  });
});

describe('schoolDayEndsBetween', () => {
  it.each([
    [
      'a pause from Monday morning to Wednesday morning',
      oslo('2026-11-23', '09:00'),
      oslo('2026-11-25', '10:00'),
      2,
    ],
    ['a pause within one school day', oslo('2026-11-23', '09:00'), oslo('2026-11-23', '14:00'), 0],
    ['a pause overnight after school', oslo('2026-11-23', '16:00'), oslo('2026-11-24', '08:00'), 0],
    [
      'a pause that ends exactly at the end of the day',
      oslo('2026-11-23', '09:00'),
      oslo('2026-11-23', '15:00'),
      1,
    ],
    ['a pause over Christmas', oslo('2026-12-16', '10:00'), oslo('2027-01-06', '10:00'), 4],
    ['a pause over a weekend', oslo('2026-11-27', '16:00'), oslo('2026-11-30', '08:00'), 0],
  ])('%s', (_label, from, to, expected) => {
    expect(schoolDayEndsBetween(calendars, from, to, END)).toBe(expected);
  });

  it('agrees with endOfSchoolDay', () => {
    const end = endOfSchoolDay('2026-11-23', END);
    expect(schoolDayEndsBetween(calendars, end, end, END)).toBe(0);
  });
});
