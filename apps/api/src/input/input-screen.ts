import { unstorableCharacterIn } from '@tiltak/domain';
import type { FieldError } from '../errors/domain-error';

// Keys that reach the prototype machinery of class-transformer and plain objects; no DTO has them.
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What no request may carry anywhere, whatever its DTO says: object keys that address prototypes, and
 * text PostgreSQL cannot store or no person types. One walk over the parsed JSON (or query) before any
 * DTO class sees it, so a new DTO cannot forget it. Each problem names its field path.
 */
export function screenInput(value: unknown, path = ''): FieldError[] {
  const problems: FieldError[] = [];
  walk(value, path, problems);
  return problems;
}

function walk(value: unknown, path: string, problems: FieldError[]): void {
  if (problems.length >= 20) return;
  if (typeof value === 'string') {
    const found = unstorableCharacterIn(value);
    if (found) problems.push({ field: path || '(body)', message: `inneholder ${norwegianCharacter(found)}` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${path}[${index}]`, problems));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${printable(key)}` : printable(key);
    if (FORBIDDEN_KEYS.has(key)) {
      problems.push({ field, message: `feltet ${key} er ikke tillatt` });
      continue;
    }
    const inKey = unstorableCharacterIn(key);
    if (inKey) {
      problems.push({ field, message: `feltnavnet inneholder ${norwegianCharacter(inKey)}` });
      continue;
    }
    walk((value as Record<string, unknown>)[key], field, problems);
  }
}

/** The domain's English description ('a NUL character (U+0000)') for a person reading Norwegian. */
export function norwegianCharacter(description: string): string {
  const codePoint = /\(U\+[0-9A-F]+\)/.exec(description)?.[0] ?? '';
  if (description.includes('NUL')) return `et NUL-tegn ${codePoint}`.trim();
  if (description.includes('surrogate')) return `et ugyldig tegn (halvt tegnpar) ${codePoint}`.trim();
  return `et kontrolltegn ${codePoint}`.trim();
}

/** A key is named in the answer; one nobody could read is named by its code points. */
function printable(key: string): string {
  return unstorableCharacterIn(key)
    ? [...key]
        .map((c) => (unstorableCharacterIn(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c))
        .join('')
    : key;
}
