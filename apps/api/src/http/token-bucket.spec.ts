import { TokenBucketLimiter } from './token-bucket';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBucketLimiter', () => {
  it('lets a burst of the limit through, then refuses with the seconds until the next token', () => {
    const time = clock();
    const limiter = new TokenBucketLimiter(30, time.now);
    for (let i = 0; i < 30; i++) expect(limiter.take('10.0.0.1')).toEqual({ allowed: true });
    // 30 a minute: one token every 2 s.
    expect(limiter.take('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    time.advance(1_000);
    expect(limiter.take('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    time.advance(1_000);
    expect(limiter.take('10.0.0.1')).toEqual({ allowed: true });
    expect(limiter.take('10.0.0.1')).toMatchObject({ allowed: false });
  });

  it('keeps keys apart', () => {
    const limiter = new TokenBucketLimiter(1, clock().now);
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.take('b')).toEqual({ allowed: true });
  });

  it('refills to the limit, never beyond', () => {
    const time = clock();
    const limiter = new TokenBucketLimiter(2, time.now);
    limiter.take('a');
    time.advance(60 * 60_000);
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toMatchObject({ allowed: false });
  });

  it('peeks without taking', () => {
    const limiter = new TokenBucketLimiter(1, clock().now);
    expect(limiter.peek('a')).toEqual({ allowed: true });
    expect(limiter.peek('a')).toEqual({ allowed: true });
    limiter.take('a');
    expect(limiter.peek('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('stays within its memory bound under many addresses', () => {
    const time = clock();
    const limiter = new TokenBucketLimiter(10, time.now, 100);
    limiter.take('busy');
    for (let i = 0; i < 10; i++) limiter.take('busy');
    time.advance(1);
    for (let i = 0; i < 1_000; i++) limiter.take(`idle-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});
