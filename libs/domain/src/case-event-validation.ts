// The shape of a recorded event, checked without the case: the API runs it at the edge and the workflow
// runs it again in its Update validator. Unknown keys are refused so that free text cannot ride along
// in fields nobody reads (and nobody audits).
import {
  CASE_EVENT_TYPES,
  EVALUATION_DECISIONS,
  MAPPING_AREAS,
  MEETING_KINDS,
  PARTICIPANT_KINDS,
  PARTNER_SERVICES,
  RISK_FACTORS,
  STAFF_ROLES,
  WEEKDAYS,
  type CaseEventType,
} from './model';
import { isValidInstant, isValidLocalDate } from './oslo-time';
import { unstorableCharacterIn } from './text-rules';

export const MAX_TEXT_LENGTH = 2000;
export const MAX_ID_LENGTH = 200;

type Fields = Record<string, unknown>;

/** A non-empty id (event, staff, measure, case) of bounded length. */
export function isBoundedId(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_ID_LENGTH;
}

/** An absence percentage: a finite number from 0 to 100. */
export function isPercent(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;
}

type PayloadCheck = (errors: string[], payload: Fields) => void;

/** Every structural problem with an event, as `path: message`; empty when the shape is sound. */
export function validateCaseEventShape(event: unknown): string[] {
  const errors: string[] = [];
  const envelope = ['type', 'eventId', 'actor', 'occurredAt', 'payload'];
  if (!exactObject(errors, '(event)', event, envelope)) return errors;
  identifier(errors, 'eventId', event.eventId);
  if (exactObject(errors, 'actor', event.actor, ['staffId', 'role'])) {
    identifier(errors, 'actor.staffId', event.actor.staffId);
    oneOf(errors, 'actor.role', event.actor.role, STAFF_ROLES);
  }
  if (!isValidInstant(event.occurredAt)) {
    errors.push(`occurredAt: must be an ISO-8601 instant such as 2026-11-26T14:00:00.000Z`);
  }
  if (!oneOf(errors, 'type', event.type, CASE_EVENT_TYPES)) return errors;
  const check = PAYLOAD_CHECKS[event.type];
  if (exactObject(errors, 'payload', event.payload, PAYLOAD_KEYS[event.type])) check(errors, event.payload);
  return errors;
}

const PAYLOAD_KEYS: Record<CaseEventType, readonly string[]> = {
  'step1-contact': ['talkedWithStudent', 'guardiansContacted', 'pattern', 'guardiansView', 'conclusion'],
  'meeting-held': ['kind', 'heldOn', 'participants', 'studentParticipation', 'nextMeetingOn', 'summary'],
  'mapping-recorded': ['areas'],
  'measure-planned': ['measureId', 'what', 'responsible', 'how', 'startsOn', 'evaluateBy', 'ifNotPossible'],
  'evaluation-recorded': ['absencePercent', 'effect', 'studentVoice', 'decision'],
  'guardian-consent-recorded': ['consentGiven'],
  'referral-sent': ['to'],
  'team-advice-recorded': ['advice'],
  'note-added': ['text'],
  'owner-reassigned': ['newOwnerStaffId'],
  'case-paused': ['reason', 'explanation'],
  'case-resumed': [],
  'case-closed': ['reason', 'explanation'],
};

