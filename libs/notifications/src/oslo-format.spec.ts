import {
  formatOsloDate,
  formatOsloDateTime,
  formatOsloTime,
  isSameOsloDate,
  isoWeekKey,
} from './oslo-format';

describe('Oslo dates and times in Norwegian', () => {
  it('writes a winter time with weekday, month name and a full stop in the clock', () => {
    expect(formatOsloDateTime('2026-01-15T14:00:00.000Z')).toBe('torsdag 15. januar 2026 kl. 15.00');
  });

  it('shows the same school-day end (15.00) on both sides of the spring change', () => {
    // Friday before the change: UTC+1. Monday after: UTC+2.
    expect(formatOsloDateTime('2026-03-27T14:00:00.000Z')).toBe('fredag 27. mars 2026 kl. 15.00');
    expect(formatOsloDateTime('2026-03-30T13:00:00.000Z')).toBe('mandag 30. mars 2026 kl. 15.00');
  });

  it('shows the same school-day end (15.00) on both sides of the autumn change', () => {
    expect(formatOsloDateTime('2026-10-23T13:00:00.000Z')).toBe('fredag 23. oktober 2026 kl. 15.00');
    expect(formatOsloDateTime('2026-10-26T14:00:00.000Z')).toBe('mandag 26. oktober 2026 kl. 15.00');
  });

  it('jumps from 01.59 to 03.00 in the night of the spring change', () => {
    expect(formatOsloTime('2026-03-29T00:59:00.000Z')).toBe('01.59');
    expect(formatOsloTime('2026-03-29T01:00:00.000Z')).toBe('03.00');
  });

  it('puts a late UTC evening on the next Oslo date', () => {
    expect(formatOsloDate('2026-06-30T22:30:00.000Z')).toBe('onsdag 1. juli 2026');
    expect(isSameOsloDate('2026-06-30T21:30:00.000Z', '2026-06-30T22:30:00.000Z')).toBe(false);
    expect(isSameOsloDate('2026-06-30T06:00:00.000Z', '2026-06-30T21:30:00.000Z')).toBe(true);
  });

  it('names ISO weeks on the Oslo calendar', () => {
    expect(isoWeekKey('2026-01-01T12:00:00.000Z')).toBe('2026-W01');
    expect(isoWeekKey('2027-01-01T12:00:00.000Z')).toBe('2026-W53');
    // Sunday 23:30 UTC is already Monday in Oslo (summer time): the next week.
    expect(isoWeekKey('2026-03-29T21:00:00.000Z')).toBe('2026-W13');
    expect(isoWeekKey('2026-03-29T22:30:00.000Z')).toBe('2026-W14');
  });
});
