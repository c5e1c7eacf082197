import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
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

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const requestId = req.requestId;
    if (exception instanceof DomainError) {
      if (exception.details.location) res.setHeader('Location', exception.details.location);
      res.status(statusForCode(exception.code)).json({
        code: exception.code,
        message: exception.message,
        ...exception.details,
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
      error: exception instanceof Error ? exception.message : String(exception),
      stack: exception instanceof Error ? exception.stack : undefined,
    });
    res
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ code: 'INTERNAL_ERROR', message: 'Something went wrong; quote the error id.', errorId, requestId } satisfies ErrorBody);
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