const PAYLOAD_CHECKS: Record<CaseEventType, PayloadCheck> = {
  'step1-contact': (errors, p) => {
    boolean(errors, 'payload.talkedWithStudent', p.talkedWithStudent);
    // The step is the talk with the guardians; failed attempts are notes, not a step-1 contact.
    if (p.guardiansContacted !== true) {
      errors.push(
        'payload.guardiansContacted: must be true; record attempts that did not reach the guardians as notes',
      );
    }
    if (exactObject(errors, 'payload.pattern', p.pattern, PATTERN_KEYS)) {
      list(errors, 'payload.pattern.weekdays', p.pattern.weekdays, WEEKDAYS, 0);
      for (const key of PATTERN_KEYS.slice(1)) boolean(errors, `payload.pattern.${key}`, p.pattern[key]);
    }
    text(errors, 'payload.guardiansView', p.guardiansView, false);
    oneOf(errors, 'payload.conclusion', p.conclusion, ['explained', 'concern-remains']);
  },
  'meeting-held': (errors, p) => {
    const kindOk = oneOf(errors, 'payload.kind', p.kind, MEETING_KINDS);
    date(errors, 'payload.heldOn', p.heldOn);
    list(errors, 'payload.participants', p.participants, PARTICIPANT_KINDS, 1);
    oneOf(errors, 'payload.studentParticipation', p.studentParticipation, [
      'attended',
      'view-given-beforehand',
      'informed-afterwards',
    ]);
    if (
      date(errors, 'payload.nextMeetingOn', p.nextMeetingOn) &&
      isValidLocalDate(p.heldOn) &&
      p.nextMeetingOn < p.heldOn
    ) {
      errors.push(`payload.nextMeetingOn: ${p.nextMeetingOn} is before heldOn ${p.heldOn}`);
    }
    text(errors, 'payload.summary', p.summary, false);
    // The guide: a leadership representative attends the interdisciplinary collaboration.
    const participants = p.participants;
    if (
      kindOk &&
      p.kind === 'collaboration-meeting' &&
      Array.isArray(participants) &&
      !participants.includes('school-leadership')
    ) {
      errors.push('payload.participants: a collaboration meeting (step 4) needs school-leadership present');
    }
  },
  'mapping-recorded': (errors, p) => {
    if (!exactObject(errors, 'payload.areas', p.areas, MAPPING_AREAS)) return;
    for (const area of MAPPING_AREAS) {
      const path = `payload.areas.${area}`;
      const record = p.areas[area];
      if (record === undefined) errors.push(`${path}: missing`);
      else if (exactObject(errors, path, record, ['riskFactors', 'summary'])) {
        list(errors, `${path}.riskFactors`, record.riskFactors, RISK_FACTORS, 0);
        text(errors, `${path}.summary`, record.summary, false);
      }
    }
  },
  'measure-planned': (errors, p) => {
    identifier(errors, 'payload.measureId', p.measureId);
    text(errors, 'payload.what', p.what, true);
    if (exactObject(errors, 'payload.responsible', p.responsible, ['kind', 'staffId', 'role'])) {
      const responsible = p.responsible;
      if (oneOf(errors, 'payload.responsible.kind', responsible.kind, ['staff', 'student', 'guardians'])) {
        if (responsible.kind === 'staff') {
          identifier(errors, 'payload.responsible.staffId', responsible.staffId);
          if (responsible.role !== undefined) {
            oneOf(errors, 'payload.responsible.role', responsible.role, STAFF_ROLES);
          }
        } else if (responsible.staffId !== undefined || responsible.role !== undefined) {
          errors.push(
            `payload.responsible: staffId and role belong to a staff member, not to ${responsible.kind}`,
          );
        }
      }
    }
    text(errors, 'payload.how', p.how, false);
    date(errors, 'payload.startsOn', p.startsOn);
    if (
      date(errors, 'payload.evaluateBy', p.evaluateBy) &&
      isValidLocalDate(p.startsOn) &&
      p.evaluateBy < p.startsOn
    ) {
      errors.push(`payload.evaluateBy: ${p.evaluateBy} is before startsOn ${p.startsOn}`);
    }
    text(errors, 'payload.ifNotPossible', p.ifNotPossible, false);
  },
  'evaluation-recorded': (errors, p) => {
    if (!isPercent(p.absencePercent)) {
      errors.push(
        `payload.absencePercent: must be a number from 0 to 100, got ${JSON.stringify(p.absencePercent)}`,
      );
    }
    oneOf(errors, 'payload.effect', p.effect, ['improved', 'unchanged', 'worse']);
    // The guide: the student's voice is always represented.
    text(errors, 'payload.studentVoice', p.studentVoice, true);
    oneOf(errors, 'payload.decision', p.decision, EVALUATION_DECISIONS);
  },
  'guardian-consent-recorded': (errors, p) => boolean(errors, 'payload.consentGiven', p.consentGiven),
  'referral-sent': (errors, p) => oneOf(errors, 'payload.to', p.to, PARTNER_SERVICES),
  'team-advice-recorded': (errors, p) => text(errors, 'payload.advice', p.advice, true),
  'note-added': (errors, p) => text(errors, 'payload.text', p.text, true),
  'owner-reassigned': (errors, p) => identifier(errors, 'payload.newOwnerStaffId', p.newOwnerStaffId),
  'case-paused': (errors, p) => {
    oneOf(errors, 'payload.reason', p.reason, ['hospital-stay', 'long-term-illness', 'other']);
    text(errors, 'payload.explanation', p.explanation, p.reason === 'other');
  },
  'case-resumed': () => undefined,
  'case-closed': (errors, p) => {
    oneOf(errors, 'payload.reason', p.reason, ['resolved', 'moved-school', 'other']);
    text(errors, 'payload.explanation', p.explanation, p.reason === 'other');
  },
};

