import type { Request } from 'express';

/**
 * The label a request is counted under: the route it matched as registered (`/api/cases/:caseId/events`),
 * so ids never become labels (they would name cases and make one series per case). Unmatched API paths
 * share one label, and so do the web app's pages and files.
 */
export function routeTemplate(req: Pick<Request, 'route' | 'baseUrl' | 'originalUrl'>): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${req.baseUrl ?? ''}${route}`;
  return /^\/api(\/|\?|$)/.test(req.originalUrl) ? 'unmatched' : 'web';
}
