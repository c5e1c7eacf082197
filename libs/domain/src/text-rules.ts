// Which characters text may hold: one rule for event payloads (the workflow and the API edge) and the
// directory's text. PostgreSQL cannot store NUL in text or jsonb (SQLSTATE 22P05), and a lone UTF-16
// surrogate cannot be encoded as UTF-8 at all; other control characters are storable but nobody types
// them — they arrive from pasted binary or broken documents and make notes unreadable or unprintable.
//
// Allowed: tab, line feed and carriage return (browsers' textareas send CRLF). Refused: every other
// C0 control (U+0000–U+001F), DEL (U+007F: an ASCII control, never text; terminals and old editors
// leave it behind), and unpaired surrogates. C1 controls (U+0080–U+009F) are allowed: they are
// storable, and text mis-decoded from Windows-1252 carries them, which a person pasted in good faith.

const ALLOWED_CONTROLS = new Set([0x09, 0x0a, 0x0d]);

/**
 * The first character in `value` that text may not hold, as a short English description
 * ('a NUL character (U+0000)', 'a control character (U+0007)', 'an unpaired surrogate (U+D800)'),
 * or null when every character is fine.
 */
export function unstorableCharacterIn(value: string): string | null {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit === 0x00) return 'a NUL character (U+0000)';
    if ((unit < 0x20 && !ALLOWED_CONTROLS.has(unit)) || unit === 0x7f) {
      return `a control character (${codePoint(unit)})`;
    }
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = i + 1 < value.length ? value.charCodeAt(i + 1) : -1;
      if (low >= 0xdc00 && low <= 0xdfff) {
        i++; // a well-formed pair: one character outside the Basic Multilingual Plane
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
