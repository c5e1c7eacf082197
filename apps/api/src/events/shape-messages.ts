import { MAX_ID_LENGTH, type ShapeIssue, type ShapeProblem } from '@tiltak/domain';
import type { FieldError } from '../errors/domain-error';
import { norwegianCharacter } from '../input/input-screen';

const FIELD_LABELS: Record<string, string> = { heldOn: 'møtedatoen', startsOn: 'startdatoen' };

/** What a person reads next to the field: the domain's shape problem in Norwegian. */
export function norwegianShapeMessage(problem: ShapeProblem): string {
  switch (problem.check) {
    case 'missing':
      return 'feltet mangler';
    case 'unknown-field':
      return 'feltet er ikke tillatt';
    case 'type':
      return {
        object: 'må være et objekt',
        list: 'må være en liste',
        text: 'må være tekst',
        boolean: 'må være true eller false',
        number: 'må være et tall',
      }[problem.expected];
    case 'one-of':
      return `må være en av: ${problem.allowed.join(', ')}`;
    case 'too-long':
      return `kan ha høyst ${problem.max} tegn`;
    case 'too-few':
      return `må ha minst ${problem.min} element${problem.min === 1 ? '' : 'er'}`;
    case 'percent':
      return 'må være et tall fra 0 til 100';
    case 'format':
      return problem.format === 'uuid' ? 'må være en UUID' : `må ha formatet ${problem.format}`;
    case 'invalid':
      return 'har en verdi som ikke er tillatt';
    case 'id':
      return `må være en id på 1 til ${MAX_ID_LENGTH} tegn`;
    case 'empty':
      return 'må fylles ut';
    case 'unstorable':
      return `inneholder ${norwegianCharacter(problem.found)}`;
    case 'date':
      return 'må være en gyldig dato ÅÅÅÅ-MM-DD';
    case 'instant':
      return 'må være et tidspunkt med tidssone, for eksempel 2026-11-23T09:00:00.000Z';
    case 'duplicate':
      return 'kan ikke ha samme verdi flere ganger';
    case 'decimals':
      return `må være et tall med høyst ${problem.places} desimaler`;
    case 'guardians-contacted':
      return 'må være true: et forsøk som ikke nådde de foresatte registreres som et notat';
    case 'not-before':
      return `kan ikke være før ${FIELD_LABELS[problem.other] ?? problem.other} (${problem.otherValue})`;
    case 'leadership-missing':
      return 'et tverrfaglig samarbeidsmøte (trinn 4) må ha skolens ledelse til stede';
    case 'staff-fields':
      return 'staffId og role hører bare til når en ansatt er ansvarlig';
  }
}

/** The domain's shape issues as the API's field errors. */
export function fieldErrorsFromShapeIssues(issues: readonly ShapeIssue[]): FieldError[] {
  return issues.map(({ path, problem }) => ({ field: path, message: norwegianShapeMessage(problem) }));
}
