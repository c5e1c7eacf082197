import { Injectable, Logger } from '@nestjs/common';
import type { SessionConfig } from '@tiltak/config';
import type { SignInSession, StaffMember } from '@tiltak/persistence';
import type { Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { ApiConfig } from '../infrastructure/api-config';
import { DirectoryStore, SignInStoreRef } from '../infrastructure/stores.provider';
import { type Caller, callerOfStaff } from './caller';
import {
  clearCookie,
  csrfTokenMatches,
  randomToken,
  readCookie,
  SESSION_COOKIE,
  setCookie,
  tokenHash,
} from './session-cookie';

/** A live session with the person's assignments, read (and its idle expiry slid) for one request. */
export interface ActiveSession {
  idHash: string;
  session: SignInSession;
  acting: StaffMember;
  /** Every active staff row of the person, the acting one among them. */
  assignments: StaffMember[];
}

export interface StaffAssignmentView {
  staffId: string;
  name: string;
  role: StaffMember['role'];
  schoolId: string | null;
  schoolName: string | null;
}

export interface SessionView {
  person: { name: string };
  actingAs: StaffAssignmentView;
  assignments: StaffAssignmentView[];
  csrfToken: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
}

/** Ended, idle or past their absolute end: removed this long after. */
const EXPIRED_SESSION_GRACE_SECONDS = 24 * 3600;

export function sessionExpired(message = 'Økten din er utløpt. Logg inn på nytt.'): DomainError {
  return new DomainError('SESSION_EXPIRED', message);
}

/**
 * Sessions of the web app (ADR 0007), in PostgreSQL: created after a sign-in, found by the cookie,
 * slid on every request (idle timeout) and never past their absolute end. The browser holds only a
 * random value; its SHA-256 is the key.
 */
@Injectable()
export class Sessions {
  private readonly logger = new Logger('sessions');
  private readonly settings: SessionConfig;

  constructor(
    config: ApiConfig,
    private readonly signInStore: SignInStoreRef,
    private readonly directoryStore: DirectoryStore,
  ) {
    this.settings = config.values.auth.session;
  }

  /** The session cookie's value in the request, if it has one. */
  cookieOf(req: Request): string | null {
    return readCookie(req.header('cookie'), SESSION_COOKIE);
  }

  /** Clears the browser's session cookie (expired, ended, or replaced). */
  clearCookie(res: Response): void {
    res.append('Set-Cookie', clearCookie(SESSION_COOKIE, { secure: this.settings.secureCookie, path: '/' }));
  }

  /**
   * The live session of the cookie, with the person's current assignments. 401 SESSION_EXPIRED (and
   * the cookie cleared) when it is idle, past its end, logged out, unknown, or its staff row is no
   * longer the person's active assignment.
   */
  async resolve(cookie: string, res: Response): Promise<ActiveSession> {
    const [signIn, directory] = await Promise.all([this.signInStore.get(), this.directoryStore.get()]);
    const idHash = tokenHash(cookie);
    const found = await signIn.touchSession(idHash, this.settings.idleSeconds);
    if (found.state !== 'active') {
      this.clearCookie(res);
      throw sessionExpired();
    }
    const assignments = await directory.findActiveStaffBySubject(found.session.oidcSubject);
    const acting = assignments.find((s) => s.id === found.session.actingStaffId);
    if (!acting) {
      // Deactivated (or given to someone else) since signing in: the session ends here.
      await signIn.endSession(idHash);
      this.clearCookie(res);
      throw sessionExpired('Tilgangen din er endret siden du logget inn. Logg inn på nytt.');
    }
    return { idHash, session: found.session, acting, assignments };
  }

  /** Requests that change something carry the session's CSRF token in X-CSRF-Token. */
  requireCsrfToken(req: Request, active: ActiveSession): void {
    if (!csrfTokenMatches(req.header('x-csrf-token'), active.session.csrfToken)) {
      throw new DomainError(
        'CSRF_TOKEN_INVALID',
        'Forespørselen mangler gyldig sikkerhetsnøkkel (X-CSRF-Token). Last siden på nytt og prøv igjen.',
      );
    }
  }

  /** Signs the person in: a new session (a new cookie value, whatever the browser had) acting as the first assignment. */
  async create(
    oidcSubject: string,
    assignments: readonly StaffMember[],
    res: Response,
    previousCookie: string | null,
  ): Promise<void> {
    const signIn = await this.signInStore.get();
    const acting = assignments[0];
    if (!acting) throw new Error('a session needs an assignment');
    if (previousCookie) await signIn.endSession(tokenHash(previousCookie));
    const cookie = randomToken();
    await signIn.createSession(tokenHash(cookie), {
      oidcSubject,
      actingStaffId: acting.id,
      csrfToken: randomToken(),
      idleSeconds: this.settings.idleSeconds,
      absoluteSeconds: this.settings.absoluteSeconds,
    });
    res.append(
      'Set-Cookie',
      setCookie(SESSION_COOKIE, cookie, { secure: this.settings.secureCookie, path: '/' }),
    );
    // Housekeeping on sign-in, not on every request: long-dead sessions and abandoned logins go.
    await signIn.removeExpired(EXPIRED_SESSION_GRACE_SECONDS).catch((err: unknown) => {
      this.logger.warn({ msg: 'Removing expired sessions failed', error: String(err) });
    });
  }

  async setActingAs(active: ActiveSession, staffId: string): Promise<ActiveSession> {
    const acting = active.assignments.find((s) => s.id === staffId);
    if (!acting) {
      throw new DomainError('FORBIDDEN', 'Du kan bare handle i dine egne roller.', {
        reason: 'NOT_YOUR_ASSIGNMENT',
      });
    }
    const signIn = await this.signInStore.get();
    if (!(await signIn.setActingStaff(active.idHash, staffId))) throw sessionExpired();
    return { ...active, acting, session: { ...active.session, actingStaffId: staffId } };
  }

  async end(active: ActiveSession): Promise<void> {
    await (await this.signInStore.get()).endSession(active.idHash);
  }

  async view(active: ActiveSession): Promise<SessionView> {
    const directory = await this.directoryStore.get();
    const schoolIds = [...new Set(active.assignments.map((a) => a.schoolId).filter((id) => id !== null))];
    const names = new Map<string, string>();
    for (const id of schoolIds) {
      const school = await directory.getSchool(id);
      if (school) names.set(id, school.name);
    }
    const assignment = (s: StaffMember): StaffAssignmentView => ({
      staffId: s.id,
      name: s.displayName,
      role: s.role,
      schoolId: s.schoolId,
      schoolName: s.schoolId ? (names.get(s.schoolId) ?? null) : null,
    });
    return {
      person: { name: active.acting.displayName },
      actingAs: assignment(active.acting),
      assignments: active.assignments.map(assignment),
      csrfToken: active.session.csrfToken,
      idleExpiresAt: active.session.idleExpiresAt,
      absoluteExpiresAt: active.session.absoluteExpiresAt,
    };
  }
}

/** The caller a session acts as: the acting staff row, with no extra scopes (those come with tokens). */
export function callerOfSession(active: ActiveSession): Caller {
  return callerOfStaff(active.acting, new Set<string>());
}
