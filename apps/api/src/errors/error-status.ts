import { HttpStatus } from '@nestjs/common';
import type { ErrorCode } from './domain-error';

/** Exhaustive: adding a code without a status fails the type-check. */
export function statusForCode(code: ErrorCode): HttpStatus {
  switch (code) {
    case 'VALIDATION_FAILED':
      return HttpStatus.BAD_REQUEST;
    case 'BAD_REQUEST':
      return HttpStatus.BAD_REQUEST;
    case 'IDEMPOTENCY_KEY_MISSING':
      return HttpStatus.BAD_REQUEST;
    case 'UNAUTHENTICATED':
      return HttpStatus.UNAUTHORIZED;
    case 'SESSION_EXPIRED':
      return HttpStatus.UNAUTHORIZED;
    case 'FORBIDDEN':
      return HttpStatus.FORBIDDEN;
    case 'CSRF_TOKEN_INVALID':
      return HttpStatus.FORBIDDEN;
    case 'NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'CONFLICT':
      return HttpStatus.CONFLICT;
    case 'IDEMPOTENCY_KEY_REUSED':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'REQUEST_IN_PROGRESS':
      return HttpStatus.CONFLICT;
    case 'EVENT_REJECTED':
      return HttpStatus.CONFLICT;
    case 'UNPROCESSABLE':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'DEPENDENCY_UNAVAILABLE':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'PAYLOAD_TOO_LARGE':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'RATE_LIMITED':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
  }
}
