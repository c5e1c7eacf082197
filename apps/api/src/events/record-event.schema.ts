// The body of POST /cases/{id}/events, from the domain's event schema (ADR 0008): the same payloads,
// except what the API decides (a measure's id is the event's) and that staff are named by their
// directory id. The OpenAPI components of the event bodies are generated from these schemas, under the
// names the document has always used, so the web app's generated forms follow the validation.
import { CASE_EVENT_TYPES, caseEventSchemas, type CaseEventType } from '@tiltak/domain';
import { z } from 'zod';
import { INSTANT_EXAMPLE } from '../common/validation';
import { hasAtMostDecimals } from '../common/value-validators';

const {
  CASE_EVENT_PAYLOAD_SCHEMAS,
  absencePatternSchema,
  evaluationRecordedPayloadSchema,
  instantSchema,
  mappingAreaRecordSchema,
  mappingAreasSchema,
  measurePlannedPayloadSchema,
  measureResponsibleSchema,
  ownerReassignedPayloadSchema,
} = caseEventSchemas();

/** Absence is read to two decimals; 1e-7 is no one's percentage. */
const ABSENCE_DECIMALS = 2;

const responsibleBodySchema = measureResponsibleSchema.extend({
  staffId: z
    .uuid()
    .meta({ description: 'For kind staff: an active staff member at the school or municipality-wide.' })
    .optional(),
});

const PAYLOAD_BODY_SCHEMAS = {
  ...CASE_EVENT_PAYLOAD_SCHEMAS,
  /** A measure (tiltak) for three weeks at a time. Its id is the event's id, assigned by the API. */
  'measure-planned': measurePlannedPayloadSchema
    .omit({ measureId: true })
    .extend({ responsible: responsibleBodySchema }),
  'evaluation-recorded': evaluationRecordedPayloadSchema.extend({
    absencePercent: evaluationRecordedPayloadSchema.shape.absencePercent.check((ctx) => {
      if (!hasAtMostDecimals(ctx.value, ABSENCE_DECIMALS)) {
        const params = { check: 'decimals', places: ABSENCE_DECIMALS } as const;
        ctx.issues.push({ code: 'custom', input: ctx.value, params, message: params.check });
      }
    }),
  }),
  'owner-reassigned': ownerReassignedPayloadSchema.extend({
    newOwnerStaffId: z.uuid().meta({ description: "An active contact teacher at the case's school." }),
  }),
} as const satisfies Record<CaseEventType, z.ZodType>;

/** The payload a client sends for each event type. */
export const RECORD_EVENT_PAYLOAD_SCHEMAS: Record<CaseEventType, z.ZodType> = PAYLOAD_BODY_SCHEMAS;

/** The envelope: the type, when it happened (default now) and the payload, checked by type after. */
export const recordEventEnvelopeSchema = z.strictObject({
  type: z.enum(CASE_EVENT_TYPES),
  occurredAt: instantSchema.optional(),
  payload: z.record(z.string(), z.unknown()),
});

// ---- OpenAPI --------------------------------------------------------------------------------------

const PAYLOAD_COMPONENTS: Record<CaseEventType, string> = {
  'step1-contact': 'Step1ContactPayloadDto',
  'meeting-held': 'MeetingHeldPayloadDto',
  'mapping-recorded': 'MappingRecordedPayloadDto',
  'measure-planned': 'MeasurePlannedPayloadDto',
  'evaluation-recorded': 'EvaluationRecordedPayloadDto',
  'guardian-consent-recorded': 'GuardianConsentPayloadDto',
  'referral-sent': 'ReferralSentPayloadDto',
  'team-advice-recorded': 'TeamAdvicePayloadDto',
  'note-added': 'NotePayloadDto',
  'owner-reassigned': 'OwnerReassignedPayloadDto',
  'case-paused': 'CasePausedPayloadDto',
  'case-resumed': 'CaseResumedPayloadDto',
  'case-closed': 'CaseClosedPayloadDto',
};

/** `RecordStep1ContactEvent`: the schema of one type's body, `type` fixed. */
export function recordEventComponent(type: CaseEventType): string {
  return `Record${type
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}Event`;
}

const components = z.registry<{ id: string }>();
components.add(absencePatternSchema, { id: 'AbsencePatternDto' });
components.add(mappingAreaRecordSchema, { id: 'MappingAreaRecordDto' });
components.add(mappingAreasSchema, { id: 'MappingAreasDto' });
components.add(responsibleBodySchema, { id: 'MeasureResponsibleDto' });
for (const type of CASE_EVENT_TYPES) {
  const payload = PAYLOAD_BODY_SCHEMAS[type];
  components.add(payload, { id: PAYLOAD_COMPONENTS[type] });
  const body = z.strictObject({
    type: z.literal(type).meta({ example: type }),
    occurredAt: instantSchema
      .meta({ example: INSTANT_EXAMPLE, description: 'When it happened; default now.' })
      .optional(),
    payload,
  });
  components.add(body, { id: recordEventComponent(type) });
}

type SchemaObject = Record<string, unknown>;

/** The event bodies' components for the OpenAPI document (`#/components/schemas/<name>`). */
export function recordEventComponents(): Record<string, SchemaObject> {
  const { schemas } = z.toJSONSchema(components, {
    target: 'openapi-3.0',
    uri: (id) => `#/components/schemas/${id}`,
    // `format: uuid` says it; the library's long pattern would only repeat it.
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === 'uuid') delete jsonSchema.pattern;
    },
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $id: _id, ...schema }]) => [id, schema as SchemaObject]),
  );
}

const ref = (type: CaseEventType) => `#/components/schemas/${recordEventComponent(type)}`;

/** The request body: one of the event types, discriminated by `type`. */
export const RECORD_EVENT_BODY_SCHEMA = {
  oneOf: CASE_EVENT_TYPES.map((type) => ({ $ref: ref(type) })),
  discriminator: {
    propertyName: 'type',
    mapping: Object.fromEntries(CASE_EVENT_TYPES.map((type) => [type, ref(type)])),
  },
};
