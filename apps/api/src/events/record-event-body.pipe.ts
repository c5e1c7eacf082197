import { Injectable, type PipeTransform } from '@nestjs/common';
import type { CaseEventType } from '@tiltak/domain';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, validationFailed } from '../errors/validation-errors';
import { screenInput } from '../input/input-screen';
import { PAYLOAD_DTOS } from './case-event-payloads';
import { RecordEventRequestDto } from './dto/record-event.request.dto';

/** The validated body: the envelope as sent, the payload as plain JSON. */
export interface RecordEventBody {
  type: CaseEventType;
  occurredAt?: string;
  payload: Record<string, unknown>;
}

// class-validator refuses to validate a class without decorators, so events without fields are checked here.
const FIELDLESS: ReadonlySet<CaseEventType> = new Set(['case-resumed']);

const STRICT = { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: false } as const;

/**
 * A discriminated union, validated in two passes with the global pipe's allow-list rules: the envelope
 * (type, occurredAt, payload), then the payload against the class its `type` names. Unknown fields are
 * refused and each error names its field (`payload.pattern.weekdays[0]`). The events service runs it
 * after the access check, so it also does the global InputScreenPipe's screening itself.
 */
@Injectable()
export class RecordEventBodyPipe implements PipeTransform<unknown, Promise<RecordEventBody>> {
  async transform(value: unknown): Promise<RecordEventBody> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw validationFailed([{ field: '(body)', message: 'must be a JSON object' }]);
    }
    const screened = screenInput(value);
    if (screened.length) throw validationFailed(screened);
    const body = plainToInstance(RecordEventRequestDto, value);
    const envelopeErrors = await validate(body, STRICT);
    if (envelopeErrors.length) throw validationFailed(flattenValidationErrors(envelopeErrors));
    const dto = PAYLOAD_DTOS[body.type];
    const raw = body.payload;
    let payload: Record<string, unknown>;
    if (FIELDLESS.has(body.type)) {
      const extra = Object.keys(raw);
      if (extra.length)
        throw validationFailed(
          extra.map((key) => ({ field: `payload.${key}`, message: 'feltet er ikke tillatt' })),
        );
      payload = {};
    } else {
      const instance = plainToInstance(dto, raw);
      const errors = await validate(instance, STRICT);
      if (errors.length) throw validationFailed(flattenValidationErrors(errors, 'payload'));
      payload = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
    }
    return {
      type: body.type,
      ...(body.occurredAt !== undefined ? { occurredAt: body.occurredAt } : {}),
      payload,
    };
  }
}
