import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('nestsDeeperThan', () => {
  it('lets every body the API takes through', () => {
    const event = {
      type: 'mapping-recorded',
      payload: { areas: { school: { riskFactors: ['screens'], summary: 'Lite venner [i] {klassen}.' } } },
    };
    expect(nestsDeeperThan(bytes(JSON.stringify(event)))).toBe(false);
    expect(nestsDeeperThan(bytes('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)))).toBe(false);
  });

  it('refuses the 10 kB body that crashed the validation pipe, and one level over the cap', () => {
    expect(nestsDeeperThan(bytes('['.repeat(5000) + ']'.repeat(5000)))).toBe(true);
    expect(
      nestsDeeperThan(bytes('{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1))),
    ).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ text: '['.repeat(100) + '\\"[[[' + '"'.repeat(3) + '{'.repeat(100) });
    expect(nestsDeeperThan(bytes(text))).toBe(false);
    expect(nestsDeeperThan(bytes(`["\\\\",${'['.repeat(40)}${']'.repeat(40)}]`))).toBe(true);
  });

  it('counts unbalanced text too: malformed JSON is the parser’s to refuse', () => {
    expect(nestsDeeperThan(bytes('['.repeat(40)))).toBe(true);
    expect(nestsDeeperThan(bytes(']'.repeat(40) + '['.repeat(10)))).toBe(false);
  });
});