const PATTERN_KEYS = [
  'weekdays',
  'consecutiveDays',
  'singleDays',
  'lateArrivals',
  'leavingEarly',
  'appointmentsOrAssessmentDays',
] as const;

// ---- primitives (each pushes `path: message` and says whether the value passed) ----------------------

function exactObject<K extends string>(
  errors: string[],
  path: string,
  value: unknown,
  keys: readonly K[],
): value is Record<K, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push(`${path}: must be an object`);
    return false;
  }
  const prefix = path.startsWith('(') ? '' : `${path}.`;
  for (const key of Object.keys(value)) {
    if (!(keys as readonly string[]).includes(key)) errors.push(`${prefix}${key}: unknown field`);
  }
  return true;
}

function identifier(errors: string[], path: string, value: unknown): boolean {
  if (!isBoundedId(value)) {
    errors.push(`${path}: must be a non-empty id of at most ${MAX_ID_LENGTH} characters`);
    return false;
  }
  return storable(errors, path, value);
}

function text(errors: string[], path: string, value: unknown, required: boolean): boolean {
  if (typeof value !== 'string') {
    errors.push(`${path}: must be text`);
    return false;
  }
  if (value.length > MAX_TEXT_LENGTH) {
    errors.push(`${path}: at most ${MAX_TEXT_LENGTH} characters, got ${value.length}`);
    return false;
  }
  if (required && value.trim() === '') {
    errors.push(`${path}: must not be empty`);
    return false;
  }
  return storable(errors, path, value);
}

// What PostgreSQL cannot store, or no person types, is refused here rather than failing the write later.
function storable(errors: string[], path: string, value: string): boolean {
  const found = unstorableCharacterIn(value);
  if (found === null) return true;
  errors.push(`${path}: must not contain ${found}`);
  return false;
}

function boolean(errors: string[], path: string, value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  errors.push(`${path}: must be true or false`);
  return false;
}

function date(errors: string[], path: string, value: unknown): value is string {
  if (isValidLocalDate(value)) return true;
  errors.push(`${path}: must be a valid date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return false;
}

function oneOf<T extends string>(
  errors: string[],
  path: string,
  value: unknown,
  allowed: readonly T[],
): value is T {
  if ((allowed as readonly unknown[]).includes(value)) return true;
  errors.push(`${path}: must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return false;
}

/** A list of allowed values without duplicates; its length is bounded by the allowed set. */
function list(
  errors: string[],
  path: string,
  value: unknown,
  allowed: readonly string[],
  min: number,
): boolean {
  if (!Array.isArray(value)) {
    errors.push(`${path}: must be a list`);
    return false;
  }
  const before = errors.length;
  if (value.length < min) errors.push(`${path}: must hold at least ${min}`);
  value.forEach((item, index) => {
    if (!allowed.includes(item as string)) {
      errors.push(`${path}[${index}]: must be one of ${allowed.join(', ')}, got ${JSON.stringify(item)}`);
    } else if (value.indexOf(item) !== index) errors.push(`${path}[${index}]: duplicate '${String(item)}'`);
  });
  return errors.length === before;
}
