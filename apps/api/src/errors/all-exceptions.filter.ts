import { randomUUID } from 'node:crypto';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiConfig } from '../infrastructure/api-config';
import { UNAVAILABLE_REASON, unavailableDependency } from '../infrastructure/dependency-errors';
import { describeErrorForLog, stackForLog } from '../logging/safe-error';
import { DomainError } from './domain-error';
import { statusForCode } from './error-status';

export interface ErrorBody {
  code: string;
  message: string;
  fieldErrors?: { field: string; message: string }[];
  reason?: string;
  location?: string;
  errorId?: string;
  requestId?: string;
}

/** One place maps errors to HTTP: domain codes by table, framework errors by their status, the rest 500 with an id. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  constructor(private readonly config: ApiConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const requestId = req.requestId;
    if (exception instanceof DomainError) {
      const { retryAfterSeconds, ...details } = exception.details;
      if (details.location) {
        details.location = this.config.url(details.location);
        res.setHeader('Location', details.location);
      }
      if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
      if (exception.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(statusForCode(exception.code)).json({
        code: exception.code,
        message: exception.message,
        ...details,
        requestId,
      } satisfies ErrorBody);
      return;
    }
    const clientError = clientErrorOf(exception);
    if (clientError) {
      // The parser's and the router's own words (the JSON parser's message echoes the body) never reach
      // the client: a fixed message per kind of error.
      res.status(clientError.status).json({ ...clientError.body, requestId } satisfies ErrorBody);
      return;
    }
    const dependency = unavailableDependency(exception);
    if (dependency) {
      this.logger.warn({
        msg: 'Dependency unavailable',
        dependency,
        requestId,
        error: describeErrorForLog(exception),
      });
      res.setHeader('Retry-After', '5');
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        code: 'DEPENDENCY_UNAVAILABLE',
        message: UNAVAILABLE_REASON[dependency],
        reason: `${dependency}-unavailable`,
        requestId,
      } satisfies ErrorBody);
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      res.status(status).json({ ...httpExceptionBody(exception), requestId } satisfies ErrorBody);
      return;
    }
    const errorId = randomUUID();
    this.logger.error({
      msg: 'Unhandled error',
      errorId,
      requestId,
      error: describeErrorForLog(exception),
      stack: stackForLog(exception),
    });
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      code: 'INTERNAL_ERROR',
      message: 'Noe gikk galt hos oss. Oppgi feil-id-en (errorId) hvis du melder fra.',
      errorId,
      requestId,
    } satisfies ErrorBody);
  }
}

function httpCode(status: number): string {
  if (status === 404) return 'NOT_FOUND';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status >= 400 && status < 500) return 'BAD_REQUEST';
  return 'ERROR';
}

// body-parser's error types (http-errors `type`), each with what a person can do about it.
const PARSER_ERRORS: Record<string, { status: number; message: string }> = {
  'entity.parse.failed': { status: 400, message: 'Innholdet er ikke gyldig JSON.' },
  'entity.too.large': { status: 413, message: 'Innholdet er for stort.' },
  'charset.unsupported': { status: 415, message: 'Innholdet må være JSON i UTF-8.' },
  'encoding.unsupported': { status: 415, message: 'Innholdet er komprimert på en måte som ikke støttes.' },
};

/** Errors of the HTTP layer below Nest (body-parser, the router's path decoding), as fixed answers. */
function clientErrorOf(exception: unknown): { status: number; body: Omit<ErrorBody, 'requestId'> } | null {
  if (typeof exception !== 'object' || exception === null || exception instanceof HttpException) return null;
  const e = exception as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown };
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  if (e.expose !== true && !(exception instanceof URIError)) return null;
  const known = typeof e.type === 'string' ? PARSER_ERRORS[e.type] : undefined;
  if (known) return { status: known.status, body: { code: httpCode(known.status), message: known.message } };
  if (exception instanceof URIError) {
    return {
      status: 400,
      body: { code: 'BAD_REQUEST', message: 'Adressen inneholder ugyldig prosentkoding.' },
    };
  }
  return { status, body: { code: httpCode(status), message: 'Forespørselen kunne ikke leses.' } };
}

// Nest's own exceptions (route not found, its built-in pipes) in Norwegian; their English text is for
// developers and sometimes names internals.
function httpExceptionBody(exception: HttpException): Omit<ErrorBody, 'requestId'> {
  const status = exception.getStatus();
  const code = httpCode(status);
  if (/uuid is expected/i.test(exception.message))
    return { code, message: 'Id-en i adressen må være en UUID.' };
  // Nest maps the router's URIError (bad percent-encoding in the path) to a 400 with its message.
  if (/Failed to decode param/i.test(exception.message))
    return { code, message: 'Adressen inneholder ugyldig prosentkoding.' };
  switch (status) {
    case 404:
      return { code, message: 'Fant ikke det du ba om.' };
    case 405:
      return { code, message: 'Metoden støttes ikke her.' };
    case 413:
      return { code, message: 'Innholdet er for stort.' };
    case 415:
      return { code, message: 'Innholdet må være JSON (Content-Type: application/json).' };
    default:
      return { code, message: status < 500 ? 'Forespørselen er ikke gyldig.' : 'Noe gikk galt hos oss.' };
  }
}
