import { Injectable, type PipeTransform } from '@nestjs/common';
import { shapeIssuesFrom, type CaseEventType } from '@tiltak/domain';
import { validationFailed } from '../errors/validation-errors';
import { screenInput } from '../input/input-screen';
import { RECORD_EVENT_PAYLOAD_SCHEMAS, recordEventEnvelopeSchema } from './record-event.schema';
import { fieldErrorsFromShapeIssues } from './shape-messages';

/** The validated body: the envelope as sent, the payload as plain JSON. */
export interface RecordEventBody {
  type: CaseEventType;
  occurredAt?: string;
  payload: Record<string, unknown>;
}

const PARSE = { reportInput: true } as const;

/**
 * A discriminated union, validated in two passes against the schema the domain's event schema gives
 * the edge (record-event.schema.ts): the envelope (type, occurredAt, payload), then the payload against
 * its `type`'s schema. Unknown fields are refused and each error names its field
 * (`payload.pattern.weekdays[0]`). The events service runs it after the access check, so it also does
 * the global InputScreenPipe's screening itself.
 */
@Injectable()
export class RecordEventBodyPipe implements PipeTransform<unknown, RecordEventBody> {
  transform(value: unknown): RecordEventBody {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw validationFailed([{ field: '(body)', message: 'må være et JSON-objekt' }]);
    }
    const screened = screenInput(value);
    if (screened.length) throw validationFailed(screened);
    const envelope = recordEventEnvelopeSchema.safeParse(value, PARSE);
    if (!envelope.success) {
      throw validationFailed(
        fieldErrorsFromShapeIssues(shapeIssuesFrom(envelope.error.issues, '', '(body)')),
      );
    }
    const { type, occurredAt, payload } = envelope.data;
    const parsed = RECORD_EVENT_PAYLOAD_SCHEMAS[type].safeParse(payload, PARSE);
    if (!parsed.success) {
      throw validationFailed(fieldErrorsFromShapeIssues(shapeIssuesFrom(parsed.error.issues, 'payload')));
    }
    return { type, ...(occurredAt !== undefined ? { occurredAt } : {}), payload };
  }
}
