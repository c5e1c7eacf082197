// How the API's HTTP server protects itself: timeouts, rate limits and which proxies it believes about
// the client's address. Separate from app-config.ts so the policy values and their checks read as one.
import { isIP } from 'node:net';
import { intVar, type Env } from './env-values';

export interface ServerTimeouts {
  /** Whole request, headers and body, from the first byte: a trickled body is cut after this (408). */
  requestMs: number;
  /**
   * The same for a file upload (the absence CSV import, up to 100 MB): long enough for a slow link,
   * never shorter than `requestMs`.
   */
  uploadRequestMs: number;
  /** Until the request headers are complete. */
  headersMs: number;
  /** An idle keep-alive connection is closed after this; longer than a reverse proxy's idle timeout. */
  keepAliveMs: number;
}

/** Requests per minute; each a token bucket refilled evenly over the minute. */
export interface RateLimits {
  /** Refused bearer tokens per client address. */
  authFailuresPerAddress: number;
  /** POST /cases/{id}/events per authenticated caller (staff id). */
  eventPostsPerCaller: number;
  /** /codec requests per client address (the Temporal UI calls it anonymously too). */
  codecPerAddress: number;
}

/**
 * Express `trust proxy`: false (the socket's address is the client's), a number of proxy hops, or the
 * addresses/subnets of trusted proxies (also `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = false | number | string[];

export interface HttpHardeningConfig {
  timeouts: ServerTimeouts;
  rateLimits: RateLimits;
  trustProxy: TrustProxy;
}

export function parseHttpHardening(env: Env, problems: string[]): HttpHardeningConfig {
  const int = (name: string, fallback: number, min: number, max: number): number =>
    intVar(env, problems, name, fallback, min, max);
  const timeouts: ServerTimeouts = {
    requestMs: int('API_REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000),
    uploadRequestMs: int('API_UPLOAD_REQUEST_TIMEOUT_MS', 1_800_000, 1_000, 7_200_000),
    headersMs: int('API_HEADERS_TIMEOUT_MS', 10_000, 1_000, 600_000),
    keepAliveMs: int('API_KEEP_ALIVE_TIMEOUT_MS', 65_000, 1_000, 600_000),
  };
  // Node refuses a header timeout longer than the request timeout (the request one would never fire first).
  if (timeouts.headersMs > timeouts.requestMs)
    problems.push('API_HEADERS_TIMEOUT_MS must not be longer than API_REQUEST_TIMEOUT_MS');
  if (timeouts.uploadRequestMs < timeouts.requestMs)
    problems.push('API_UPLOAD_REQUEST_TIMEOUT_MS must not be shorter than API_REQUEST_TIMEOUT_MS');
  const rateLimits: RateLimits = {
    authFailuresPerAddress: int('API_RATE_LIMIT_AUTH_FAILURES_PER_MINUTE', 30, 1, 1_000_000),
    eventPostsPerCaller: int('API_RATE_LIMIT_EVENT_POSTS_PER_MINUTE', 60, 1, 1_000_000),
    codecPerAddress: int('API_RATE_LIMIT_CODEC_PER_MINUTE', 600, 1, 1_000_000),
  };
  return {
    timeouts,
    rateLimits,
    trustProxy: parseTrustProxy(env['API_TRUST_PROXY']?.trim() ?? '', problems),
  };
}

const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function parseTrustProxy(raw: string, problems: string[]): TrustProxy {
  if (raw === '' || raw.toLowerCase() === 'false' || raw === '0') return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= 10) return hops;
  }
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !NAMED_RANGES.includes(entry) && !isAddressOrSubnet(entry));
  if (entries.length === 0 || bad.length > 0) {
    problems.push(
      `API_TRUST_PROXY must be false, a number of proxy hops (1-10), or a comma-separated list of proxy addresses/subnets (or loopback, linklocal, uniquelocal); got "${raw}"`,
    );
    return false;
  }
  return entries;
}

function isAddressOrSubnet(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}
