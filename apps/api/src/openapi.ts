import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { recordEventComponents } from './events/record-event.schema';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tiltakstrappa API')
    .setDescription('Follow-up of concerning school absence: cases, events, audit trail and activity plans.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // The event bodies' schemas come from the domain's event schema, not from DTO classes (ADR 0008).
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, ...recordEventComponents() };
  return document;
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
}
