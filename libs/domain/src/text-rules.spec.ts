import { unstorableCharacterIn } from './text-rules';

describe('unstorableCharacterIn', () => {
  it('accepts what people type: letters, tab, line breaks, emoji, right-to-left script', () => {
    for (const text of ['', 'Ærlig og åpen samtale', 'a\tb\nc\r\nd', 'Bra 👍🏽', 'مرحبا', '\u{10FFFF}']) {
      expect(unstorableCharacterIn(text)).toBeNull();
    }
  });

  it('names NUL, the other control characters and DEL', () => {
    expect(unstorableCharacterIn('før\u0000etter')).toBe('a NUL character (U+0000)');
    expect(unstorableCharacterIn('ding\u0007')).toBe('a control character (U+0007)');
    expect(unstorableCharacterIn('\u001b[31m')).toBe('a control character (U+001B)');
    expect(unstorableCharacterIn('x\u007f')).toBe('a control character (U+007F)');
  });

  it('names lone surrogates, high or low, anywhere in the text', () => {
    expect(unstorableCharacterIn('\uD800')).toBe('an unpaired surrogate (U+D800)');
    expect(unstorableCharacterIn('a\uD83Db')).toBe('an unpaired surrogate (U+D83D)');
    expect(unstorableCharacterIn('\uDC00a')).toBe('an unpaired surrogate (U+DC00)');
    expect(unstorableCharacterIn('👍\uDC4D')).toBe('an unpaired surrogate (U+DC4D)');
  });
});
