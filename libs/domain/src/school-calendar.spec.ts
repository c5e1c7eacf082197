import {
  addSchoolDays,
  calendarFor,
  closedPeriodOn,
  countSchoolDays,
  easterSunday,
  exampleCalendar2026_2027,
  isSchoolDay,
  nextSchoolDay,
  previousSchoolDay,
  schoolDayOnOrAfter,
  springHolidays,
  validateSchoolCalendar,
  type SchoolCalendar,
} from './school-calendar';
import { addDays, isoWeekday } from './oslo-time';
import { exampleCalendar2025_2026 } from './testing';

const calendars = [exampleCalendar2025_2026(), exampleCalendar2026_2027()];

describe('easterSunday', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
  ])('%i → %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
    expect(isoWeekday(date)).toBe(7);
  });
});

describe('example calendars', () => {
  it.each([exampleCalendar2025_2026(), exampleCalendar2026_2027()])('$schoolYear is valid', (calendar) => {
    expect(validateSchoolCalendar(calendar)).toEqual([]);
  });

  it('have the 190 school days of a Norwegian school year', () => {
    for (const calendar of calendars) {
      expect(countSchoolDays(calendars, calendar.firstDay, addDays(calendar.lastDay, 1))).toBe(190);
    }
  });

  it('put the autumn break in week 40 and the winter break in week 9, Monday to Friday', () => {
    const names = (calendar: SchoolCalendar, name: string) =>
      calendar.closedPeriods.filter((period) => period.name === name).map(({ from, to }) => [from, to]);
    expect(names(exampleCalendar2025_2026(), 'Høstferie')).toEqual([['2025-09-29', '2025-10-03']]);
    expect(names(exampleCalendar2026_2027(), 'Høstferie')).toEqual([['2026-09-28', '2026-10-02']]);
    expect(names(exampleCalendar2025_2026(), 'Vinterferie')).toEqual([['2026-02-23', '2026-02-27']]);
    expect(names(exampleCalendar2026_2027(), 'Vinterferie')).toEqual([['2027-03-01', '2027-03-05']]);
  });

  it('close for Easter from the Monday of Holy Week to Easter Monday', () => {
    expect(closedPeriodOn(calendars, '2026-03-30')?.name).toBe('Påskeferie');
    expect(closedPeriodOn(calendars, '2026-04-06')?.name).toBe('Påskeferie');
    expect(isSchoolDay(calendars, '2026-04-07')).toBe(true);
    expect(closedPeriodOn(calendars, '2027-03-22')?.name).toBe('Påskeferie');
    expect(closedPeriodOn(calendars, '2027-03-29')?.name).toBe('Påskeferie');
    expect(isSchoolDay(calendars, '2027-03-30')).toBe(true);
  });

  it('close on the spring public holidays', () => {
    expect(closedPeriodOn(calendars, '2026-05-01')?.name).toBe('Arbeidernes dag');
    expect(closedPeriodOn(calendars, '2026-05-14')?.name).toBe('Kristi himmelfartsdag');
    expect(closedPeriodOn(calendars, '2026-05-25')?.name).toBe('2. pinsedag');
    expect(closedPeriodOn(calendars, '2027-05-06')?.name).toBe('Kristi himmelfartsdag');
    // In 2027 Whit Monday falls on Constitution Day: one period, not two overlapping ones.
    expect(closedPeriodOn(calendars, '2027-05-17')?.name).toBe('Grunnlovsdagen og 2. pinsedag');
    expect(springHolidays(2027).filter((period) => period.from === '2027-05-17')).toHaveLength(1);
  });
});

