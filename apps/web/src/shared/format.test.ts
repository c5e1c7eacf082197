import { describe, expect, it } from 'vitest';
import { addDays, calendarDateText, dueText, todayInOslo } from './format';

// 2026-12-09 is a Wednesday; Oslo is UTC+1 in December.
const now = new Date('2026-12-09T08:00:00Z');

describe('dueText', () => {
  it('says "i dag kl. 15.00" for a deadline later today in Oslo', () => {
    expect(dueText('2026-12-09T14:00:00Z', now)).toBe('i dag kl. 15.00');
  });
  it('says "i morgen" for tomorrow, and counts the day in Oslo, not UTC', () => {
    expect(dueText('2026-12-10T08:30:00Z', now)).toBe('i morgen kl. 09.30');
    // 23:30 UTC on the 9th is already the 10th in Oslo.
    expect(dueText('2026-12-09T23:30:00Z', now)).toBe('i morgen kl. 00.30');
  });
  it('says "i går" for an overdue deadline from yesterday', () => {
    expect(dueText('2026-12-08T15:00:00Z', now)).toBe('i går kl. 16.00');
  });
  it('names the weekday and date further out ("fredag 11. desember")', () => {
    expect(dueText('2026-12-11T14:00:00Z', now)).toBe('fredag 11. desember');
  });
  it('adds the year when it is not this year', () => {
    expect(dueText('2027-01-08T10:00:00Z', now)).toBe('fredag 8. januar 2027');
  });
  it('follows summer time (UTC+2)', () => {
    expect(dueText('2026-06-10T13:00:00Z', new Date('2026-06-10T06:00:00Z'))).toBe('i dag kl. 15.00');
  });
});

describe('calendar dates', () => {
  it('formats a date as the Norwegian long form', () => {
    expect(calendarDateText('2026-12-14')).toBe('14. desember 2026');
  });
  it('takes today in Oslo and adds days across a month end', () => {
    expect(todayInOslo(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(addDays('2026-12-20', 21)).toBe('2027-01-10');
  });
});
