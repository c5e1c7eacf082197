// OpenAPI only: one schema per event type (`type` fixed, `payload` of that type's class), offered as a
// oneOf with `type` as the discriminator so Swagger UI shows every variant with its fields.
import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { CASE_EVENT_TYPES, type CaseEventType } from '@tiltak/domain';
import { INSTANT_EXAMPLE } from '../../common/validation';
import { PAYLOAD_DTOS } from '../case-event-payloads';

function variantFor(type: CaseEventType, payload: Type<object>): Type<object> {
  const name = `Record${type
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}Event`;
  // The class name becomes the schema name in the OpenAPI document.
  const variant = class {};
  Object.defineProperty(variant, 'name', { value: name });
  ApiProperty({ type: String, enum: [type], example: type })(variant.prototype, 'type');
  ApiPropertyOptional({
    type: String,
    example: INSTANT_EXAMPLE,
    format: 'date-time',
    description: 'When it happened; default now.',
  })(variant.prototype, 'occurredAt');
  ApiProperty({ type: payload })(variant.prototype, 'payload');
  return variant;
}

export const RECORD_EVENT_VARIANTS: Record<CaseEventType, Type<object>> = Object.fromEntries(
  CASE_EVENT_TYPES.map((type) => [type, variantFor(type, PAYLOAD_DTOS[type])]),
) as Record<CaseEventType, Type<object>>;

export const RECORD_EVENT_BODY_SCHEMA = {
  oneOf: CASE_EVENT_TYPES.map((type) => ({ $ref: getSchemaPath(RECORD_EVENT_VARIANTS[type]) })),
  discriminator: {
    propertyName: 'type',
    mapping: Object.fromEntries(
      CASE_EVENT_TYPES.map((type) => [type, getSchemaPath(RECORD_EVENT_VARIANTS[type])]),
    ),
  },
};
