import type { ValidationError } from 'class-validator';
import { DomainError, type FieldError } from './domain-error';
import { norwegianFieldMessage } from './field-messages';

/** class-validator's nested errors as one flat list, each naming its field path (`payload.pattern.weekdays`). */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = joinPath(parent, error.property);
    for (const [constraint, english] of Object.entries(error.constraints ?? {})) {
      out.push({ field, message: norwegianFieldMessage(constraint, english) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** The domain's `path: message` strings (validateCaseEventShape, validateSchoolCalendar) as field errors. */
export function fieldErrorsFromPaths(problems: readonly string[], prefix = ''): FieldError[] {
  return problems.map((problem) => {
    const colon = problem.indexOf(': ');
    const path = colon > 0 ? problem.slice(0, colon) : '(body)';
    const message = colon > 0 ? problem.slice(colon + 2) : problem;
    return { field: path.startsWith('(') ? path : joinPath(prefix, path), message };
  });
}

export function validationFailed(
  fieldErrors: FieldError[],
  message = 'Noen felt er ikke gyldige; se fieldErrors.',
): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { fieldErrors });
}

function joinPath(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}
