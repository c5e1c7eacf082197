// The browser's side of a session (ADR 0007): cookie names, their attributes and reading them back.
// Pure, so the flags every browser relies on are tested without a server.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The session: HttpOnly, SameSite=Lax, Path=/; Secure outside http://localhost. */
export const SESSION_COOKIE = 'tiltak_session';
/** A login under way (state, nonce and PKCE verifier are kept server-side under it), for ten minutes. */
export const LOGIN_COOKIE = 'tiltak_login';
export const LOGIN_COOKIE_PATH = '/api/auth';
export const LOGIN_TTL_SECONDS = 600;

export interface CookieOptions {
  secure: boolean;
  path: string;
  /** Absent: a browser-session cookie (gone when the browser closes). 0: delete it. */
  maxAgeSeconds?: number;
}

/** One Set-Cookie value. Values are base64url (random), so nothing needs quoting. */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${options.path}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join('; ');
}

export function clearCookie(name: string, options: Omit<CookieOptions, 'maxAgeSeconds'>): string {
  return setCookie(name, '', { ...options, maxAgeSeconds: 0 });
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The value of one cookie from a Cookie header, when it has the shape this API issues (32 random
 * bytes, base64url); anything else reads as absent.
 */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() !== name) continue;
    const value = pair.slice(eq + 1).trim();
    return TOKEN.test(value) ? value : null;
  }
  return null;
}

/** A new cookie value or CSRF token: 32 random bytes, base64url (43 characters). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps for a cookie value: its SHA-256, so a copy of the table opens nothing. */
export function tokenHash(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Constant-time comparison of the X-CSRF-Token header with the session's token. */
export function csrfTokenMatches(sent: string | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Methods that change nothing: no CSRF token needed. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/**
 * Where to send the browser after signing in: a path of this origin (one leading "/", not "//" or
 * "/\", no control characters, at most 2000 characters), else "/". Never another origin.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  try {
    // Resolved against a placeholder origin, it must stay on that origin.
    const url = new URL(value, 'http://tiltakstrappa.invalid');
    if (url.origin !== 'http://tiltakstrappa.invalid') return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
