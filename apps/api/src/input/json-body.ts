import type { IncomingMessage } from 'node:http';
import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

/**
 * The JSON body parser every route uses: bounded in size (413), UTF-8 only (RFC 8259; 415 otherwise),
 * and bounded in nesting depth (400) before JSON.parse or anything after it recurses into the body.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = json({
    limit,
    verify: (_req: IncomingMessage, _res: unknown, buf: Buffer, encoding: string) => {
      if (encoding.toLowerCase() !== 'utf-8') {
        throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Innholdet må være JSON i UTF-8.');
      }
      if (nestsDeeperThan(buf)) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `Innholdet er nøstet dypere enn ${MAX_JSON_DEPTH} nivåer.`,
          {
            fieldErrors: [{ field: '(body)', message: `er nøstet dypere enn ${MAX_JSON_DEPTH} nivåer` }],
          },
        );
      }
    },
  });
  // Translated here, where the parser's error type is still known: Nest turns a SyntaxError into a
  // BadRequestException carrying the parser's message, which quotes the body.
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => next(err === undefined ? undefined : parserError(err)));
}

function parserError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  const { type, status } = (typeof err === 'object' && err !== null ? err : {}) as {
    type?: unknown;
    status?: unknown;
  };
  // A 5xx from the parser is a fault of ours, not the client's: the filter answers it with an error id.
  if (typeof status !== 'number' || status >= 500) return err;
  switch (type) {
    case 'entity.parse.failed':
      return new DomainError('BAD_REQUEST', 'Innholdet er ikke gyldig JSON.');
    case 'entity.too.large':
      return new DomainError('PAYLOAD_TOO_LARGE', 'Innholdet er for stort.');
    case 'charset.unsupported':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Innholdet må være JSON i UTF-8.');
    case 'encoding.unsupported':
      return new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Innholdet er komprimert på en måte som ikke støttes.',
      );
    default:
      return new DomainError('BAD_REQUEST', 'Forespørselen kunne ikke leses.');
  }
}

/**
 * The one route whose body is not JSON: a school's absence CSV (ADR 0009), streamed by its own
 * reader, which checks the media type itself. Only POST on exactly this path.
 */
const CSV_UPLOAD_PATH = /^\/api\/schools\/[^/]+\/absence-imports\/?$/;
export function isCsvUploadRoute(req: Pick<Request, 'method' | 'path'>): boolean {
  return req.method === 'POST' && CSV_UPLOAD_PATH.test(req.path);
}

/** A body that is not JSON is refused rather than silently read as no body at all. */
export function requireJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  if (isCsvUploadRoute(req)) {
    next();
    return;
  }
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && ['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is('application/json')) {
    next(
      new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Innholdet må være JSON (Content-Type: application/json).'),
    );
    return;
  }
  next();
}
