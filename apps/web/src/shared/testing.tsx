// What the page tests share: a synthetic signed-in teacher, the API answered in place of fetch, and a
// page rendered with the providers and router the app shell gives it.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { setCsrfToken } from './api/client';
import { SessionContext, type SessionView } from './session';

/** A synthetic contact teacher at a synthetic school. */
export const testTeacher = {
  staffId: 'a0000000-0000-4000-8000-000000000001',
  name: 'Ingrid Haugen',
  role: 'contact-teacher' as const,
  schoolId: 'd0000000-0000-4000-8000-000000000001',
  schoolName: 'Fjordvik skole',
};

export const testSession: SessionView = {
  person: { name: testTeacher.name },
  actingAs: testTeacher,
  assignments: [testTeacher],
  csrfToken: 'csrf-1',
  idleExpiresAt: '2026-12-09T10:00:00Z',
  absoluteExpiresAt: '2026-12-09T20:00:00Z',
};

export const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export interface ApiCall {
  method: string;
  /** Path and query, e.g. `/api/cases?status=open`. */
  path: string;
  headers: Headers;
  /** The JSON body sent, if any. */
  body: unknown;
}

type Answer = (request: Request, url: URL) => Response | undefined | Promise<Response | undefined>;

/**
 * Answers the app's API calls with `answer` for this test (404 where it gives nothing; a throw is a
 * request lost on the network) and returns the list every call is recorded in as it is made. The
 * session's CSRF token is set, as signing in sets it. Vitest restores fetch after each test.
 */
export function stubApi(answer: Answer): ApiCall[] {
  setCsrfToken(testSession.csrfToken);
  const calls: ApiCall[] = [];
  vi.stubGlobal('fetch', async (input: Request | string | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.clone().text();
    calls.push({
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    });
    return (await answer(request, url)) ?? json(404, { code: 'NOT_FOUND', message: 'Fant ikke.' });
  });
  return calls;
}

/**
 * Renders `element` as the route `path`, opened at `entry`, inside what the app shell gives a page:
 * the test session, a query client that does not retry, and a router.
 */
export function renderPage(
  element: ReactElement,
  { path = '/', entry }: { path?: string; entry?: string } = {},
): void {
  const router = createMemoryRouter([{ path, element }], { initialEntries: [entry ?? path] });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <SessionContext.Provider value={testSession}>
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </SessionContext.Provider>,
  );
}