describe('isSchoolDay', () => {
  it.each([
    ['2026-11-26', true, 'an ordinary Thursday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
    ['2026-11-13', false, 'a planning day'],
    ['2026-09-30', false, 'the autumn break'],
    ['2026-12-18', true, 'the last day before Christmas'],
    ['2026-12-21', false, 'the Christmas break'],
    ['2027-01-04', false, 'the planning day after Christmas'],
    ['2027-01-05', true, 'the first day after Christmas'],
    ['2027-03-03', false, 'the winter break'],
    ['2027-05-07', false, 'the Friday after Ascension Day'],
    ['2027-05-17', false, '17 May'],
    ['2026-08-17', false, 'a Monday before the school year starts'],
    ['2026-08-18', true, 'the first day of the school year'],
    ['2027-06-22', true, 'the last day of the school year'],
    ['2027-06-23', false, 'the summer holiday'],
    ['2026-07-15', false, 'summer between two published years'],
    ['2027-07-30', false, 'summer at the end of the last published year'],
  ])('%s is %s (%s)', (date, expected) => {
    expect(isSchoolDay(calendars, date)).toBe(expected);
  });

  it('falls back to Monday–Friday where no calendar covers the date', () => {
    const only = [exampleCalendar2026_2027()];
    expect(calendarFor(only, '2027-08-02')).toBeUndefined();
    expect(isSchoolDay(only, '2027-08-02')).toBe(true);
    expect(isSchoolDay(only, '2027-08-07')).toBe(false);
    expect(isSchoolDay([], '2026-12-24')).toBe(true);
    expect(isSchoolDay([], '2026-12-26')).toBe(false);
  });

  it('lets a calendar speak for its whole school year, 1 August to 31 July', () => {
    expect(calendarFor(calendars, '2026-08-01')?.schoolYear).toBe('2026-2027');
    expect(calendarFor(calendars, '2026-07-31')?.schoolYear).toBe('2025-2026');
  });
});

describe('moving between school days', () => {
  it('finds the next and previous school day across Christmas', () => {
    expect(nextSchoolDay(calendars, '2026-12-18')).toBe('2027-01-05');
    expect(previousSchoolDay(calendars, '2027-01-05')).toBe('2026-12-18');
    expect(schoolDayOnOrAfter(calendars, '2026-12-18')).toBe('2026-12-18');
    expect(schoolDayOnOrAfter(calendars, '2026-12-24')).toBe('2027-01-05');
  });

  it('crosses the summer into the next published school year', () => {
    expect(nextSchoolDay(calendars, '2026-06-23')).toBe('2026-08-18');
    expect(previousSchoolDay(calendars, '2026-08-18')).toBe('2026-06-23');
  });

  it.each([
    ['2026-11-23', 5, '2026-11-30', 'one week'],
    ['2026-11-27', 5, '2026-12-04', 'one week from a Friday'],
    ['2026-11-28', 5, '2026-12-04', 'one week from a Saturday'],
    ['2026-12-14', 5, '2027-01-05', 'across Christmas'],
    ['2026-11-02', 15, '2026-11-24', 'three weeks over a planning day'],
    ['2026-12-10', 15, '2027-01-15', 'three weeks across Christmas'],
    ['2026-03-16', 15, '2026-04-14', 'three weeks across Easter 2026'],
    ['2026-11-26', 0, '2026-11-26', 'no days'],
    ['2027-01-05', -1, '2026-12-18', 'one day back across Christmas'],
    ['2026-11-30', -5, '2026-11-23', 'one week back'],
  ])('addSchoolDays(%s, %i) = %s (%s)', (date, n, expected) => {
    expect(addSchoolDays(calendars, date, n)).toBe(expected);
  });

  it('refuses a fractional number of school days', () => {
    expect(() => addSchoolDays(calendars, '2026-11-26', 1.5)).toThrow(RangeError);
  });

  it('counts school days in a half-open range', () => {
    expect(countSchoolDays(calendars, '2026-11-23', '2026-11-30')).toBe(5);
    expect(countSchoolDays(calendars, '2026-12-19', '2027-01-05')).toBe(0);
    expect(countSchoolDays(calendars, '2026-11-30', '2026-11-23')).toBe(0);
  });

  it('searches past a year with every day closed, into the weekday fallback', () => {
    const closedForever: SchoolCalendar = {
      schoolYear: '2026-2027',
      firstDay: '2026-08-18',
      lastDay: '2027-06-22',
      closedPeriods: [{ from: '2026-08-18', to: '2027-06-22', kind: 'break', name: 'Stengt' }],
    };
    expect(nextSchoolDay([closedForever], '2026-09-01')).toBe('2027-08-02');
  });
});

describe('validateSchoolCalendar', () => {
  const period = (calendar: SchoolCalendar, index: number) => {
    const found = calendar.closedPeriods[index];
    if (!found) throw new Error(`no closed period ${index}`);
    return found;
  };
  const valid = (): SchoolCalendar => ({
    schoolId: 'school-test-1',
    schoolYear: '2026-2027',
    firstDay: '2026-08-18',
    lastDay: '2027-06-22',
    closedPeriods: [
      { from: '2026-09-28', to: '2026-10-02', kind: 'break', name: 'Høstferie' },
      { from: '2026-12-19', to: '2027-01-03', kind: 'break', name: 'Juleferie' },
    ],
  });

  it('accepts a sound calendar', () => {
    expect(validateSchoolCalendar(valid())).toEqual([]);
  });

  it.each<[string, (calendar: SchoolCalendar) => void, string]>([
    ['a bad school year', (c) => (c.schoolYear = '2026/27'), 'schoolYear: must be two consecutive years'],
    [
      'non-consecutive years',
      (c) => (c.schoolYear = '2026-2028'),
      'schoolYear: must be two consecutive years',
    ],
    ['an impossible first day', (c) => (c.firstDay = '2026-08-32'), 'firstDay: must be a valid date'],
    ['a malformed last day', (c) => (c.lastDay = '22.06.2027'), 'lastDay: must be a valid date'],
    [
      'first day after last day',
      (c) => ((c.firstDay = '2027-06-23'), (c.lastDay = '2027-06-22')),
      'firstDay: 2027-06-23 is after lastDay',
    ],
    [
      'days outside the school year',
      (c) => (c.lastDay = '2027-08-05'),
      'firstDay/lastDay: must lie within the school year',
    ],
    [
      'a bad period date',
      (c) => (period(c, 0).from = '2026-02-30'),
      'closedPeriods[0].from: must be a valid date',
    ],
    [
      'a period ending before it starts',
      (c) => (period(c, 0).to = '2026-09-27'),
      'closedPeriods[0]: from 2026-09-28 is after to 2026-09-27',
    ],
    [
      'a period outside the year',
      (c) => (period(c, 1).to = '2027-07-03'),
      'closedPeriods[1]: 2026-12-19..2027-07-03 lies outside',
    ],
    [
      'overlapping periods',
      (c) =>
        c.closedPeriods.push({
          from: '2027-01-02',
          to: '2027-01-04',
          kind: 'planning-day',
          name: 'Planleggingsdag',
        }),
      'closedPeriods[2]: 2027-01-02..2027-01-04 overlaps closedPeriods[1] (Juleferie)',
    ],
    [
      'an unknown kind',
      (c) => ((c.closedPeriods[0] as { kind: string }).kind = 'vacation'),
      'closedPeriods[0].kind: must be one of',
    ],
    ['an empty name', (c) => (period(c, 0).name = ' '), 'closedPeriods[0].name: must be a non-empty name'],
    ['an empty school id', (c) => (c.schoolId = ''), 'schoolId: must be a non-empty string'],
  ])('reports %s', (_label, breakIt, message) => {
    const calendar = valid();
    breakIt(calendar);
    const errors = validateSchoolCalendar(calendar);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it('catches periods nested in a long one, even with another in between', () => {
    const calendar = valid();
    calendar.closedPeriods.push(
      { from: '2026-12-21', to: '2026-12-21', kind: 'planning-day', name: 'Planleggingsdag' },
      { from: '2026-12-28', to: '2026-12-29', kind: 'break', name: 'Romjul' },
    );
    expect(validateSchoolCalendar(calendar)).toEqual([
      'closedPeriods[2]: 2026-12-21..2026-12-21 overlaps closedPeriods[1] (Juleferie)',
      'closedPeriods[3]: 2026-12-28..2026-12-29 overlaps closedPeriods[1] (Juleferie)',
    ]);
  });

  it('reports a period that is not an object', () => {
    const calendar = valid();
    (calendar.closedPeriods as unknown[]).push(null);
    expect(validateSchoolCalendar(calendar)).toEqual([
      'closedPeriods[2]: must be an object with from, to, kind and name',
    ]);
  });

  it('reports every problem at once', () => {
    const calendar = valid();
    calendar.firstDay = 'soon';
    period(calendar, 0).to = '2026-09-01';
    period(calendar, 1).kind = 'party' as never;
    expect(validateSchoolCalendar(calendar)).toHaveLength(3);
  });
});
