import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ServerTimeouts } from '@tiltak/config';

/**
 * Timeouts chosen, not inherited (Node's defaults hold a trickled request for 5 minutes): the whole
 * request, its headers, and idle keep-alive connections (longer than a reverse proxy's idle timeout,
 * so the proxy closes first and never reuses a socket the API is closing). Call before listening.
 *
 * Node has one request timeout per server, so it is set to the longest a request may take (an
 * upload's); `requestDeadlines` then cuts every other request at its own, shorter, time.
 */
export function applyServerTimeouts(server: Server, timeouts: ServerTimeouts): void {
  server.requestTimeout = Math.max(timeouts.requestMs, timeouts.uploadRequestMs);
  server.headersTimeout = timeouts.headersMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  // Node enforces the two request timeouts on this sweep (30 s by default, read when the server starts
  // listening): a quarter of the header timeout, at most a second, so a cut comes close to its time.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    1_000,
    Math.floor(timeouts.headersMs / 4),
  );
}

/**
 * Express middleware: a request whose body has not fully arrived within its time (the upload's for
 * the routes `isUpload` names, `requestMs` for all others) is answered 408 and its connection closed,
 * as Node itself answers a request over its server-wide timeout.
 */
export function requestDeadlines(
  timeouts: ServerTimeouts,
  isUpload: (req: IncomingMessage) => boolean,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    if (req.complete) return next();
    const limitMs = isUpload(req) ? timeouts.uploadRequestMs : timeouts.requestMs;
    const timer = setTimeout(() => {
      if (req.complete) return;
      if (res.headersSent) {
        req.socket.destroy();
        return;
      }
      res.writeHead(408, { Connection: 'close', 'Content-Type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({ code: 'REQUEST_TIMEOUT', message: 'Forespørselen kom ikke fram i tide.' }),
        () => req.socket.destroy(),
      );
    }, limitMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    req.once('end', clear);
    res.once('close', clear);
    next();
  };
}
