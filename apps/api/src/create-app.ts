import type { Server } from 'node:http';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@tiltak/config';
import { json, type NextFunction, type Request, type Response } from 'express';
import type { AppOptions } from './app-options';
import { AppModule } from './app.module';
import { flattenValidationErrors, validationFailed } from './errors/validation-errors';
import { securityHeaders } from './http/security-headers.middleware';
import { applyServerTimeouts } from './http/server-timeouts';
import { JsonLogger } from './logging/json-logger';
import { setupOpenApi } from './openapi';

/** Builds the API exactly as production runs it; used by main.ts and the end-to-end tests. */
export async function createApp(
  config: AppConfig,
  options: AppOptions & { logger?: JsonLogger | false } = {},
): Promise<INestApplication> {
  const { logger, ...appOptions } = options;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, appOptions), {
    logger: logger ?? new JsonLogger('api', config.logLevel),
    bodyParser: false,
  });
  applyServerTimeouts(app.getHttpServer() as Server, config.http.timeouts);
  app.use(securityHeaders(config));
  // Bounded bodies: a case event is small; anything larger is refused with 413. The Temporal UI's codec
  // calls carry whole workflow states, so they get more room.
  app.use('/codec', json({ limit: '1mb' }));
  app.useBodyParser('json', { limit: '64kb' });
  // Responses carry personal data: no shared or browser cache keeps them.
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Whose address the per-address rate limits count: the socket's, or the one trusted proxies forward.
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      // Every field error names its field, nested ones by path (`closedPeriods[2].from`).
      exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
    }),
  );
  app.enableShutdownHooks();
  setupOpenApi(app);
  return app;
}
