// The typed API client's types come from the committed OpenAPI document: `npm run web:api-types`
// rewrites src/shared/api/schema.ts; a Vitest test regenerates it in memory and fails on drift.
import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const OPENAPI_FILE = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));
export const SCHEMA_FILE = fileURLToPath(new URL('../src/shared/api/schema.ts', import.meta.url));

const HEADER =
  '// Generated from docs/openapi.json by apps/web/scripts/api-types.mjs (`npm run web:api-types`).\n' +
  '// Do not edit: a test regenerates it and fails when it differs.\n\n';

export async function generateApiTypes() {
  const document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
  const ast = await openapiTS(document, { exportType: false, alphabetize: false });
  return HEADER + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, await generateApiTypes());
  console.log(`Wrote ${SCHEMA_FILE}`);
}
