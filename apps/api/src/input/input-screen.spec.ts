import { screenInput } from './input-screen';

describe('screenInput', () => {
  it('passes what people type, anywhere in the body', () => {
    expect(
      screenInput({
        text: 'Ærlig samtale 👍🏽\nmed foresatte\t(مرحبا)',
        list: ['a', { b: 'c' }],
        n: 1e-7,
        ok: null,
      }),
    ).toEqual([]);
  });

  it('names each string with NUL, another control character or a lone surrogate by its path', () => {
    expect(
      screenInput({
        name: 'før\u0000etter',
        payload: { text: 'ding\u0007', areas: [{ summary: 'x' }, { summary: '\uD800' }] },
      }),
    ).toEqual([
      { field: 'name', message: 'inneholder et NUL-tegn (U+0000)' },
      { field: 'payload.text', message: 'inneholder et kontrolltegn (U+0007)' },
      { field: 'payload.areas[1].summary', message: 'inneholder et ugyldig tegn (halvt tegnpar) (U+D800)' },
    ]);
    expect(screenInput('a\u0000', 'format')).toEqual([
      { field: 'format', message: 'inneholder et NUL-tegn (U+0000)' },
    ]);
  });

  it('refuses prototype keys at the top and nested, as parsed from JSON', () => {
    const body = JSON.parse(
      '{"__proto__":{"x":1},"payload":{"text":"x","constructor":{"prototype":{}}},"list":[{"prototype":1}]}',
    ) as unknown;
    expect(screenInput(body).map((p) => p.field)).toEqual([
      '__proto__',
      'payload.constructor',
      'list[0].prototype',
    ]);
  });

  it('refuses keys nobody can store, naming them readably', () => {
    expect(screenInput(JSON.parse('{"a\\u0000b":1}'))).toEqual([
      { field: 'a\\u0000b', message: 'feltnavnet inneholder et NUL-tegn (U+0000)' },
    ]);
  });
});
