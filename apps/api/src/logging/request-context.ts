// The request a log line is written for, wherever in the request's async work it is written: the
// logger adds its request id and caller to every line (log-params.ts), without each call passing them.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';

const requests = new AsyncLocalStorage<Request>();

/** Runs the rest of the request's handling with `req` as the current request. */
export function runInRequestContext(req: Request, next: () => void): void {
  requests.run(req, next);
}

/**
 * What every line written while a request is handled carries (the logger's mixin, log-params.ts): its
 * id and caller, and the request's method and path (never the query).
 */
export function requestLogBindings(): Record<string, unknown> {
  const req = requests.getStore();
  if (!req) return {};
  return {
    ...requestLogFields(req),
    req: { method: req.method, path: (req.originalUrl ?? req.url ?? '').split('?')[0] },
  };
}

/** Who and which request a log line belongs to: ids and the role only, never a name. */
export function requestLogFields(req: Request | undefined = requests.getStore()): Record<string, unknown> {
  if (!req) return {};
  return {
    ...(req.requestId ? { requestId: req.requestId } : {}),
    ...(req.caller ? { caller: { staffId: req.caller.staffId, role: req.caller.role } } : {}),
  };
}
