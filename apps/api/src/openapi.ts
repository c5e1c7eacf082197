import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

const SESSION_COOKIE_DESCRIPTION =
  "The web app's session (HttpOnly cookie tiltak_session, set by GET /api/auth/callback after signing in). " +
  "Requests other than GET, HEAD and OPTIONS made with it must send the session's csrfToken " +
  '(GET /api/auth/session) as X-CSRF-Token, else 403 CSRF_TOKEN_INVALID. Expired: 401 SESSION_EXPIRED.';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tiltakstrappa API')
    .setDescription('Follow-up of concerning school absence: cases, events, audit trail and activity plans.')
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth(
      'tiltak_session',
      { type: 'apiKey', in: 'cookie', description: SESSION_COOKIE_DESCRIPTION },
      'session',
    )
    .build();
  return withSessionAlternative(SwaggerModule.createDocument(app, config));
}

/**
 * Every operation that takes a bearer token takes the session cookie instead (the AuthGuard accepts
 * either), so the document says so once here rather than on every controller.
 */
export function withSessionAlternative(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
      const operation = item[method];
      const security = operation?.security;
      if (!operation || !security) continue;
      const bearer = security.some((requirement) => 'bearer' in requirement);
      const session = security.some((requirement) => 'session' in requirement);
      if (bearer && !session) operation.security = [...security, { session: [] }];
    }
  }
  return document;
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
}
