import { unstorableCharacterIn } from './text-rules';

const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

describe('unstorableCharacterIn', () => {
  it.each([
    ['empty text', ''],
    ['plain Norwegian text', 'Eleven møtte på skolen, æøå ÆØÅ'],
    ['tabs, line feeds and CRLF from a textarea', 'linje 1\r\nlinje 2\n\tinnrykk\r'],
    ['an emoji (a surrogate pair)', 'bra 👍 uke'],
    ['a pair at the very end', 'x😀'],
    ['a pair at the very start', '😀x'],
    ['adjacent pairs', '😀😀😀'],
    ['the last character before the surrogates', '\ud7ff'],
    ['the first character after the surrogates', '\ue000'],
    ['a C1 control from mis-decoded Windows-1252 text', 'elevens\u0092 mor'],
    ['the replacement character', 'ugyldig \ufffd tegn'],
    ['the highest code point', '\u{10ffff}'],
    [
      'a space and the printable ASCII range',
      Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join(''),
    ],
  ])('accepts %s', (_what, value) => {
    expect(unstorableCharacterIn(value)).toBeNull();
  });

  it('names the NUL character', () => {
    expect(unstorableCharacterIn('a \u0000 b')).toBe('a NUL character (U+0000)');
  });

  // Every C0 control but the three a person's text holds, one by one.
  const refusedControls = Array.from({ length: 0x20 }, (_, i) => i).filter(
    (c) => c !== 0x00 && c !== 0x09 && c !== 0x0a && c !== 0x0d,
  );
  it.each(refusedControls)('refuses the control character %i', (unit) => {
    expect(unstorableCharacterIn(`før${String.fromCharCode(unit)}etter`)).toBe(
      `a control character (U+${hex(unit)})`,
    );
  });

  it('refuses DEL', () => {
    expect(unstorableCharacterIn('slett\u007f')).toBe('a control character (U+007F)');
  });

  it.each([
    ['a lone high surrogate in the middle', 'a\ud800b', 'U+D800'],
    ['a lone high surrogate at the end', 'ab\udbff', 'U+DBFF'],
    ['a lone low surrogate', 'a\udc00b', 'U+DC00'],
    ['a lone low surrogate at the start', '\udfffab', 'U+DFFF'],
    ['two high surrogates in a row', '\ud83d\ud83d\ude00', 'U+D83D'],
    ['a low surrogate before a high one (reversed pair)', '\ude00\ud83d', 'U+DE00'],
    ['a pair followed by a lone low surrogate', '😀\ude00', 'U+DE00'],
  ])('refuses %s', (_what, value, unit) => {
    expect(unstorableCharacterIn(value)).toBe(`an unpaired surrogate (${unit})`);
  });

  it('reports the first offending character', () => {
    expect(unstorableCharacterIn('ok\u0007\u0000\ud800')).toBe('a control character (U+0007)');
  });

  it('agrees with the UTF-8 encoder on every BMP code unit alone', () => {
    // A lone code unit is refused exactly when it is a control we refuse or cannot be encoded as UTF-8.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const encoder = new TextEncoder();
    const disagreements: number[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const value = String.fromCharCode(unit);
      const encodable = decoder.decode(encoder.encode(value)) === value;
      const control = (unit < 0x20 && ![0x09, 0x0a, 0x0d].includes(unit)) || unit === 0x7f;
      if ((unstorableCharacterIn(value) === null) !== (encodable && !control)) disagreements.push(unit);
    }
    expect(disagreements).toEqual([]);
  });
});
