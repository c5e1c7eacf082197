// The one definition of what an event a person records looks like (ADR 0008). From it follow the
// domain's shape check (case-event-validation.ts, run by the API and again by the workflow's Update
// validator), the API's edge validation (apps/api/src/events/record-event.schema.ts) and the OpenAPI
// schemas of the event bodies, which the web app's forms are generated from. Every object is strict:
// unknown keys are refused so that free text cannot ride along in fields nobody reads (or audits).
//
// Rules between fields and against the case (a next meeting after this one, a reason 'other' needs an
// explanation, what a step accepts) are domain functions beside it, not schema refinements.
//
// The schemas are reached through caseEventSchemas(), not exported as constants: the workflow bundle
// loads this library once per worker thread and shares it between every workflow instance
// (preloadModules, libs/temporal/src/workflow-bundle.ts), and the SDK deep-freezes what a shared
// module exports, while zod completes a schema's methods on its first use. Built while the module
// loads, so zod's own first-use setup (its global configuration) is done before the SDK freezes it.
import { z } from 'zod';
import {
  CASE_EVENT_TYPES,
  CLOSE_REASONS,
  EVALUATION_DECISIONS,
  EVALUATION_EFFECTS,
  MAPPING_AREAS,
  MEETING_KINDS,
  PARTICIPANT_KINDS,
  PARTNER_SERVICES,
  PAUSE_REASONS,
  RESPONSIBLE_KINDS,
  RISK_FACTORS,
  STAFF_ROLES,
  STEP1_CONCLUSIONS,
  STUDENT_PARTICIPATIONS,
  WEEKDAYS,
  type CaseEventPayloads,
  type CaseEventType,
} from './model';
import { isValidInstant, isValidLocalDate } from './oslo-time';
import { unstorableCharacterIn } from './text-rules';

export const MAX_TEXT_LENGTH = 2000;
export const MAX_ID_LENGTH = 200;

/** A non-empty id (event, staff, measure, case) of bounded length. */
export function isBoundedId(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_ID_LENGTH;
}

/** An absence percentage: a finite number from 0 to 100. */
export function isPercent(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;
}

/**
 * What the schema's own checks report (in a custom issue's params), beside the library's codes for
 * types, choices, lengths and unknown keys. The wording is the reader's: see shape-issues.ts.
 */
export type SchemaCheck =
  | { check: 'id' }
  | { check: 'empty' }
  | { check: 'unstorable'; found: string }
  | { check: 'date' }
  | { check: 'instant' }
  | { check: 'duplicate'; value: string }
  | { check: 'decimals'; places: number }
  | { check: 'guardians-contacted' };

type Ctx = z.core.ParsePayload<unknown>;

function fail(ctx: Ctx, params: SchemaCheck, path: PropertyKey[] = []): void {
  ctx.issues.push({ code: 'custom', input: ctx.value, params, path, message: params.check });
}

// What PostgreSQL cannot store, or no person types, is refused here rather than failing the write later.
function storable(ctx: Ctx, value: string): void {
  const found = unstorableCharacterIn(value);
  if (found !== null) fail(ctx, { check: 'unstorable', found });
}

// The error token names the check for a value of the wrong type too ("must be a valid date", not "text").
const DATE_ERROR = 'date';
const INSTANT_ERROR = 'instant';
const PERCENT_ERROR = 'percent';

