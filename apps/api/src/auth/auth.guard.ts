import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { isUuid } from '../common/uuid-v5';
import { DomainError } from '../errors/domain-error';
import { clientAddress, RateLimits } from '../http/rate-limits';
import { DirectoryStore } from '../infrastructure/stores.provider';
import { type Caller, callerOfStaff } from './caller';
import { CallerCache } from './caller-cache';
import { IS_OPTIONAL_AUTH, IS_PUBLIC } from './public.decorator';
import { isSafeMethod } from './session-cookie';
import { callerOfSession, Sessions } from './sessions.service';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * Global: every route needs a valid bearer token whose subject is an active staff member, or the web
 * app's session cookie (ADR 0007). The role and school come from the staff directory, never from the
 * token or the session, so revoking someone is one update. A bearer token wins over a cookie; with
 * the cookie, a request that changes something must carry the session's CSRF token. Routes that
 * answer anonymously too (@OptionalAuth: the codec) take bearer tokens only.
 *
 * A bearer token's caller is kept for AUTH_CALLER_CACHE_SECONDS (CallerCache; never past the token's
 * expiry), so a person's next requests cost neither the verification nor the directory lookup; a
 * deactivation in the directory takes effect within that time.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly directoryStore: DirectoryStore,
    private readonly limits: RateLimits,
    private readonly sessions: Sessions,
    private readonly callers: CallerCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const req = context.switchToHttp().getRequest<Request>();
    const optional = this.reflector.getAllAndOverride<boolean>(IS_OPTIONAL_AUTH, [
      context.getHandler(),
      context.getClass(),
    ]);
    const header = req.header('authorization');
    if (!header) {
      if (optional) return true;
      const cookie = this.sessions.cookieOf(req);
      if (cookie) {
        const active = await this.sessions.resolve(cookie, context.switchToHttp().getResponse<Response>());
        if (!isSafeMethod(req.method)) this.sessions.requireCsrfToken(req, active);
        req.caller = callerOfSession(active);
        return true;
      }
      throw unauthenticated('A bearer token is required (Authorization: Bearer <token>).');
    }
    // Guessing tokens from one address is throttled before any verification work; every refused
    // credential counts, a missing one does not (that is a browser or a misconfigured client).
    const address = clientAddress(req);
    this.limits.check('auth-failures', address, req);
    try {
      req.caller = await this.authenticate(req, header);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'UNAUTHENTICATED')
        this.limits.count('auth-failures', address);
      throw err;
    }
    return true;
  }

  private async authenticate(req: Request, header: string): Promise<Caller> {
    const token = BEARER.exec(header)?.[1];
    if (!token) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    const known = this.callers.get(token);
    if (known) return known;

    let verified;
    try {
      verified = await this.verifier.verifyToken(token);
    } catch (err) {
      const reason = err instanceof InvalidTokenError ? err.message : 'the token could not be verified';
      this.logger.warn({ msg: 'Token refused', requestId: req.requestId, reason });
      throw unauthenticated(`The bearer token was refused: ${reason}.`);
    }

    const staff = isUuid(verified.subject)
      ? await (await this.directoryStore.get()).getStaff(verified.subject)
      : null;
    if (!staff || !staff.active) {
      this.logger.warn({
        msg: 'Token subject is not active staff',
        requestId: req.requestId,
        subject: verified.subject,
      });
      throw unauthenticated('The token does not belong to an active staff member.');
    }
    const caller = callerOfStaff(staff, verified.scopes);
    this.callers.set(token, caller, verified.expiresAtMs);
    return caller;
  }
}

function unauthenticated(message: string): DomainError {
  return new DomainError('UNAUTHENTICATED', message);
}
