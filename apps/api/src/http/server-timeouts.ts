import type { Server } from 'node:http';
import type { ServerTimeouts } from '@tiltak/config';

/**
 * Timeouts chosen, not inherited (Node's defaults hold a trickled request for 5 minutes): the whole
 * request, its headers, and idle keep-alive connections (longer than a reverse proxy's idle timeout,
 * so the proxy closes first and never reuses a socket the API is closing). Call before listening.
 */
export function applyServerTimeouts(server: Server, timeouts: ServerTimeouts): void {
  server.requestTimeout = timeouts.requestMs;
  server.headersTimeout = timeouts.headersMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  // Node enforces the two request timeouts on this sweep (30 s by default, read when the server starts
  // listening): a quarter of the header timeout, at most a second, so a cut comes close to its time.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    1_000,
    Math.floor(timeouts.headersMs / 4),
  );
}
