import type { Caller } from './caller';
import { CallerCache } from './caller-cache';

const caller = (staffId: string): Caller => ({
  staffId,
  role: 'contact-teacher',
  schoolId: null,
  servesSchoolIds: [],
  displayName: staffId,
  scopes: new Set(),
});

describe('CallerCache', () => {
  let clock = 1_000_000;
  const now = () => clock;

  it('answers a kept caller until the TTL has passed, then forgets it', () => {
    const cache = new CallerCache(10_000, now);
    cache.set('t1', caller('a'), clock + 3600_000);
    clock += 9_999;
    expect(cache.get('t1')?.staffId).toBe('a');
    clock += 1;
    expect(cache.get('t1')).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("ends an entry at the token's expiry when that comes first, and keeps nothing for an expired token", () => {
    const cache = new CallerCache(10_000, now);
    cache.set('t1', caller('a'), clock + 2_000);
    clock += 2_000;
    expect(cache.get('t1')).toBeNull();
    cache.set('t2', caller('b'), clock);
    expect(cache.get('t2')).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('keeps nothing with a TTL of 0', () => {
    const cache = new CallerCache(0, now);
    cache.set('t1', caller('a'), clock + 3600_000);
    expect(cache.get('t1')).toBeNull();
    expect(cache.enabled).toBe(false);
  });

  it('forgets every token of a staff member whose row this API changed, and only theirs', () => {
    const cache = new CallerCache(10_000, now);
    cache.set('t1', caller('a'), clock + 3600_000);
    cache.set('t2', caller('a'), clock + 3600_000);
    cache.set('t3', caller('b'), clock + 3600_000);
    cache.forgetStaff('a');
    expect(cache.get('t1')).toBeNull();
    expect(cache.get('t2')).toBeNull();
    expect(cache.get('t3')?.staffId).toBe('b');
  });

  it('holds at most its bound, dropping the oldest entries first', () => {
    const cache = new CallerCache(10_000, now, 2);
    cache.set('t1', caller('a'), clock + 3600_000);
    cache.set('t2', caller('b'), clock + 3600_000);
    cache.set('t3', caller('c'), clock + 3600_000);
    expect(cache.size).toBe(2);
    expect(cache.get('t1')).toBeNull();
    expect(cache.get('t2')?.staffId).toBe('b');
    expect(cache.get('t3')?.staffId).toBe('c');
  });
});
