// Text that PostgreSQL cannot store (NUL) or that no person types (other C0 controls, DEL, lone
// surrogates, which also break UTF-8 encoding) is refused wherever text enters the system.

/**
 * The first character of `value` that cannot be stored as a person's text, described for a field
 * error ('a NUL character (U+0000)'), or null. Tab, line feed and carriage return are allowed.
 */
export function unstorableCharacterIn(value: string): string | null {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit === 0) return 'a NUL character (U+0000)';
    if ((unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) || unit === 0x7f) {
      return `a control character (${codePoint(unit)})`;
    }
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `an unpaired surrogate (${codePoint(unit)})`;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return `an unpaired surrogate (${codePoint(unit)})`;
  }
  return null;
}

function codePoint(unit: number): string {
  return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}
