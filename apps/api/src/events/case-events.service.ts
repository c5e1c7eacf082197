import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { caseEventShapeIssues, type CaseEvent, type CaseState } from '@tiltak/domain';
import type { AuditTrailEntry } from '@tiltak/persistence';
import type { RecordedEvent, UpdateRejectionCode } from '@tiltak/workflows';
import { AccessAudit } from '../access/access-audit.service';
import { mayRecordEvent } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import { CaseAccess } from '../cases/case-access.service';
import { caseEventPath, eventIdFor } from '../cases/case-ids';
import { caseResponseFrom } from '../cases/case-view.mapper';
import { CaseWorkflows, type UpdateOutcome } from '../cases/case-workflows';
import { canonicalJson, sha256Hex } from '../common/canonical-json';
import { DomainError } from '../errors/domain-error';
import { validationFailed } from '../errors/validation-errors';
import { ApiConfig } from '../infrastructure/api-config';
import { describeErrorForLog } from '../logging/safe-error';
import { DirectoryStore, EventStore, IdempotencyKeys } from '../infrastructure/stores.provider';
import { buildCaseEvent } from './case-event.builder';
import type { RecordedEventDto } from './dto/recorded-event.dto';
import { RecordEventBodyPipe } from './record-event-body.pipe';
import { storedEventResponse, type EventRejection, type EventResponse } from './event-response';
import { messageForRejection, statusForRejection } from './rejection-status';
import { fieldErrorsFromShapeIssues } from './shape-messages';
import { ApiMetrics } from '../metrics/api-metrics';

// Printable ASCII, as in the IETF Idempotency-Key draft's examples (UUIDs, random strings).
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
// A duplicate arriving while the first is still running waits this long for its answer.
const IN_PROGRESS_WAIT_MS = 30_000;
const IN_PROGRESS_POLL_MS = 100;
const POLL_OUTCOME_WAIT_MS = 1_000;

@Injectable()
export class CaseEventsService {
  private readonly logger = new Logger('case-events');
  private readonly bodies = new RecordEventBodyPipe();

  constructor(
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly eventStore: EventStore,
    private readonly directoryStore: DirectoryStore,
    private readonly access: CaseAccess,
    private readonly workflows: CaseWorkflows,
    private readonly audit: AccessAudit,
    private readonly config: ApiConfig,
    private readonly metrics: ApiMetrics,
  ) {}

  /**
   * Records a person's event through the case workflow, exactly once per caller and Idempotency-Key:
   * concurrent duplicates wait for the first and get its response; the same key with another body is
   * refused. Nothing is written unless the workflow accepts the event. A case the caller may not see
   * answers 404 before the key or the body is looked at, so no answer about them reveals the case.
   */
  async record(
    caller: Caller,
    caseId: string,
    idempotencyKey: string | undefined,
    rawBody: unknown,
  ): Promise<EventResponse> {
    const { state } = await this.access.load(caller, caseId, 'case.record-event', {
      logAllowed: false,
    });
    const key = checkIdempotencyKey(idempotencyKey);
    const body = this.bodies.transform(rawBody);
    // Written with the key's first look (one statement): a request whose key is looked at is logged.
    const allowed = await this.audit.permittedEntry(
      caller,
      mayRecordEvent(caller, body.type),
      'case.record-event',
      'case',
      caseId,
    );

    const eventId = eventIdFor(caller.staffId, key);
    let event: CaseEvent;
    try {
      event = await this.withDirectoryFacts(buildCaseEvent(caller, eventId, body, new Date()), state);
      const shape = caseEventShapeIssues(event);
      if (shape.length) throw validationFailed(fieldErrorsFromShapeIssues(shape));
    } catch (err) {
      // Allowed, then refused as input: logged as allowed all the same, as every permitted request is.
      await this.audit.log(allowed);
      throw err;
    }

    const idempotency = await this.idempotencyKeys.get();
    const path = `/cases/${caseId}/events`;
    const requestHash = sha256Hex(canonicalJson({ caseId, body }));
    const waitUntil = Date.now() + IN_PROGRESS_WAIT_MS;
    for (let first = true; ; first = false) {
      const begun = first
        ? await idempotency.beginLogged(allowed, caller.staffId, key, 'POST', path, requestHash)
        : await idempotency.begin(caller.staffId, key, 'POST', path, requestHash);
      switch (begun.state) {
        case 'new':
          return this.execute(caller, caseId, key, event);
        case 'completed':
          this.metrics.idempotencyReplayed('recordEvent');
          return storedEventResponse(begun.status, begun.body);
        case 'mismatch':
          throw new DomainError(
            'IDEMPOTENCY_KEY_REUSED',
            'Denne Idempotency-Key er brukt for en annen forespørsel; bruk en ny nøkkel.',
          );
        case 'in-progress':
          if (Date.now() >= waitUntil) {
            throw new DomainError(
              'REQUEST_IN_PROGRESS',
              'En forespørsel med denne Idempotency-Key pågår fortsatt; prøv igjen om litt.',
              {
                retryAfterSeconds: 1,
              },
            );
          }
          await sleep(IN_PROGRESS_POLL_MS);
      }
    }
  }

  /** An event by id: 200 once in the audit trail, 202 while the workflow still works on it. */
  async get(caller: Caller, caseId: string, eventId: string): Promise<EventResponse> {
    await this.access.load(caller, caseId, 'case.event.read');
    const events = await this.eventStore.get();
    const entry = await events.findEvent(caseId, eventId);
    if (entry) return { status: HttpStatus.OK, body: { event: recordedEventFromTrail(entry) } };
    const outcome = await this.workflows.updateOutcome(caseId, eventId, POLL_OUTCOME_WAIT_MS);
    switch (outcome.kind) {
      case 'completed':
        return { status: HttpStatus.OK, body: { event: recordedEventDto(outcome.result.event) } };
      case 'rejected':
        return rejection(outcome.code);
      case 'pending':
        return this.accepted(caseId, eventId);
      case 'no-workflow':
      case 'unknown':
        throw new DomainError('NOT_FOUND', 'Fant ikke hendelsen i saken.');
    }
  }

