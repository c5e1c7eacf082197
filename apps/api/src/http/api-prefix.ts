/**
 * Every API route lives under this prefix; the web app owns the rest of the origin (ADR 0006), so a
 * link such as `/cases/<id>` in an email opens the case page, not JSON.
 */
export const API_PREFIX = '/api';

/** An API path from a route path: `/cases/1` → `/api/cases/1`. */
export const apiPath = (path: string): string => `${API_PREFIX}${path}`;
