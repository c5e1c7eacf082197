import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** The session's CSRF token, held in memory only (never in browser storage). */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Where the browser goes to sign in and come back to where it was. */
export function signInUrl(returnTo: string): string {
  const safe = returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
  return `/api/auth/login?returnTo=${encodeURIComponent(safe)}`;
}

export function currentPath(): string {
  return window.location.pathname + window.location.search;
}

/** Replaced in component tests; in the app it leaves the page for the sign-in flow. */
export const navigation = {
  toSignIn(returnTo: string): void {
    window.location.assign(signInUrl(returnTo));
  },
};

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (!safeMethods.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ response, request }) {
    // A 401 anywhere but the session probe means the session ended: sign in again and come back here.
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/api/auth/')) {
      navigation.toSignIn(currentPath());
    }
    return response;
  },
};

export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  // Looked up per request (not captured once), so tests can stand in for the network.
  fetch: (request) => globalThis.fetch(request),
});
api.use(sessionMiddleware);

export type ApiErrorBody = Schemas['ErrorResponseDto'];

/** A refusal the API answered with (4xx/5xx), carried to the form that caused it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Partial<ApiErrorBody>,
  ) {
    super(body.message ?? `HTTP ${status}`);
  }
}

/** Unwraps an openapi-fetch result: data, or an ApiError with the API's (Norwegian) message. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(result.response.status, (result.error ?? {}) as Partial<ApiErrorBody>);
  }
  return result.data as T;
}
