// The OpenAPI document without any running dependency: the app is built with placeholder settings
// (nothing connects until a request needs it) and closed again. Used by `npm run openapi:write` and
// by the test that keeps docs/openapi.json equal to the code.
import { randomBytes } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@tiltak/config';
import { createApp } from './create-app';
import { buildOpenApiDocument } from './openapi';

export const OPENAPI_FILE = 'docs/openapi.json';

export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig(
    {
      DATABASE_URL: 'postgres://openapi@127.0.0.1:1/unused',
      PAYLOAD_CODEC_KEYS: `openapi:${randomBytes(32).toString('base64')}`,
      AUTH_LOCAL_SIGNING_KEY: randomBytes(32).toString('base64'),
    },
    { mail: false, auth: true },
  );
  const app = await createApp(config, { logger: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** Stable text: two-space JSON with a final newline. */
export function openApiText(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
