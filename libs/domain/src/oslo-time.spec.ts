import {
  addDays,
  addSeconds,
  atSameOsloTimeOn,
  daysBetween,
  instantToMs,
  isoWeekday,
  isValidInstant,
  isValidLocalDate,
  isValidLocalTime,
  lastSundayOfMonth,
  osloDate,
  osloLocalToInstant,
  osloOffsetMinutes,
  toOsloLocal,
} from './oslo-time';

describe('osloOffsetMinutes', () => {
  it.each([
    ['2026-01-15T12:00:00.000Z', 60],
    ['2026-07-01T12:00:00.000Z', 120],
    // Summer time starts on the last Sunday of March at 01:00 UTC...
    ['2026-03-29T00:59:59.999Z', 60],
    ['2026-03-29T01:00:00.000Z', 120],
    ['2027-03-28T00:59:59.999Z', 60],
    ['2027-03-28T01:00:00.000Z', 120],
    ['2025-03-30T01:00:00.000Z', 120],
    // ...and ends on the last Sunday of October at 01:00 UTC.
    ['2026-10-25T00:59:59.999Z', 120],
    ['2026-10-25T01:00:00.000Z', 60],
    ['2027-10-31T00:59:59.999Z', 120],
    ['2027-10-31T01:00:00.000Z', 60],
    ['2025-10-26T01:00:00.000Z', 60],
    ['2026-12-31T23:30:00.000Z', 60],
  ])('%s is +%i minutes', (instant, offset) => {
    expect(osloOffsetMinutes(instant)).toBe(offset);
  });

  it('accepts instants written with an offset', () => {
    expect(osloOffsetMinutes('2026-07-01T14:00:00+02:00')).toBe(120);
  });
});

describe('lastSundayOfMonth', () => {
  it.each([
    [2025, 3, 30],
    [2025, 10, 26],
    [2026, 3, 29],
    [2026, 10, 25],
    [2027, 3, 28],
    [2027, 10, 31],
    [2028, 2, 27],
  ])('%i-%i → %i', (year, month, day) => {
    expect(lastSundayOfMonth(year, month)).toBe(day);
  });
});

describe('toOsloLocal', () => {
  it.each([
    ['2026-11-26T14:00:00.000Z', '2026-11-26', '15:00'],
    ['2026-06-15T13:00:00.000Z', '2026-06-15', '15:00'],
    // Local date differs from the UTC date around midnight.
    ['2026-06-30T22:30:00.000Z', '2026-07-01', '00:30'],
    ['2026-11-29T23:30:00.000Z', '2026-11-30', '00:30'],
    ['2026-12-31T23:30:00.000Z', '2027-01-01', '00:30'],
    // Spring forward: 01:59 is followed by 03:00.
    ['2026-03-29T00:59:00.000Z', '2026-03-29', '01:59'],
    ['2026-03-29T01:00:00.000Z', '2026-03-29', '03:00'],
    // Fall back: 02:30 happens twice.
    ['2026-10-25T00:30:00.000Z', '2026-10-25', '02:30'],
    ['2026-10-25T01:30:00.000Z', '2026-10-25', '02:30'],
    // Seconds are dropped, not rounded.
    ['2026-11-26T14:59:59.999Z', '2026-11-26', '15:59'],
  ])('%s → %s %s', (instant, date, time) => {
    expect(toOsloLocal(instant)).toEqual({ date, time });
  });

  it('rejects what is not an instant', () => {
    expect(() => toOsloLocal('2026-11-26')).toThrow(RangeError);
    expect(() => toOsloLocal('yesterday')).toThrow(RangeError);
  });
});

