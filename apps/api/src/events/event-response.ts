import { HttpStatus } from '@nestjs/common';
import type { UpdateRejectionCode } from '@tiltak/workflows';
import type { CaseEventResponseDto } from './dto/case-event.response.dto';
import type { EventAcceptedResponseDto } from './dto/event-accepted.response.dto';
import type { RecordEventResponseDto } from './dto/record-event.response.dto';

/** The workflow refused the event: 409 (the case's state) or 422 (the event itself). */
export interface EventRejectionBody {
  code: 'EVENT_REJECTED' | 'UNPROCESSABLE';
  message: string;
  reason: UpdateRejectionCode;
}

/** What the event endpoints answer; a POST's is stored per Idempotency-Key so a retry gets the same. */
export type EventResponse =
  | { status: HttpStatus.CREATED; body: RecordEventResponseDto }
  | { status: HttpStatus.OK; body: CaseEventResponseDto }
  | { status: HttpStatus.ACCEPTED; body: EventAcceptedResponseDto }
  | { status: HttpStatus.CONFLICT | HttpStatus.UNPROCESSABLE_ENTITY; body: EventRejectionBody };

export type EventRejection = Extract<EventResponse, { body: EventRejectionBody }>;

/** The event a response is about (its Location); a rejection is about none. */
export function eventIdOf(response: EventResponse): string | null {
  switch (response.status) {
    case HttpStatus.CREATED:
    case HttpStatus.OK:
      return response.body.event.eventId;
    case HttpStatus.ACCEPTED:
      return response.body.eventId;
    case HttpStatus.CONFLICT:
    case HttpStatus.UNPROCESSABLE_ENTITY:
      return null;
  }
}

export function isRejection(response: EventResponse): response is EventRejection {
  return response.status === HttpStatus.CONFLICT || response.status === HttpStatus.UNPROCESSABLE_ENTITY;
}

/**
 * A POST's response as the idempotency store kept it (JSON from PostgreSQL), back in its type. Only a
 * recorded event (201) or a rejection is ever stored; anything else is a damaged row, not a client's
 * doing, and is thrown as an internal error.
 */
export function storedEventResponse(status: number, body: unknown): EventResponse {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (status === HttpStatus.CREATED) {
    const event = fields['event'] as { eventId?: unknown } | undefined;
    if (typeof event?.eventId === 'string') return { status, body: body as RecordEventResponseDto };
  }
  if (
    (status === HttpStatus.CONFLICT || status === HttpStatus.UNPROCESSABLE_ENTITY) &&
    typeof fields['reason'] === 'string'
  ) {
    return { status, body: body as EventRejectionBody };
  }
  throw new Error(`A stored event response has an unexpected shape (status ${status})`);
}
