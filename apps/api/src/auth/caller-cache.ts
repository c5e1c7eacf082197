import { createHash } from 'node:crypto';
import type { Caller } from './caller';

/** Enough for every staff member of a large municipality with a few tokens each; the oldest go first. */
const MAX_ENTRIES = 20_000;

interface Entry {
  caller: Caller;
  /** Epoch ms after which the entry is not used: the TTL, or the token's expiry if that is sooner. */
  until: number;
}

/**
 * The caller a verified bearer token stands for, kept for a short time so that a request does not
 * verify the same token and look up the same staff row again (AUTH_CALLER_CACHE_SECONDS, default 10 s).
 * An entry never outlives its token (`exp`), and the directory is asked again after the TTL: a staff
 * member deactivated (or moved to another role or school) in the directory is refused, or acts in the
 * new role, within the TTL; a change this API makes itself (the schools a partner serves) at once. Only accepted tokens are kept; a refused one is verified again every time.
 * Keys are SHA-256 digests of the tokens, so the tokens themselves are not held.
 */
export class CallerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** The caller for the token, while its entry is fresh. */
  get(token: string): Caller | null {
    if (!this.enabled) return null;
    const key = digest(token);
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (this.now() >= entry.until) {
      this.entries.delete(key);
      return null;
    }
    return entry.caller;
  }

  /** Keeps the caller of a token just verified, at most until `expiresAtMs` (the token's `exp`). */
  set(token: string, caller: Caller, expiresAtMs: number): void {
    if (!this.enabled) return;
    const until = Math.min(this.now() + this.ttlMs, expiresAtMs);
    if (until <= this.now()) return;
    const key = digest(token);
    this.entries.delete(key);
    this.entries.set(key, { caller, until });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /**
   * Drops every kept caller of the staff member: called when this API changes the staff row, so the
   * change applies to that person's next request here (other instances see it within the TTL).
   */
  forgetStaff(staffId: string): void {
    for (const [key, entry] of this.entries) if (entry.caller.staffId === staffId) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64');
}
