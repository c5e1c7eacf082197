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
    const clientError = httpErrorStatus(exception);
    if (clientError) {
      // body-parser's errors (malformed JSON, too large, wrong charset) carry their own 4xx status.
      res.status(clientError.status).json({
        code: httpCode(clientError.status),
        message: clientError.message,
        requestId,
      } satisfies ErrorBody);
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
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body !== null && 'message' in body
          ? String((body as { message: unknown }).message)
          : exception.message;
      res.status(status).json({ code: httpCode(status), message, requestId } satisfies ErrorBody);
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
      message: 'Something went wrong; quote the error id.',
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

/** http-errors style errors (body-parser): a 4xx status and a message meant for the client. */
function httpErrorStatus(exception: unknown): { status: number; message: string } | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const e = exception as { status?: unknown; statusCode?: unknown; expose?: unknown; message?: unknown };
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500 || e.expose !== true) return null;
  return { status, message: typeof e.message === 'string' ? e.message : 'Bad request' };
}
