import {
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { caseEventPath } from '../cases/case-ids';
import { ErrorResponseDto } from '../errors/error.response.dto';
import { EventPostRateLimit } from '../http/rate-limits';
import { ApiConfig } from '../infrastructure/api-config';
import { CaseEventsService } from './case-events.service';
import { CaseEventResponseDto } from './dto/case-event.response.dto';
import { EventAcceptedResponseDto } from './dto/event-accepted.response.dto';
import { RecordEventResponseDto } from './dto/record-event.response.dto';
import { eventIdOf, isRejection, type EventRejectionBody, type EventResponse } from './event-response';
import { RECORD_EVENT_BODY_SCHEMA } from './record-event.schema';
import { UncheckedBody } from './unchecked-body.decorator';

/** The body sent: a rejection carries the id of the request it answers, like every error. */
type EventAnswer = EventResponse['body'] | (EventRejectionBody & { requestId: string });

@ApiTags('events')
@ApiBearerAuth()
@Controller('cases/:id/events')
export class CaseEventsController {
  constructor(
    private readonly events: CaseEventsService,
    private readonly config: ApiConfig,
  ) {}

  @Post()
  @UseGuards(EventPostRateLimit)
  @HttpCode(HttpStatus.CREATED)
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description:
      'Too many events from this caller (API_RATE_LIMIT_EVENT_POSTS_PER_MINUTE); Retry-After says when to retry.',
  })
  @ApiOperation({
    summary: 'Record what happened on a case: a call, a meeting, the mapping, a measure, an evaluation…',
    description:
      'The body is one of the event types (discriminated by `type`); the actor is the caller. The case workflow checks that the step accepts it. ' +
      'Retrying with the same Idempotency-Key returns the same response and never records twice; the same key with another body is refused (422).',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'A new random value (e.g. a UUID) per event; reuse it only to retry.',
  })
  @ApiBody({ schema: RECORD_EVENT_BODY_SCHEMA })
  @ApiCreatedResponse({ type: RecordEventResponseDto, description: 'Recorded. Location: the event.' })
  @ApiAcceptedResponse({
    type: EventAcceptedResponseDto,
    description: 'Accepted by the workflow, not yet persisted (e.g. PostgreSQL down). Poll Location.',
  })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed body or missing Idempotency-Key; nothing changed.',
  })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: 'The caller may see the case but not record this type of event.',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      'The case does not accept this event now (reason: CASE_CLOSED, EVENT_NOT_ALLOWED_AT_STEP, PREREQUISITE_MISSING…).',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description:
      'The event cannot be right (INVALID_EVENT, OCCURRED_IN_FUTURE), the database refuses its content (EVENT_NOT_STORABLE), or the key was reused.',
  })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'PostgreSQL or Temporal unreachable; nothing changed.',
  })
  async record(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) caseId: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @UncheckedBody() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EventAnswer> {
    return this.send(res, caseId, await this.events.record(caller, caseId, idempotencyKey, body));
  }

  @Get(':eventId')
  @ApiOperation({ summary: 'One event of the case; 202 while the workflow is still recording it.' })
  @ApiOkResponse({ type: CaseEventResponseDto })
  @ApiAcceptedResponse({ type: EventAcceptedResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) caseId: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EventAnswer> {
    return this.send(res, caseId, await this.events.get(caller, caseId, eventId));
  }

  /** A stored response is status and body only; the headers follow from them. */
  private send(res: Response, caseId: string, response: EventResponse): EventAnswer {
    res.status(response.status);
    const eventId = eventIdOf(response);
    if (eventId) res.location(this.config.url(caseEventPath(caseId, eventId)));
    if (response.status === HttpStatus.ACCEPTED) res.setHeader('Retry-After', '2');
    // A stored rejection is replayed to a new request: it carries that request's id, like every error.
    if (isRejection(response)) return { ...response.body, requestId: res.req.requestId };
    return response.body;
  }
}
