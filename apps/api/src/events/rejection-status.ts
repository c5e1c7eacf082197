import { HttpStatus } from '@nestjs/common';
import type { UpdateRejectionCode } from '@tiltak/workflows';

/**
 * The workflow validator's reasons as HTTP: the case is in the wrong state for this event (409), or the
 * event itself cannot be right (422). Exhaustive, so a new reason needs a decision here.
 */
export function statusForRejection(
  code: UpdateRejectionCode,
): HttpStatus.CONFLICT | HttpStatus.UNPROCESSABLE_ENTITY {
  switch (code) {
    case 'CASE_CLOSED':
    case 'CASE_PAUSED':
    case 'CASE_NOT_PAUSED':
    case 'EVENT_NOT_ALLOWED_AT_STEP':
    case 'PREREQUISITE_MISSING':
      return HttpStatus.CONFLICT;
    case 'INVALID_EVENT':
    case 'OCCURRED_IN_FUTURE':
    case 'EVENT_NOT_STORABLE':
      return HttpStatus.UNPROCESSABLE_ENTITY;
  }
}
