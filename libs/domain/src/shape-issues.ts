// What is wrong with an event's shape, as data: the field's path and the problem. The domain describes
// a problem in English (the workflow's rejection, the audit of an Update); the API describes the same
// problem in Norwegian next to the field. Neither reader needs to know the schema library's issue format.
import type { z } from 'zod';
import { MAX_ID_LENGTH, type SchemaCheck } from './case-event-schema';

export type ShapeProblem =
  | SchemaCheck
  | { check: 'missing' }
  | { check: 'unknown-field' }
  | { check: 'type'; expected: 'object' | 'list' | 'text' | 'boolean' | 'number' }
  | { check: 'one-of'; allowed: readonly string[]; got: unknown }
  | { check: 'too-long'; max: number }
  | { check: 'too-few'; min: number }
  | { check: 'percent'; got: unknown }
  | { check: 'format'; format: string }
  | { check: 'invalid' }
  // Rules between fields (case-event-validation.ts).
  | { check: 'not-before'; other: string; value: string; otherValue: string }
  | { check: 'leadership-missing' }
  | { check: 'staff-fields'; kind: string };

export interface ShapeIssue {
  /** `payload.pattern.weekdays[0]`; `(event)` or `(body)` for the whole value. */
  path: string;
  problem: ShapeProblem;
}

/** The path of a field below `prefix`: `payload` + ['areas', 'home'] is `payload.areas.home`. */
export function joinPath(prefix: string, keys: readonly PropertyKey[]): string {
  let path = prefix;
  for (const key of keys) {
    if (typeof key === 'number') path = `${path}[${key}]`;
    else path = path ? `${path}.${String(key)}` : String(key);
  }
  return path;
}

// Schemas name their own problem for every issue (`{ error: token }`) where a library code would say less.
const TOKENS: Record<string, (input: unknown) => ShapeProblem> = {
  date: () => ({ check: 'date' }),
  instant: () => ({ check: 'instant' }),
  percent: (got) => ({ check: 'percent', got }),
};

const EXPECTED: Record<string, Extract<ShapeProblem, { check: 'type' }>['expected']> = {
  object: 'object',
  record: 'object',
  array: 'list',
  string: 'text',
  boolean: 'boolean',
  number: 'number',
};

/**
 * The library's issues as shape issues, their paths below `prefix`; `root` names the whole value. Parse
 * with `reportInput: true` so that a refused choice can say what it got.
 */
export function shapeIssuesFrom(
  issues: readonly z.core.$ZodIssue[],
  prefix = '',
  root = '(event)',
): ShapeIssue[] {
  return issues.flatMap((issue): ShapeIssue[] => {
    const path = joinPath(prefix, issue.path) || root;
    const token = TOKENS[issue.message];
    if (token) return [{ path, problem: token(issue.input) }];
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({
          path: joinPath(prefix, [...issue.path, key]),
          problem: { check: 'unknown-field' },
        }));
      case 'invalid_type':
        if (issue.input === undefined) return [{ path, problem: { check: 'missing' } }];
        return [{ path, problem: { check: 'type', expected: EXPECTED[issue.expected] ?? 'object' } }];
      case 'invalid_value':
        return [{ path, problem: { check: 'one-of', allowed: issue.values.map(String), got: issue.input } }];
      case 'too_big':
        return [{ path, problem: { check: 'too-long', max: Number(issue.maximum) } }];
      case 'too_small':
        return [{ path, problem: { check: 'too-few', min: Number(issue.minimum) } }];
      case 'invalid_format':
        return [{ path, problem: { check: 'format', format: issue.format } }];
      case 'custom':
        return [{ path, problem: issue.params as SchemaCheck }];
      default:
        return [{ path, problem: { check: 'invalid' } }];
    }
  });
}

/** The problem in English, for the workflow's rejection and the domain's tests. */
export function describeShapeProblem(problem: ShapeProblem): string {
  switch (problem.check) {
    case 'missing':
      return 'missing';
    case 'unknown-field':
      return 'unknown field';
    case 'type':
      return {
        object: 'must be an object',
        list: 'must be a list',
        text: 'must be text',
        boolean: 'must be true or false',
        number: 'must be a number',
      }[problem.expected];
    case 'one-of':
      return `must be one of ${problem.allowed.join(', ')}, got ${JSON.stringify(problem.got)}`;
    case 'too-long':
      return `at most ${problem.max} characters`;
    case 'too-few':
      return `must hold at least ${problem.min}`;
    case 'percent':
      return `must be a number from 0 to 100, got ${JSON.stringify(problem.got)}`;
    case 'format':
      return `must be a ${problem.format}`;
    case 'invalid':
      return 'is not valid';
    case 'id':
      return `must be a non-empty id of at most ${MAX_ID_LENGTH} characters`;
    case 'empty':
      return 'must not be empty';
    case 'unstorable':
      return `must not contain ${problem.found}`;
    case 'date':
      return 'must be a valid date YYYY-MM-DD';
    case 'instant':
      return 'must be an ISO-8601 instant such as 2026-11-26T14:00:00.000Z';
    case 'duplicate':
      return `duplicate '${problem.value}'`;
    case 'decimals':
      return `must have at most ${problem.places} decimals`;
    case 'guardians-contacted':
      return 'must be true; record attempts that did not reach the guardians as notes';
    case 'not-before':
      return `${problem.value} is before ${problem.other} ${problem.otherValue}`;
    case 'leadership-missing':
      return 'a collaboration meeting (step 4) needs school-leadership present';
    case 'staff-fields':
      return `staffId and role belong to a staff member, not to ${problem.kind}`;
  }
}

/** `path: message` in English. */
export function describeShapeIssue(issue: ShapeIssue): string {
  return `${issue.path}: ${describeShapeProblem(issue.problem)}`;
}
