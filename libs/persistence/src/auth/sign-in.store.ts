// The web app's sign-in state (ADR 0007): logins under way and sessions, keyed by the SHA-256 of
// the cookie value the browser holds (the caller hashes). Times come from PostgreSQL's clock, so
// every API replica agrees on when a session expires.
import type { Instant } from '@tiltak/domain';
import type { DataSource } from 'typeorm';
import { instantOf, returnedRows } from '../sql-values';

export interface LoginAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where the browser goes after signing in (a path of this origin). */
  returnTo: string;
}

export interface SignInSession {
  oidcSubject: string;
  actingStaffId: string;
  csrfToken: string;
  createdAt: Instant;
  idleExpiresAt: Instant;
  absoluteExpiresAt: Instant;
}

export interface NewSignInSession {
  oidcSubject: string;
  actingStaffId: string;
  csrfToken: string;
  idleSeconds: number;
  absoluteSeconds: number;
}

/** `active`: the idle expiry was slid; `expired`: idle, past its absolute end or logged out; `unknown`: no such session. */
export type SessionLookup = { state: 'active'; session: SignInSession } | { state: 'expired' | 'unknown' };

interface SessionRow {
  oidc_subject: string;
  acting_staff_id: string;
  csrf_token: string;
  created_at: Date;
  idle_expires_at: Date;
  absolute_expires_at: Date;
}

const SESSION_COLUMNS =
  'oidc_subject, acting_staff_id, csrf_token, created_at, idle_expires_at, absolute_expires_at';

function sessionOf(row: SessionRow): SignInSession {
  return {
    oidcSubject: row.oidc_subject,
    actingStaffId: row.acting_staff_id,
    csrfToken: row.csrf_token,
    createdAt: instantOf(row.created_at),
    idleExpiresAt: instantOf(row.idle_expires_at),
    absoluteExpiresAt: instantOf(row.absolute_expires_at),
  };
}

export class SignInStore {
  constructor(private readonly dataSource: DataSource) {}

  async saveLoginAttempt(idHash: string, attempt: LoginAttempt, ttlSeconds: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO auth_login_attempts (id_hash, state, nonce, code_verifier, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6::double precision))`,
      [idHash, attempt.state, attempt.nonce, attempt.codeVerifier, attempt.returnTo, ttlSeconds],
    );
  }

  /** The attempt, removed: each is used once. Null when unknown or expired. */
  async takeLoginAttempt(idHash: string): Promise<LoginAttempt | null> {
    const rows = returnedRows<{
      state: string;
      nonce: string;
      code_verifier: string;
      return_to: string;
      live: boolean;
    }>(
      await this.dataSource.query(
        `DELETE FROM auth_login_attempts WHERE id_hash = $1
         RETURNING state, nonce, code_verifier, return_to, expires_at > now() AS live`,
        [idHash],
      ),
    );
    const row = rows[0];
    if (!row?.live) return null;
    return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to };
  }

  async createSession(idHash: string, session: NewSignInSession): Promise<SignInSession> {
    const rows = returnedRows<SessionRow>(
      await this.dataSource.query(
        `INSERT INTO auth_sessions (id_hash, oidc_subject, acting_staff_id, csrf_token, idle_expires_at, absolute_expires_at)
         VALUES ($1, $2, $3, $4,
                 now() + make_interval(secs => least($5::double precision, $6::double precision)),
                 now() + make_interval(secs => $6::double precision))
         RETURNING ${SESSION_COLUMNS}`,
        [
          idHash,
          session.oidcSubject,
          session.actingStaffId,
          session.csrfToken,
          session.idleSeconds,
          session.absoluteSeconds,
        ],
      ),
    );
    return sessionOf(rows[0] as SessionRow);
  }

  /** The live session, its idle expiry slid by idleSeconds (never past the absolute end). */
  async touchSession(idHash: string, idleSeconds: number): Promise<SessionLookup> {
    const rows = returnedRows<SessionRow>(
      await this.dataSource.query(
        `UPDATE auth_sessions
            SET last_seen_at = now(),
                idle_expires_at = least(absolute_expires_at, now() + make_interval(secs => $2::double precision))
          WHERE id_hash = $1 AND ended_at IS NULL AND idle_expires_at > now() AND absolute_expires_at > now()
          RETURNING ${SESSION_COLUMNS}`,
        [idHash, idleSeconds],
      ),
    );
    const row = rows[0];
    if (row) return { state: 'active', session: sessionOf(row) };
    const known = (await this.dataSource.query(`SELECT 1 FROM auth_sessions WHERE id_hash = $1`, [
      idHash,
    ])) as unknown[];
    return { state: known.length > 0 ? 'expired' : 'unknown' };
  }

  /** Switches the staff row the live session acts as; false when the session is not live. */
  async setActingStaff(idHash: string, staffId: string): Promise<boolean> {
    const rows = returnedRows<{ id_hash: string }>(
      await this.dataSource.query(
        `UPDATE auth_sessions SET acting_staff_id = $2
          WHERE id_hash = $1 AND ended_at IS NULL AND idle_expires_at > now() AND absolute_expires_at > now()
          RETURNING id_hash`,
        [idHash, staffId],
      ),
    );
    return rows.length > 0;
  }

  /** Logout: the session ends for good. Idempotent. */
  async endSession(idHash: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_sessions SET ended_at = now() WHERE id_hash = $1 AND ended_at IS NULL`,
      [idHash],
    );
  }

  /** Removes login attempts past their expiry and sessions that ended or expired more than graceSeconds ago. */
  async removeExpired(graceSeconds: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM auth_login_attempts WHERE expires_at < now()`);
    await this.dataSource.query(
      `DELETE FROM auth_sessions
        WHERE least(coalesce(ended_at, 'infinity'), idle_expires_at, absolute_expires_at)
              < now() - make_interval(secs => $1::double precision)`,
      [graceSeconds],
    );
  }
}
