// A municipality's changes to the ladder arrive as JSON configuration. They are merged onto a base
// policy and checked strictly: a typo in a key must stop start-up, not silently keep the default.
import { DEADLINE_KINDS, STAFF_ROLES } from './model';
import type { DeadlineRule, DeadlineSpan, LadderPolicy, Offset } from './policy';
import { isValidLocalTime } from './oslo-time';

export type PolicyParseResult = { ok: true; policy: LadderPolicy } | { ok: false; errors: string[] };

// Upper bounds keep a misplaced zero from scheduling a deadline years away.
const MAX_COUNT = {
  'school-days': 190, // one school year
  hours: 24 * 30,
  seconds: 365 * 24 * 3600,
} as const;
const MAX_VERSION_LENGTH = 100;

const RULE_KEYS = [
  'span',
  'remindBefore',
  'remindTo',
  'notifyOnMissed',
  'escalateAfter',
  'escalateTo',
] as const;
const POLICY_KEYS = ['version', 'deadlines', 'continueAsNewAfterEvents', 'schoolDayEndsAt'] as const;
const SPAN_UNITS = ['same-school-day', 'school-days', 'seconds'] as const;
const OFFSET_UNITS = ['hours', 'school-days', 'seconds'] as const;

/**
 * Merges a partial override onto `base`: top-level fields replace, `deadlines` merge by kind and then by
 * field (a `span` or offset is replaced whole, role lists are replaced). Accepts the parsed JSON value
 * or its text. Any change requires a new `version`, because the version is recorded on each case.
 * Errors name the path, e.g. `deadlines.step2-meeting.span.count: must be a whole number >= 1`.
 */
export function parsePolicyOverrides(json: unknown, base: LadderPolicy): PolicyParseResult {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json) as unknown;
    } catch (error) {
      return { ok: false, errors: [`(root): not valid JSON (${(error as Error).message})`] };
    }
  }
  if (input === undefined || input === null) return validated(base);
  if (!isPlainObject(input)) return { ok: false, errors: ['(root): must be an object'] };

  const errors: string[] = [];
  rejectUnknownKeys(errors, '', input, POLICY_KEYS);
  const merged: LadderPolicy = { ...base, deadlines: { ...base.deadlines } };

  if ('version' in input) {
    if (
      typeof input.version !== 'string' ||
      input.version.trim() === '' ||
      input.version.length > MAX_VERSION_LENGTH
    ) {
      errors.push(`version: must be a non-empty string of at most ${MAX_VERSION_LENGTH} characters`);
    } else merged.version = input.version;
  }
  if ('continueAsNewAfterEvents' in input) {
    merged.continueAsNewAfterEvents = input.continueAsNewAfterEvents as number;
  }
  if ('schoolDayEndsAt' in input) merged.schoolDayEndsAt = input.schoolDayEndsAt as string;

  if ('deadlines' in input) {
    const deadlines = input.deadlines;
    if (!isPlainObject(deadlines)) errors.push('deadlines: must be an object keyed by deadline kind');
    else {
      rejectUnknownKeys(errors, 'deadlines.', deadlines, DEADLINE_KINDS);
      for (const kind of DEADLINE_KINDS) {
        if (!(kind in deadlines)) continue;
        const override = deadlines[kind];
        if (!isPlainObject(override)) {
          errors.push(`deadlines.${kind}: must be an object`);
          continue;
        }
        rejectUnknownKeys(errors, `deadlines.${kind}.`, override, RULE_KEYS);
        merged.deadlines[kind] = { ...base.deadlines[kind], ...(override as Partial<DeadlineRule>) };
      }
    }
  }

  const changed = Object.keys(input).some((key) => key !== 'version');
  if (changed && !('version' in input)) {
    errors.push('version: required when overriding the policy (it is recorded on each case)');
  } else if (changed && input.version === base.version) {
    errors.push(`version: must differ from the base policy's version '${base.version}'`);
  }
  // Report everything at once; the merged policy's own checks repeat some structural messages.
  const all = [...new Set([...errors, ...validateLadderPolicy(merged)])];
  return all.length > 0 ? { ok: false, errors: all } : { ok: true, policy: merged };
}

/** Every problem with a complete policy, as `path: message`; empty when it is sound. */
export function validateLadderPolicy(policy: LadderPolicy): string[] {
  const errors: string[] = [];
  if (typeof policy.version !== 'string' || policy.version.trim() === '') {
    errors.push('version: must be a non-empty string');
  }
  if (!Number.isInteger(policy.continueAsNewAfterEvents) || policy.continueAsNewAfterEvents < 1) {
    errors.push('continueAsNewAfterEvents: must be a whole number >= 1');
  }
  if (!isValidLocalTime(policy.schoolDayEndsAt)) {
    errors.push(`schoolDayEndsAt: must be a local time HH:MM, got '${String(policy.schoolDayEndsAt)}'`);
  }
  if (!isPlainObject(policy.deadlines)) {
    errors.push('deadlines: must be an object keyed by deadline kind');
    return errors;
  }
  for (const kind of DEADLINE_KINDS) {
    const rule = policy.deadlines[kind] as DeadlineRule | undefined;
    if (!isPlainObject(rule)) errors.push(`deadlines.${kind}: missing`);
    else validateRule(errors, `deadlines.${kind}`, rule);
  }
  return errors;
}

