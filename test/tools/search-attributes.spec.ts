// The start/test scripts register search attributes before anything is built, from plain data in
// tools/lib/search-attributes.mjs; the workflow upserts the ones in libs/workflows. They must agree.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SEARCH_ATTRIBUTES } from '@tiltak/workflows';

it('registers exactly the search attributes the workflow writes, with the same types', () => {
  const source = readFileSync(
    path.resolve(__dirname, '..', '..', 'tools', 'lib', 'search-attributes.mjs'),
    'utf8',
  );
  const registered = [...source.matchAll(/\{ name: '(\w+)', type: '(\w+)' \}/g)].map(([, name, type]) => ({
    name,
    type: type!.toUpperCase(),
  }));
  const written = Object.values(SEARCH_ATTRIBUTES).map(({ name, type }) => ({ name, type }));
  expect(registered).toEqual(written);
});
