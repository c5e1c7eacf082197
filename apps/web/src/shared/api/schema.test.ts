// @vitest-environment node
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generateApiTypes, SCHEMA_FILE } from '../../../scripts/api-types.mjs';

it('the typed API client matches docs/openapi.json (run `npm run web:api-types` after changing the API)', async () => {
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generateApiTypes());
});
