import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestLogFields, runInRequestContext } from './request-context';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

declare module 'express-serve-static-core' {
  interface Request {
    requestId?: string;
  }
}

/**
 * Gives every request an id (kept from X-Request-Id when sane), echoes it, makes it the log context of
 * everything the request does, and logs one line per request with its caller.
 */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  private readonly logger = new Logger('http');

  use(req: Request, res: Response, next: NextFunction): void {
    const incoming = req.header('x-request-id');
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
    req.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Path only: query strings may carry filters but never bodies; bodies are never logged.
      this.logger.log({
        msg: 'request',
        ...requestLogFields(req),
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
      });
    });
    // Every line logged while this request is handled carries its id and, once known, its caller.
    runInRequestContext(req, next);
  }
}
