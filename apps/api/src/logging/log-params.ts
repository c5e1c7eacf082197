// The API's one logger (ADR 0013): pino through nestjs-pino, one JSON object per line on stdout, in the
// worker's shape ({ time, level, service, msg, … }). Every line written while a request is handled
// carries its request id and caller (staff id and role); fields quoting SQL or its values are dropped
// (safeLogFields, the rule shared with the worker), and credentials are redacted wherever they appear.
import type { Params } from 'nestjs-pino';
import pino, { type DestinationStream, type LoggerOptions } from 'pino';
import type { AppConfig } from '@tiltak/config';
import { requestLogBindings } from './request-context';
import { safeLogFields } from './safe-error';

/** Where credentials would be if anything logged headers: never written. */
export const REDACTED_PATHS = [
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
];

/** The pino options of the API and (apps/worker/src/json-logger.ts) the worker's same shape. */
export function apiLoggerOptions(level: AppConfig['logLevel'] | 'silent'): LoggerOptions {
  return {
    level,
    base: { service: 'api' },
    messageKey: 'msg',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: {
      level: (label) => ({ level: label }),
      // The request's req/res objects are serialised below; everything else is made log-safe.
      log: (object) => {
        const { req, res, ...fields } = object;
        return {
          ...(safeLogFields(fields) as Record<string, unknown>),
          ...(req === undefined ? {} : { req }),
          ...(res === undefined ? {} : { res }),
        };
      },
    },
    // Explicit fields of a call win over these (the merge keeps one key each).
    mixin: () => requestLogBindings(),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}

export interface ApiLogOptions {
  /** Where the lines go; default stdout (synchronously, so nothing is lost when the process exits). */
  destination?: DestinationStream;
  /** No lines at all (tests that do not read the log). */
  silent?: boolean;
}

/**
 * nestjs-pino's parameters: the logger, and no per-request middleware. pino-http's middleware would give
 * each request a child logger bound to its method and path and a second AsyncLocalStorage scope; the
 * mixin above already adds those and the request id and caller from RequestIdMiddleware's scope, so it
 * was CPU spent on every request for nothing (issue 13's profile of a note). The request line itself is
 * RequestIdMiddleware's (path only, never the query or headers).
 */
export function apiLogParams(config: Pick<AppConfig, 'logLevel'>, options: ApiLogOptions = {}): Params {
  const logger = pino(
    apiLoggerOptions(options.silent ? 'silent' : config.logLevel),
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return {
    // No route gets pino-http's middleware; Nest's loggers write through `logger` (nestjs-pino's
    // PinoLogger uses it outside a middleware's scope).
    forRoutes: [],
    pinoHttp: { logger, autoLogging: false },
  };
}
