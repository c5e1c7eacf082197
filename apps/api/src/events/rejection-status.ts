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

/**
 * What a person reads when the case workflow refuses an event, by reason. The workflow's own text is
 * English and for the audit of the Update; what the step still lacks is in the case (GET /cases/{id}).
 */
export function messageForRejection(code: UpdateRejectionCode): string {
  switch (code) {
    case 'CASE_CLOSED':
      return 'Saken er avsluttet og tar ikke imot flere hendelser.';
    case 'CASE_PAUSED':
      return 'Saken er satt på pause. Gjenoppta den før du registrerer noe nytt.';
    case 'CASE_NOT_PAUSED':
      return 'Saken er ikke satt på pause, så den kan ikke gjenopptas.';
    case 'EVENT_NOT_ALLOWED_AT_STEP':
      return 'Denne hendelsen hører ikke til trinnet saken er på.';
    case 'PREREQUISITE_MISSING':
      return 'Noe må være registrert før denne hendelsen. Se hva trinnet mangler i saken.';
    case 'INVALID_EVENT':
      return 'Hendelsen kan ikke stemme med saken slik den er registrert.';
    case 'OCCURRED_IN_FUTURE':
      return 'Tidspunktet for hendelsen kan ikke være i fremtiden.';
    case 'EVENT_NOT_STORABLE':
      return 'Hendelsen kan ikke lagres slik den er skrevet. Ingenting er endret; rett teksten og prøv igjen.';
  }
}