function validateRule(errors: string[], path: string, rule: DeadlineRule): void {
  rejectUnknownKeys(errors, `${path}.`, rule as unknown as Record<string, unknown>, RULE_KEYS);
  const spanOk = validateMeasure(errors, `${path}.span`, rule.span, SPAN_UNITS);
  const remindOk = validateMeasure(errors, `${path}.remindBefore`, rule.remindBefore, OFFSET_UNITS);
  validateMeasure(errors, `${path}.escalateAfter`, rule.escalateAfter, OFFSET_UNITS);
  if (rule.remindTo !== undefined) validateRoles(errors, `${path}.remindTo`, rule.remindTo);
  validateRoles(errors, `${path}.notifyOnMissed`, rule.notifyOnMissed);
  validateRoles(errors, `${path}.escalateTo`, rule.escalateTo);
  if (spanOk && remindOk) {
    const problem = reminderProblem(rule.span, rule.remindBefore);
    if (problem) errors.push(`${path}.remindBefore: ${problem}`);
  }
}

/** Checks a span or offset; returns whether it is well-formed. */
function validateMeasure(
  errors: string[],
  path: string,
  value: unknown,
  units: readonly (DeadlineSpan['unit'] | Offset['unit'])[],
): boolean {
  if (!isPlainObject(value)) {
    errors.push(
      `${path}: must be an object with a unit${units.includes('same-school-day') ? '' : ' and a count'}`,
    );
    return false;
  }
  const unit = value.unit;
  if (typeof unit !== 'string' || !(units as readonly string[]).includes(unit)) {
    errors.push(`${path}.unit: must be one of ${units.join(', ')}`);
    return false;
  }
  if (unit === 'same-school-day') {
    rejectUnknownKeys(errors, `${path}.`, value, ['unit']);
    return true;
  }
  rejectUnknownKeys(errors, `${path}.`, value, ['unit', 'count']);
  const max = MAX_COUNT[unit as keyof typeof MAX_COUNT];
  if (!Number.isInteger(value.count) || (value.count as number) < 1 || (value.count as number) > max) {
    errors.push(`${path}.count: must be a whole number from 1 to ${max}, got ${JSON.stringify(value.count)}`);
    return false;
  }
  return true;
}

/** A reminder must fall after the deadline opens; checked where both are in comparable units. */
function reminderProblem(span: DeadlineSpan, remind: Offset): string | null {
  const remindSeconds =
    remind.unit === 'hours' ? remind.count * 3600 : remind.unit === 'seconds' ? remind.count : null;
  if (span.unit === 'same-school-day') {
    if (remind.unit === 'school-days') {
      return 'a same-school-day deadline cannot be reminded school days before';
    }
    if (remindSeconds !== null && remindSeconds >= 24 * 3600) {
      return 'must be shorter than a day for a same-school-day deadline';
    }
    return null;
  }
  if (span.unit === 'school-days' && remind.unit === 'school-days' && remind.count >= span.count) {
    return `must be fewer school days than the span (${span.count})`;
  }
  if (span.unit === 'seconds' && remindSeconds !== null && remindSeconds >= span.count) {
    return `must be shorter than the span (${span.count} s)`;
  }
  return null;
}

function validateRoles(errors: string[], path: string, roles: unknown): void {
  if (!Array.isArray(roles) || roles.length === 0) {
    errors.push(`${path}: must be a non-empty list of roles (${STAFF_ROLES.join(', ')})`);
    return;
  }
  roles.forEach((role, index) => {
    if (!(STAFF_ROLES as readonly unknown[]).includes(role)) {
      errors.push(
        `${path}[${index}]: unknown role ${JSON.stringify(role)}; expected one of ${STAFF_ROLES.join(', ')}`,
      );
    } else if (roles.indexOf(role) !== index) {
      errors.push(`${path}[${index}]: duplicate role '${String(role)}'`);
    }
  });
}

function validated(policy: LadderPolicy): PolicyParseResult {
  const errors = validateLadderPolicy(policy);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, policy };
}

function rejectUnknownKeys(
  errors: string[],
  prefix: string,
  value: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      errors.push(`${prefix}${key}: unknown key; expected one of ${known.join(', ')}`);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
