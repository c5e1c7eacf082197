import { type CanActivate, type ExecutionContext, Global, Injectable, Logger, Module } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error';
import { ApiConfig } from '../infrastructure/api-config';
import { type RateDecision, TokenBucketLimiter } from './token-bucket';

export type LimitName = 'auth-failures' | 'event-posts' | 'codec';

/**
 * The API's rate limits (requests per minute, from libs/config): refused tokens per client address,
 * event posts per caller, codec calls per client address. Over a limit: 429 with Retry-After.
 */
@Injectable()
export class RateLimits {
  private readonly logger = new Logger('rate-limit');
  private readonly limiters: Record<LimitName, TokenBucketLimiter>;

  constructor(config: ApiConfig) {
    const limits = config.values.http.rateLimits;
    this.limiters = {
      'auth-failures': new TokenBucketLimiter(limits.authFailuresPerAddress),
      'event-posts': new TokenBucketLimiter(limits.eventPostsPerCaller),
      codec: new TokenBucketLimiter(limits.codecPerAddress),
    };
  }

  /** Counts one request against `key`; throws the 429 when its bucket is empty. */
  take(limit: LimitName, key: string, req: Request): void {
    this.refuseUnless(this.limiters[limit].take(key), limit, key, req);
  }

  /** Throws the 429 when `key` has nothing left, without counting (failures are counted by `count`). */
  check(limit: LimitName, key: string, req: Request): void {
    this.refuseUnless(this.limiters[limit].peek(key), limit, key, req);
  }

  /** Counts one event (a refused token) against `key`; the next `check` may refuse. */
  count(limit: LimitName, key: string): void {
    this.limiters[limit].take(key);
  }

  private refuseUnless(decision: RateDecision, limit: LimitName, key: string, req: Request): void {
    if (decision.allowed) return;
    // Ids only: the staff id or the client address the limit is kept for, never a token.
    this.logger.warn({
      msg: 'Rate limited',
      limit,
      key,
      requestId: req.requestId,
      retryAfterSeconds: decision.retryAfterSeconds,
    });
    throw rateLimited(decision.retryAfterSeconds);
  }
}

export function rateLimited(retryAfterSeconds: number): DomainError {
  return new DomainError(
    'RATE_LIMITED',
    `For mange forespørsler. Vent ${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'sekund' : 'sekunder'} og prøv igjen.`,
    { retryAfterSeconds },
  );
}

/**
 * The client's address as Express sees it: the socket's peer, or with API_TRUST_PROXY the address the
 * trusted proxies forwarded (X-Forwarded-For).
 */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** POST /cases/{id}/events: per authenticated caller (runs after the global AuthGuard). */
@Injectable()
export class EventPostRateLimit implements CanActivate {
  constructor(private readonly limits: RateLimits) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    this.limits.take('event-posts', req.caller?.staffId ?? clientAddress(req), req);
    return true;
  }
}

/** /codec: per client address; the Temporal UI calls it with and without a token. */
@Injectable()
export class CodecRateLimit implements CanActivate {
  constructor(private readonly limits: RateLimits) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    this.limits.take('codec', clientAddress(req), req);
    return true;
  }
}

@Global()
@Module({
  providers: [RateLimits, EventPostRateLimit, CodecRateLimit],
  exports: [RateLimits, EventPostRateLimit, CodecRateLimit],
})
export class RateLimitModule {}
