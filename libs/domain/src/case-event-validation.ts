// The shape of a recorded event, checked without the case: the API runs it at the edge and the workflow
// runs it again in its Update validator. The schema (case-event-schema.ts) says what each field is; the
// rules between fields are here, run once the payload has its schema's shape.
import { caseEventSchemas, isBoundedId } from './case-event-schema';
import type { CaseEventPayloads, CaseEventType, MeasurePlannedPayload, MeetingHeldPayload } from './model';
import { describeShapeIssue, shapeIssuesFrom, type ShapeIssue } from './shape-issues';

const PARSE = { reportInput: true } as const;

/** Every structural problem with an event, as `path: message` in English; empty when the shape is sound. */
export function validateCaseEventShape(event: unknown): string[] {
  return caseEventShapeIssues(event).map(describeShapeIssue);
}

/** Every structural problem with an event, as data; empty when the shape is sound. */
export function caseEventShapeIssues(event: unknown): ShapeIssue[] {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return [{ path: '(event)', problem: { check: 'type', expected: 'object' } }];
  }
  const envelope = caseEventSchemas().caseEventEnvelopeSchema.safeParse(event, PARSE);
  const issues = envelope.success ? [] : shapeIssuesFrom(envelope.error.issues);
  const { type, payload } = event as { type?: unknown; payload?: unknown };
  if (!isCaseEventType(type)) return issues;
  return [...issues, ...payloadShapeIssues(type, payload)];
}

/** The problems with one type's payload, its paths below `prefix` (`payload` by default). */
export function payloadShapeIssues(type: CaseEventType, payload: unknown, prefix = 'payload'): ShapeIssue[] {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return [{ path: prefix, problem: { check: 'type', expected: 'object' } }];
  }
  const parsed = caseEventSchemas().CASE_EVENT_PAYLOAD_SCHEMAS[type].safeParse(payload, PARSE);
  if (!parsed.success) return shapeIssuesFrom(parsed.error.issues, prefix);
  return payloadRuleIssues(type, payload as CaseEventPayloads[CaseEventType], prefix);
}

function isCaseEventType(value: unknown): value is CaseEventType {
  return typeof value === 'string' && Object.hasOwn(caseEventSchemas().CASE_EVENT_PAYLOAD_SCHEMAS, value);
}

// ---- rules between fields ----------------------------------------------------------------------------

type Rule<T extends CaseEventType> = (
  payload: CaseEventPayloads[T],
  at: (field: string) => string,
) => ShapeIssue[];

const PAYLOAD_RULES: { [T in CaseEventType]?: Rule<T> } = {
  'meeting-held': meetingRules,
  'measure-planned': measureRules,
  'case-paused': (p, at) => explanationForOther(p.reason, p.explanation, at),
  'case-closed': (p, at) => explanationForOther(p.reason, p.explanation, at),
};

/** The rules between the fields of a payload that has its schema's shape. */
export function payloadRuleIssues<T extends CaseEventType>(
  type: T,
  payload: CaseEventPayloads[T],
  prefix = 'payload',
): ShapeIssue[] {
  const rule = PAYLOAD_RULES[type] as Rule<T> | undefined;
  return rule ? rule(payload, (field) => (field ? `${prefix}.${field}` : prefix)) : [];
}

function meetingRules(p: MeetingHeldPayload, at: (field: string) => string): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  if (p.nextMeetingOn < p.heldOn) {
    issues.push({
      path: at('nextMeetingOn'),
      problem: { check: 'not-before', value: p.nextMeetingOn, other: 'heldOn', otherValue: p.heldOn },
    });
  }
  // The guide: a leadership representative attends the interdisciplinary collaboration.
  if (p.kind === 'collaboration-meeting' && !p.participants.includes('school-leadership')) {
    issues.push({ path: at('participants'), problem: { check: 'leadership-missing' } });
  }
  return issues;
}

function measureRules(p: MeasurePlannedPayload, at: (field: string) => string): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  const { responsible } = p;
  if (responsible.kind === 'staff') {
    if (!isBoundedId(responsible.staffId)) {
      issues.push({ path: at('responsible.staffId'), problem: { check: 'id' } });
    }
  } else if (responsible.staffId !== undefined || responsible.role !== undefined) {
    issues.push({ path: at('responsible'), problem: { check: 'staff-fields', kind: responsible.kind } });
  }
  if (p.evaluateBy < p.startsOn) {
    issues.push({
      path: at('evaluateBy'),
      problem: { check: 'not-before', value: p.evaluateBy, other: 'startsOn', otherValue: p.startsOn },
    });
  }
  return issues;
}

function explanationForOther(
  reason: string,
  explanation: string,
  at: (field: string) => string,
): ShapeIssue[] {
  return reason === 'other' && explanation.trim() === ''
    ? [{ path: at('explanation'), problem: { check: 'empty' } }]
    : [];
}