  private async execute(
    caller: Caller,
    caseId: string,
    key: string,
    event: CaseEvent,
  ): Promise<EventResponse> {
    const idempotency = await this.idempotencyKeys.get();
    let outcome: UpdateOutcome;
    try {
      outcome = await this.workflows.recordEvent(caseId, event);
    } catch (err) {
      // Not accepted: nothing was recorded, so the key is free for the retry.
      await idempotency.abandon(caller.staffId, key).catch(() => undefined);
      throw err;
    }
    if (outcome.kind === 'pending') {
      // Durable in the workflow but not yet persisted. A retry re-sends the same Update id, which Temporal
      // answers with this same update's outcome, so the key is released rather than frozen at 202.
      await idempotency.abandon(caller.staffId, key).catch(() => undefined);
      return this.accepted(caseId, event.eventId);
    }
    const response = this.responseFor(caller, caseId, outcome);
    const stored = await idempotency.complete(caller.staffId, key, response).catch((err: unknown) => {
      this.logger.warn({
        msg: 'Could not store the idempotent response',
        caseId,
        error: describeErrorForLog(err),
      });
      return false;
    });
    if (!stored)
      this.logger.warn({ msg: 'Idempotency key was no longer in progress when completing', caseId });
    return response;
  }

  private responseFor(
    caller: Caller,
    caseId: string,
    outcome: Exclude<UpdateOutcome, { kind: 'pending' }>,
  ): EventResponse {
    switch (outcome.kind) {
      case 'completed':
        return {
          status: HttpStatus.CREATED,
          body: {
            event: recordedEventDto(outcome.result.event),
            case: caseResponseFrom(outcome.result.state, 'live', caller),
          },
        };
      case 'rejected':
        return rejection(outcome.code);
      case 'no-workflow':
        return rejection('CASE_CLOSED');
    }
  }

  private accepted(caseId: string, eventId: string): EventResponse {
    return accepted(this.config.url(caseEventPath(caseId, eventId)), eventId);
  }

  /** Checks people an event names against the directory, and completes what the directory knows. */
  private async withDirectoryFacts(event: CaseEvent, state: CaseState): Promise<CaseEvent> {
    const directory = await this.directoryStore.get();
    if (event.type === 'owner-reassigned') {
      const owner = await directory.getStaff(event.payload.newOwnerStaffId);
      if (!owner || !owner.active || owner.role !== 'contact-teacher' || owner.schoolId !== state.schoolId) {
        throw unknownPerson(
          'payload.newOwnerStaffId',
          "must be an active contact teacher at the case's school",
        );
      }
    }
    if (event.type === 'measure-planned' && event.payload.responsible.kind === 'staff') {
      const { staffId, role } = event.payload.responsible;
      const staff = staffId ? await directory.getStaff(staffId) : null;
      if (!staff || !staff.active || (staff.schoolId !== null && staff.schoolId !== state.schoolId)) {
        throw unknownPerson(
          'payload.responsible.staffId',
          "must be active staff at the case's school or municipality-wide",
        );
      }
      if (role !== undefined && role !== staff.role)
        throw unknownPerson('payload.responsible.role', `is ${staff.role} in the directory`);
      return {
        ...event,
        payload: { ...event.payload, responsible: { kind: 'staff', staffId: staff.id, role: staff.role } },
      };
    }
    return event;
  }
}

export function recordedEventDto(event: RecordedEvent): RecordedEventDto {
  return {
    eventId: event.eventId,
    caseId: event.caseId,
    type: event.type,
    step: event.step,
    actor: event.actor ? { staffId: event.actor.staffId, role: event.actor.role } : null,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    payload: event.payload,
  };
}

function recordedEventFromTrail(entry: AuditTrailEntry): RecordedEventDto {
  return {
    eventId: entry.eventId,
    caseId: entry.caseId,
    type: entry.type,
    step: entry.step,
    actor: entry.actor,
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    payload: entry.payload,
  };
}

function rejection(code: UpdateRejectionCode): EventRejection {
  const status = statusForRejection(code);
  return {
    status,
    body: {
      code: status === HttpStatus.CONFLICT ? 'EVENT_REJECTED' : 'UNPROCESSABLE',
      message: messageForRejection(code),
      reason: code,
    },
  };
}

function accepted(
  location: string,
  eventId: string,
): Extract<EventResponse, { status: HttpStatus.ACCEPTED }> {
  return {
    status: HttpStatus.ACCEPTED,
    body: {
      status: 'accepted',
      eventId,
      location,
      message: 'Saksflyten har hendelsen og registrerer den; den går ikke tapt. Spør igjen på location.',
    },
  };
}

function checkIdempotencyKey(key: string | undefined): string {
  if (key === undefined || key === '') {
    throw new DomainError(
      'IDEMPOTENCY_KEY_MISSING',
      'Idempotency-Key må være med (for eksempel en ny UUID per hendelse; bruk den samme bare når du prøver igjen).',
    );
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw validationFailed([
      { field: 'Idempotency-Key', message: 'must be 1 to 200 printable ASCII characters' },
    ]);
  }
  return key;
}

function unknownPerson(field: string, message: string): DomainError {
  return new DomainError('UNPROCESSABLE', 'Hendelsen nevner en person som ikke finnes slik i katalogen.', {
    fieldErrors: [{ field, message }],
    reason: 'UNKNOWN_STAFF',
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
