/** Whether a request may go ahead, and if not, after how many seconds the next one would. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per key (a client address, a staff id): `perMinute` tokens, refilled evenly, so a
 * burst of `perMinute` passes and after that one request per 60/perMinute seconds. In memory, per
 * process: see docs/adr/0004-rate-limits.md.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    /** Beyond this many keys, full buckets are forgotten (and then the longest-known), so memory stays bounded. */
    private readonly maxKeys = 50_000,
  ) {
    this.refillPerMs = perMinute / 60_000;
  }

  /** Takes one token for `key`; refused, taking nothing, when the bucket is empty. */
  take(key: string): RateDecision {
    const bucket = this.refilled(key);
    if (bucket.tokens < 1) return this.refusal(bucket);
    bucket.tokens -= 1;
    return { allowed: true };
  }

  /** Whether `key` has a token left, without taking it (auth failures are counted after the fact). */
  peek(key: string): RateDecision {
    const bucket = this.buckets.get(key);
    if (!bucket) return { allowed: true };
    const tokens = Math.min(this.perMinute, bucket.tokens + (this.now() - bucket.at) * this.refillPerMs);
    return tokens >= 1 ? { allowed: true } : this.refusal({ tokens, at: this.now() });
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.forget(now);
      bucket = { tokens: this.perMinute, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.refillPerMs);
    bucket.at = now;
    return bucket;
  }

  private refusal(bucket: Bucket): RateDecision {
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000)),
    };
  }

  private forget(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.refillPerMs >= this.perMinute) this.buckets.delete(key);
    }
    // Still full of busy keys (many addresses at once): the oldest entries go; they start afresh.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }

  /** How many keys are remembered (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }
}
