import { type ExecutionContext, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '@tiltak/config';
import type { StaffMember } from '@tiltak/persistence';
import type { Request } from 'express';
import { DEMO_STAFF } from '../demo/demo-data';
import { RateLimits } from '../http/rate-limits';
import { ApiConfig } from '../infrastructure/api-config';
import type { DirectoryStore } from '../infrastructure/stores.provider';
import { AuthGuard } from './auth.guard';
import { CallerCache } from './caller-cache';
import type { Sessions } from './sessions.service';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';

const teacher: StaffMember = {
  ...DEMO_STAFF.fjordvikTeacher5A,
  active: true,
  createdAt: '2026-08-01T00:00:00.000Z',
};
const IN_AN_HOUR = Date.now() + 3600_000;
const tokens: Record<string, { subject: string; scopes: Set<string>; expiresAtMs: number }> = {
  good: { subject: teacher.id, scopes: new Set(['codec:decode']), expiresAtMs: IN_AN_HOUR },
  inactive: { subject: 'd1000000-0000-4000-8000-0000000000ff', scopes: new Set(), expiresAtMs: IN_AN_HOUR },
  stranger: { subject: 'd1000000-0000-4000-8000-0000000000ee', scopes: new Set(), expiresAtMs: IN_AN_HOUR },
  feide: { subject: 'feide:someone@example.no', scopes: new Set(), expiresAtMs: IN_AN_HOUR },
};
const verified: string[] = [];
const verifier = {
  verifyToken: async (t: string) => {
    verified.push(t);
    const found = tokens[t];
    if (!found) throw new InvalidTokenError('the token signature is not valid');
    return found;
  },
} as unknown as TokenVerifier;
const INACTIVE_ID = 'd1000000-0000-4000-8000-0000000000ff';
const ppt: StaffMember = { ...DEMO_STAFF.ppt, active: true, createdAt: '2026-08-01T00:00:00.000Z' };
tokens['ppt'] = { subject: ppt.id, scopes: new Set(), expiresAtMs: IN_AN_HOUR };
const staff: Record<string, StaffMember> = {
  [teacher.id]: teacher,
  [ppt.id]: ppt,
  [INACTIVE_ID]: { ...teacher, id: INACTIVE_ID, active: false },
};
const lookedUp: string[] = [];
const directoryStore = {
  get: async () => ({
    getStaff: async (id: string) => {
      lookedUp.push(id);
      return staff[id] ?? null;
    },
  }),
} as unknown as DirectoryStore;
// The tests of the guard's checks: every request verified and looked up (the cache is tested below).
const noCache = () => new CallerCache(0);

// Requests without a session cookie: the bearer path only (sessions are tested end to end).
const noSessions = { cookieOf: () => null } as unknown as Sessions;

function limits(authFailuresPerAddress: number): RateLimits {
  const http = { rateLimits: { authFailuresPerAddress, eventPostsPerCaller: 1, codecPerAddress: 1 } };
  return new RateLimits(new ApiConfig({ http } as AppConfig));
}

function contextFor(
  headers: Record<string, string>,
  isPublic = false,
  ip = '192.0.2.1',
): { ctx: ExecutionContext; req: Request } {
  const req = {
    header: (name: string) => headers[name.toLowerCase()],
    requestId: 'r1',
    ip,
  } as unknown as Request;
  const handler = () => undefined;
  if (isPublic) Reflect.defineMetadata('tiltak:public', true, handler);
  const ctx = {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { ctx, req };
}

describe('AuthGuard', () => {
  beforeAll(() => Logger.overrideLogger(false));
  const guard = new AuthGuard(new Reflector(), verifier, directoryStore, limits(1000), noSessions, noCache());

  it('puts the staff member from the directory on the request: role and school from there, scopes from the token', async () => {
    const { ctx, req } = contextFor({ authorization: 'Bearer good' });
    await expect(guard.canActivate(ctx)).resolves.toBe(true);
    expect(req.caller).toEqual({
      staffId: teacher.id,
      role: 'contact-teacher',
      schoolId: teacher.schoolId,
      servesSchoolIds: [],
      displayName: teacher.displayName,
      scopes: new Set(['codec:decode']),
    });
  });

  it('gives a municipality-wide partner the schools it serves, from the directory', async () => {
    const { ctx, req } = contextFor({ authorization: 'Bearer ppt' });
    await expect(guard.canActivate(ctx)).resolves.toBe(true);
    expect(req.caller).toMatchObject({ role: 'ppt', schoolId: null, servesSchoolIds: ppt.servesSchoolIds });
    expect(req.caller?.servesSchoolIds).toHaveLength(1);
  });

  it.each([
    ['no header', {}, 'A bearer token is required'],
    ['another scheme', { authorization: 'Basic dXNlcjpwdw==' }, 'must be "Bearer <token>"'],
    ['a bad token', { authorization: 'Bearer forged' }, 'the token signature is not valid'],
    [
      'an inactive staff member',
      { authorization: 'Bearer inactive' },
      'not belong to an active staff member',
    ],
    [
      'someone not in the directory',
      { authorization: 'Bearer stranger' },
      'not belong to an active staff member',
    ],
    [
      'a subject that is no staff id',
      { authorization: 'Bearer feide' },
      'not belong to an active staff member',
    ],
  ])('answers 401 for %s', async (_what, headers, message) => {
    await expect(guard.canActivate(contextFor(headers).ctx)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining(message),
    });
  });

  it('lets public routes through without a token', async () => {
    await expect(guard.canActivate(contextFor({}, true).ctx)).resolves.toBe(true);
  });

  it('answers 429 with Retry-After once an address has had too many tokens refused, before verifying more', async () => {
    const limited = new AuthGuard(
      new Reflector(),
      verifier,
      directoryStore,
      limits(3),
      noSessions,
      noCache(),
    );
    const forged = () => contextFor({ authorization: 'Bearer forged' }).ctx;
    for (let i = 0; i < 3; i++)
      await expect(limited.canActivate(forged())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    verified.length = 0;
    await expect(limited.canActivate(forged())).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('For mange forespørsler'),
      // 3 a minute: the next attempt in 20 s.
      details: { retryAfterSeconds: 20 },
    });
    // Also a good token from that address: the limit is on the address, checked before any work.
    await expect(limited.canActivate(contextFor({ authorization: 'Bearer good' }).ctx)).rejects.toMatchObject(
      {
        code: 'RATE_LIMITED',
      },
    );
    expect(verified).toEqual([]);
    // Other addresses are not affected.
    await expect(
      limited.canActivate(contextFor({ authorization: 'Bearer good' }, false, '192.0.2.2').ctx),
    ).resolves.toBe(true);
  });

  it('counts refused credentials only: missing tokens and good tokens use up nothing', async () => {
    const limited = new AuthGuard(
      new Reflector(),
      verifier,
      directoryStore,
      limits(1),
      noSessions,
      noCache(),
    );
    for (let i = 0; i < 5; i++) {
      await expect(limited.canActivate(contextFor({}).ctx)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      await expect(limited.canActivate(contextFor({ authorization: 'Bearer good' }).ctx)).resolves.toBe(true);
    }
    await expect(limited.canActivate(contextFor({ authorization: 'Basic x' }).ctx)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(limited.canActivate(contextFor({ authorization: 'Bearer good' }).ctx)).rejects.toMatchObject(
      { code: 'RATE_LIMITED' },
    );
  });
});

describe('AuthGuard keeping the caller of a token (AUTH_CALLER_CACHE_SECONDS)', () => {
  beforeAll(() => Logger.overrideLogger(false));
  const TTL_MS = 10_000;
  let clock = Date.now();
  const guardWithCache = () =>
    new AuthGuard(
      new Reflector(),
      verifier,
      directoryStore,
      limits(1000),
      noSessions,
      new CallerCache(TTL_MS, () => clock),
    );
  const leaver: StaffMember = { ...teacher, id: 'd1000000-0000-4000-8000-0000000000aa' };

  beforeEach(() => {
    clock = Date.now();
    verified.length = 0;
    lookedUp.length = 0;
    staff[leaver.id] = { ...leaver, active: true };
    tokens['leaver'] = { subject: leaver.id, scopes: new Set(), expiresAtMs: clock + 3600_000 };
  });

  it('verifies a token and looks up its staff row once, then serves the same caller from memory', async () => {
    const guard = guardWithCache();
    const first = contextFor({ authorization: 'Bearer leaver' });
    await guard.canActivate(first.ctx);
    clock += TTL_MS - 1;
    const second = contextFor({ authorization: 'Bearer leaver' });
    await guard.canActivate(second.ctx);
    expect(second.req.caller).toEqual(first.req.caller);
    expect(verified).toEqual(['leaver']);
    expect(lookedUp).toEqual([leaver.id]);
  });

  it('asks the directory again after the TTL: a staff member deactivated meanwhile is refused', async () => {
    const guard = guardWithCache();
    await guard.canActivate(contextFor({ authorization: 'Bearer leaver' }).ctx);
    staff[leaver.id] = { ...leaver, active: false };
    clock += TTL_MS;
    await expect(guard.canActivate(contextFor({ authorization: 'Bearer leaver' }).ctx)).rejects.toMatchObject(
      {
        code: 'UNAUTHENTICATED',
        message: expect.stringContaining('not belong to an active staff member'),
      },
    );
    expect(lookedUp).toEqual([leaver.id, leaver.id]);
  });

  it('acts in the role the directory says after the TTL', async () => {
    const guard = guardWithCache();
    await guard.canActivate(contextFor({ authorization: 'Bearer leaver' }).ctx);
    staff[leaver.id] = { ...leaver, active: true, role: 'school-leadership' };
    clock += TTL_MS;
    const later = contextFor({ authorization: 'Bearer leaver' });
    await guard.canActivate(later.ctx);
    expect(later.req.caller?.role).toBe('school-leadership');
  });

  it("never keeps a caller past the token's expiry", async () => {
    const guard = guardWithCache();
    tokens['leaver'] = { subject: leaver.id, scopes: new Set(), expiresAtMs: clock + 3_000 };
    await guard.canActivate(contextFor({ authorization: 'Bearer leaver' }).ctx);
    clock += 3_000;
    await guard.canActivate(contextFor({ authorization: 'Bearer leaver' }).ctx);
    expect(verified).toEqual(['leaver', 'leaver']);
  });

  it('keeps no refused token: each is verified again (and counted against the address)', async () => {
    const guard = guardWithCache();
    for (let i = 0; i < 2; i++)
      await expect(
        guard.canActivate(contextFor({ authorization: 'Bearer forged' }).ctx),
      ).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    for (let i = 0; i < 2; i++)
      await expect(
        guard.canActivate(contextFor({ authorization: 'Bearer inactive' }).ctx),
      ).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    expect(verified).toEqual(['forged', 'forged', 'inactive', 'inactive']);
  });

  it('keeps one caller per token: another token of the same person is verified on its own', async () => {
    const guard = guardWithCache();
    tokens['leaver-2'] = {
      subject: leaver.id,
      scopes: new Set(['codec:decode']),
      expiresAtMs: clock + 3600_000,
    };
    await guard.canActivate(contextFor({ authorization: 'Bearer leaver' }).ctx);
    const other = contextFor({ authorization: 'Bearer leaver-2' });
    await guard.canActivate(other.ctx);
    expect(other.req.caller?.scopes).toEqual(new Set(['codec:decode']));
    expect(verified).toEqual(['leaver', 'leaver-2']);
  });
});

describe('AuthGuard with the session cookie', () => {
  beforeAll(() => Logger.overrideLogger(false));
  const csrfToken = 'c'.repeat(43);
  const active = {
    idHash: 'h',
    session: { csrfToken },
    acting: teacher,
    assignments: [teacher],
  };
  const resolved: string[] = [];
  const sessions = {
    cookieOf: (req: Request) => (req.header('cookie') ? 'k'.repeat(43) : null),
    resolve: async (cookie: string) => {
      resolved.push(cookie);
      return active;
    },
    requireCsrfToken: (req: Request) => {
      if (req.header('x-csrf-token') !== csrfToken) throw new Error('CSRF_TOKEN_INVALID');
    },
  } as unknown as Sessions;
  const guard = new AuthGuard(new Reflector(), verifier, directoryStore, limits(1000), sessions, noCache());

  function sessionContext(method: string, headers: Record<string, string>, optional = false) {
    const { ctx, req } = contextFor(headers);
    (req as { method: string }).method = method;
    if (optional) Reflect.defineMetadata('tiltak:optional-auth', true, ctx.getHandler());
    const withResponse = { ...ctx, switchToHttp: () => ({ getRequest: () => req, getResponse: () => ({}) }) };
    return { ctx: withResponse as unknown as ExecutionContext, req };
  }

  it("acts as the session's staff row, with no scopes", async () => {
    const { ctx, req } = sessionContext('GET', { cookie: 'tiltak_session=x' });
    await expect(guard.canActivate(ctx)).resolves.toBe(true);
    expect(req.caller).toEqual({
      staffId: teacher.id,
      role: 'contact-teacher',
      schoolId: teacher.schoolId,
      servesSchoolIds: [],
      displayName: teacher.displayName,
      scopes: new Set(),
    });
  });

  it('needs the CSRF token for every method that may change something', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      await expect(
        guard.canActivate(sessionContext(method, { cookie: 'tiltak_session=x' }).ctx),
      ).rejects.toThrow('CSRF_TOKEN_INVALID');
      await expect(
        guard.canActivate(
          sessionContext(method, { cookie: 'tiltak_session=x', 'x-csrf-token': csrfToken }).ctx,
        ),
      ).resolves.toBe(true);
    }
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      await expect(
        guard.canActivate(sessionContext(method, { cookie: 'tiltak_session=x' }).ctx),
      ).resolves.toBe(true);
  });

  it('checks a bearer token sent with a cookie as a bearer token, and ignores cookies on anonymous-capable routes', async () => {
    resolved.length = 0;
    const both = sessionContext('POST', { cookie: 'tiltak_session=x', authorization: 'Bearer good' });
    await expect(guard.canActivate(both.ctx)).resolves.toBe(true);
    expect(both.req.caller?.scopes).toEqual(new Set(['codec:decode']));
    const codec = sessionContext('POST', { cookie: 'tiltak_session=x' }, true);
    await expect(guard.canActivate(codec.ctx)).resolves.toBe(true);
    expect(codec.req.caller).toBeUndefined();
    expect(resolved).toEqual([]);
  });
});