describe('osloLocalToInstant', () => {
  it.each([
    ['2026-11-26', '15:00', '2026-11-26T14:00:00.000Z'],
    ['2026-06-15', '15:00', '2026-06-15T13:00:00.000Z'],
    ['2027-01-01', '00:00', '2026-12-31T23:00:00.000Z'],
    ['2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'],
    ['2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'],
    ['2026-10-25', '01:59', '2026-10-24T23:59:00.000Z'],
    ['2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'],
  ])('%s %s → %s', (date, time, instant) => {
    expect(osloLocalToInstant(date, time)).toBe(instant);
  });

  it('moves a nonexistent spring-forward time forward by the gap (02:30 → 03:30 summer time)', () => {
    expect(osloLocalToInstant('2026-03-29', '02:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(osloLocalToInstant('2026-03-29', '02:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(toOsloLocal(osloLocalToInstant('2026-03-29', '02:30')).time).toBe('03:30');
    expect(osloLocalToInstant('2027-03-28', '02:59')).toBe('2027-03-28T01:59:00.000Z');
  });

  it('takes the earlier (summer-time) reading of an ambiguous fall-back time', () => {
    expect(osloLocalToInstant('2026-10-25', '02:00')).toBe('2026-10-25T00:00:00.000Z');
    expect(osloLocalToInstant('2026-10-25', '02:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(osloLocalToInstant('2027-10-31', '02:59')).toBe('2027-10-31T00:59:00.000Z');
  });

  it('round-trips every quarter hour across both change weekends, except the gap', () => {
    for (const date of ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const inGap = date === '2026-03-29' && time.startsWith('02:');
        if (!inGap) expect(toOsloLocal(osloLocalToInstant(date, time))).toEqual({ date, time });
      }
    }
  });

  it('round-trips every instant in the change weekends, except the repeated fall-back hour', () => {
    for (const start of ['2026-03-28T00:00:00.000Z', '2026-10-24T00:00:00.000Z']) {
      for (let step = 0; step < 3 * 24 * 4; step++) {
        const instant = addSeconds(start, step * 15 * 60);
        const repeated = instant >= '2026-10-25T01:00:00.000Z' && instant < '2026-10-25T02:00:00.000Z';
        const local = toOsloLocal(instant);
        if (!repeated) expect(osloLocalToInstant(local.date, local.time)).toBe(instant);
      }
    }
  });

  it.each([
    ['2026-11-26', '24:00'],
    ['2026-11-26', '7:00'],
    ['2026-11-26', '15:60'],
    ['2026-02-29', '15:00'],
    ['2026-11-31', '15:00'],
  ])('rejects %s %s', (date, time) => {
    expect(() => osloLocalToInstant(date, time)).toThrow(RangeError);
  });
});

describe('atSameOsloTimeOn', () => {
  it('keeps the wall-clock time across a summer-time change, to the millisecond', () => {
    expect(atSameOsloTimeOn('2026-03-27T14:00:00.000Z', '2026-03-30')).toBe('2026-03-30T13:00:00.000Z');
    expect(atSameOsloTimeOn('2026-10-23T13:00:00.000Z', '2026-10-26')).toBe('2026-10-26T14:00:00.000Z');
    expect(atSameOsloTimeOn('2026-11-26T14:00:05.250Z', '2026-11-20')).toBe('2026-11-20T14:00:05.250Z');
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-11-23', 1],
    ['2026-11-27', 5],
    ['2026-11-28', 6],
    ['2026-11-29', 7],
    ['2024-02-29', 4],
    ['2027-05-17', 1],
  ])('%s is ISO weekday %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-11-26', 0, '2026-11-26'],
    ['2026-11-26', 365, '2027-11-26'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it('knows which dates exist', () => {
    expect(isValidLocalDate('2028-02-29')).toBe(true);
    expect(isValidLocalDate('2026-02-29')).toBe(false);
    expect(isValidLocalDate('2026-13-01')).toBe(false);
    expect(isValidLocalDate('2026-04-31')).toBe(false);
    expect(isValidLocalDate('2026-1-01')).toBe(false);
    expect(isValidLocalDate('2026-11-26T00:00')).toBe(false);
    expect(isValidLocalDate(20261126)).toBe(false);
  });

  it('knows which times and instants are well-formed', () => {
    expect(isValidLocalTime('00:00')).toBe(true);
    expect(isValidLocalTime('23:59')).toBe(true);
    expect(isValidLocalTime('24:00')).toBe(false);
    expect(isValidInstant('2026-11-26T14:00:00.000Z')).toBe(true);
    expect(isValidInstant('2026-11-26T14:00Z')).toBe(true);
    expect(isValidInstant('2026-11-26T15:00:00+01:00')).toBe(true);
    expect(isValidInstant('2026-11-26T14:00:00')).toBe(false);
    expect(isValidInstant('2026-11-26')).toBe(false);
    expect(isValidInstant('2026-02-30T14:00:00Z')).toBe(false);
    expect(instantToMs('2026-11-26T15:00:00+01:00')).toBe(instantToMs('2026-11-26T14:00:00.000Z'));
  });

  it('gives the Oslo date, not the UTC date', () => {
    expect(osloDate('2026-11-29T23:30:00.000Z')).toBe('2026-11-30');
  });
});
