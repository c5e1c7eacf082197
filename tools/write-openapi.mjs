// `npm run openapi:write`: regenerates docs/openapi.json from the API's code (compiled by the script).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { OPENAPI_FILE, generateOpenApiDocument, openApiText } = require(
  path.join(root, 'apps', 'api', 'dist', 'openapi-document.js'),
);
const document = await generateOpenApiDocument();
writeFileSync(path.join(root, OPENAPI_FILE), openApiText(document));
console.log(`Wrote ${OPENAPI_FILE} (${Object.keys(document.paths).length} paths).`);