function buildCaseEventSchemas() {
  /** An id: non-empty, at most MAX_ID_LENGTH characters, storable. */
  const boundedIdSchema = z.string().check((ctx) => {
    if (!isBoundedId(ctx.value)) fail(ctx, { check: 'id' });
    else storable(ctx, ctx.value);
  });

  /** Free text of at most MAX_TEXT_LENGTH characters; `required` refuses blank text. */
  function textSchema(required: boolean) {
    return z
      .string()
      .max(MAX_TEXT_LENGTH)
      .check((ctx) => {
        if (ctx.value.length > MAX_TEXT_LENGTH) return;
        if (required && ctx.value.trim() === '') fail(ctx, { check: 'empty' });
        else storable(ctx, ctx.value);
      });
  }
  const optionalText = textSchema(false);
  const requiredText = textSchema(true);

  /** A real calendar date `YYYY-MM-DD` in Europe/Oslo (2026-02-30 is refused). */
  const localDateSchema = z.string({ error: DATE_ERROR }).check((ctx) => {
    if (!isValidLocalDate(ctx.value)) fail(ctx, { check: 'date' });
  });

  /** An ISO-8601 instant with a time zone, e.g. 2026-11-26T14:00:00.000Z. */
  const instantSchema = z
    .string({ error: INSTANT_ERROR })
    .check((ctx) => {
      if (!isValidInstant(ctx.value)) fail(ctx, { check: 'instant' });
    })
    .meta({ format: 'date-time' });

  /** A list of allowed values without duplicates (so its length is bounded by the allowed set). */
  function choicesSchema<T extends readonly [string, ...string[]]>(allowed: T) {
    return z.array(z.enum(allowed)).check((ctx) => {
      ctx.value.forEach((item, index) => {
        if (ctx.value.indexOf(item) !== index) fail(ctx, { check: 'duplicate', value: item }, [index]);
      });
    });
  }

  const actorSchema = z.strictObject({ staffId: boundedIdSchema, role: z.enum(STAFF_ROLES) });

  // ---- payloads ---------------------------------------------------------------------------------------

  const absencePatternSchema = z.strictObject({
    weekdays: choicesSchema(WEEKDAYS).meta({
      example: ['monday'],
      description: 'Weekdays the absence clusters on (often Mondays?).',
    }),
    consecutiveDays: z.boolean().meta({ description: 'Runs of consecutive days.' }),
    singleDays: z.boolean().meta({ description: 'Single days here and there.' }),
    lateArrivals: z.boolean(),
    leavingEarly: z.boolean(),
    appointmentsOrAssessmentDays: z
      .boolean()
      .meta({ description: 'Doctor or dentist appointments, or assessment days.' }),
  });

  const step1ContactPayloadSchema = z.strictObject({
    talkedWithStudent: z.boolean().meta({ description: 'Talked with the student, as age allows.' }),
    // The step is the talk with the guardians; failed attempts are notes, not a step-1 contact.
    guardiansContacted: z
      .boolean()
      .check((ctx) => {
        if (ctx.value !== true) fail(ctx, { check: 'guardians-contacted' });
      })
      .meta({
        enum: [true],
        description: 'Must be true: attempts that did not reach the guardians are notes.',
      }),
    pattern: absencePatternSchema,
    guardiansView: optionalText.meta({ description: "The guardians' view, briefly. No health details." }),
    conclusion: z.enum(STEP1_CONCLUSIONS).meta({
      description: 'explained closes the case at step 1; concern-remains moves it to step 2.',
    }),
  });

  const meetingHeldPayloadSchema = z.strictObject({
    kind: z.enum(MEETING_KINDS),
    heldOn: localDateSchema.meta({ example: '2026-11-23' }),
    participants: choicesSchema(PARTICIPANT_KINDS).min(1).meta({ description: 'Who took part, by role.' }),
    studentParticipation: z.enum(STUDENT_PARTICIPATIONS).meta({
      description: 'A student who does not attend gives their view beforehand and is informed afterwards.',
    }),
    nextMeetingOn: localDateSchema.meta({
      example: '2026-12-14',
      description: 'Every meeting ends by setting the date of the next one.',
    }),
    summary: optionalText,
  });

  const mappingAreaRecordSchema = z.strictObject({
    riskFactors: choicesSchema(RISK_FACTORS).meta({
      description: "The analysis model's risk factors, as checkboxes.",
    }),
    summary: optionalText.meta({
      description: 'A short summary; use the risk factors for anything touching health.',
    }),
  });

  const MAPPING_AREA_DESCRIPTIONS: Record<(typeof MAPPING_AREAS)[number], string> = {
    school: 'Relations, situations, structures, demands.',
    home: 'Relations, routines.',
    leisure: 'Relations, situations, activities.',
    student: 'Well-being, relations, vulnerabilities, strengths.',
  };

  /** The four areas of the simplified mapping and the analysis model. */
  const mappingAreasSchema = z.strictObject(
    Object.fromEntries(
      MAPPING_AREAS.map((area) => [
        area,
        mappingAreaRecordSchema.meta({ description: MAPPING_AREA_DESCRIPTIONS[area] }),
      ]),
    ) as Record<(typeof MAPPING_AREAS)[number], typeof mappingAreaRecordSchema>,
  );

  const mappingRecordedPayloadSchema = z.strictObject({ areas: mappingAreasSchema });

  const measureResponsibleSchema = z.strictObject({
    kind: z.enum(RESPONSIBLE_KINDS),
    staffId: boundedIdSchema
      .meta({ description: 'For kind staff: an active staff member at the school or municipality-wide.' })
      .optional(),
    role: z
      .enum(STAFF_ROLES)
      .meta({
        description: 'For kind staff; taken from the directory when absent, and must match it when given.',
      })
      .optional(),
  });

  const measurePlannedPayloadSchema = z.strictObject({
    measureId: boundedIdSchema,
    what: requiredText.meta({ example: 'Fast voksen tar imot eleven om morgenen' }),
    responsible: measureResponsibleSchema,
    how: optionalText.meta({ example: 'Møtes ved inngangen kl. 08.15' }),
    startsOn: localDateSchema.meta({ example: '2026-11-23' }),
    evaluateBy: localDateSchema.meta({
      example: '2026-12-14',
      description: 'When the measure is evaluated.',
    }),
    ifNotPossible: optionalText.meta({ description: 'What to do if the measure cannot be carried out.' }),
  });

  const evaluationRecordedPayloadSchema = z.strictObject({
    absencePercent: z
      .number({ error: PERCENT_ERROR })
      .min(0, { error: PERCENT_ERROR })
      .max(100, { error: PERCENT_ERROR })
      .meta({ example: 8.5 }),
    effect: z.enum(EVALUATION_EFFECTS),
    // The guide: the student's voice is always represented.
    studentVoice: requiredText.meta({ description: "The student's voice is always represented." }),
    decision: z.enum(EVALUATION_DECISIONS).meta({
      description:
        'Step 2: close-resolved or next-step; steps 3–4 may also continue-period; step 4 cannot go further.',
    }),
  });

  const guardianConsentPayloadSchema = z.strictObject({ consentGiven: z.boolean() });

  const referralSentPayloadSchema = z.strictObject({
    to: z.enum(PARTNER_SERVICES).meta({
      description: 'Step 3: competence-team. Step 4: ppt, mobile-team or health-nurse.',
    }),
  });

  const teamAdvicePayloadSchema = z.strictObject({ advice: requiredText });

  const notePayloadSchema = z.strictObject({
    text: requiredText.meta({
      description: 'A short note. Never health details: use the structured fields.',
    }),
  });

  const ownerReassignedPayloadSchema = z.strictObject({
    newOwnerStaffId: boundedIdSchema.meta({ description: "An active contact teacher at the case's school." }),
  });

  const casePausedPayloadSchema = z.strictObject({
    reason: z.enum(PAUSE_REASONS),
    explanation: optionalText.meta({
      description: "Required when the reason is 'other'; no health details.",
    }),
  });

  const caseResumedPayloadSchema = z.strictObject({});

  const caseClosedPayloadSchema = z.strictObject({
    reason: z.enum(CLOSE_REASONS),
    explanation: optionalText.meta({ description: "Required when the reason is 'other'." }),
  });

  /** The payload schema of each event type: the envelope's `type` picks the one to check against. */
  const CASE_EVENT_PAYLOAD_SCHEMAS = {
    'step1-contact': step1ContactPayloadSchema,
    'meeting-held': meetingHeldPayloadSchema,
    'mapping-recorded': mappingRecordedPayloadSchema,
    'measure-planned': measurePlannedPayloadSchema,
    'evaluation-recorded': evaluationRecordedPayloadSchema,
    'guardian-consent-recorded': guardianConsentPayloadSchema,
    'referral-sent': referralSentPayloadSchema,
    'team-advice-recorded': teamAdvicePayloadSchema,
    'note-added': notePayloadSchema,
    'owner-reassigned': ownerReassignedPayloadSchema,
    'case-paused': casePausedPayloadSchema,
    'case-resumed': caseResumedPayloadSchema,
    'case-closed': caseClosedPayloadSchema,
  } as const satisfies Record<CaseEventType, z.ZodType>;

  /** The envelope of a recorded event; its payload is checked by type once the type is known. */
  const caseEventEnvelopeSchema = z.strictObject({
    type: z.enum(CASE_EVENT_TYPES),
    eventId: boundedIdSchema,
    actor: actorSchema,
    occurredAt: instantSchema,
    payload: z.unknown(),
  });

  return {
    boundedIdSchema,
    localDateSchema,
    instantSchema,
    actorSchema,
    absencePatternSchema,
    step1ContactPayloadSchema,
    meetingHeldPayloadSchema,
    mappingAreaRecordSchema,
    mappingAreasSchema,
    mappingRecordedPayloadSchema,
    measureResponsibleSchema,
    measurePlannedPayloadSchema,
    evaluationRecordedPayloadSchema,
    guardianConsentPayloadSchema,
    referralSentPayloadSchema,
    teamAdvicePayloadSchema,
    notePayloadSchema,
    ownerReassignedPayloadSchema,
    casePausedPayloadSchema,
    caseResumedPayloadSchema,
    caseClosedPayloadSchema,
    CASE_EVENT_PAYLOAD_SCHEMAS,
    caseEventEnvelopeSchema,
  };
}

/** Every schema of a recorded event, by name. */
export type CaseEventSchemas = ReturnType<typeof buildCaseEventSchemas>;

const SCHEMAS: CaseEventSchemas = buildCaseEventSchemas();

/** The event schemas (the same objects on every call). */
export function caseEventSchemas(): CaseEventSchemas {
  return SCHEMAS;
}

// The payload types of model.ts are the schema's: a field or a choice added to one and not the other
// does not compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SchemaPayloads = {
  [T in CaseEventType]: z.infer<CaseEventSchemas['CASE_EVENT_PAYLOAD_SCHEMAS'][T]>;
};
type AllTrue<T extends Record<CaseEventType, true>> = T;
export type PayloadTypesFollowTheSchema = AllTrue<{
  [T in CaseEventType]: Same<SchemaPayloads[T], CaseEventPayloads[T]>;
}>;
