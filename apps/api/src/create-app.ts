import type { Server } from 'node:http';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@tiltak/config';
import type { NextFunction, Request, Response } from 'express';
import type { AppOptions } from './app-options';
import { AppModule } from './app.module';
import { flattenValidationErrors, validationFailed } from './errors/validation-errors';
import { securityHeaders } from './http/security-headers.middleware';
import { API_PREFIX, apiPath } from './http/api-prefix';
import { applyServerTimeouts, requestDeadlines } from './http/server-timeouts';
import { resolveWebDistDir, webApp } from './http/web-app';
import { InputScreenPipe } from './input/input-screen.pipe';
import { isCsvUploadRoute, jsonBody, requireJsonBodies } from './input/json-body';
import { RequestIdMiddleware } from './logging/request-id.middleware';
import { ApiMetrics } from './metrics/api-metrics';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { setupOpenApi } from './openapi';

/** Builds the API exactly as production runs it; used by main.ts and the end-to-end tests. */
export async function createApp(
  givenConfig: AppConfig,
  options: AppOptions & { logger?: false } = {},
): Promise<INestApplication> {
  const { logger, ...rest } = options;
  const appOptions: AppOptions = logger === false ? { ...rest, log: { ...rest.log, silent: true } } : rest;
  const config = withSessionOverrides(givenConfig, options.session);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, appOptions), {
    // Nest's own start-up lines wait for the app's logger (pino, log-params.ts).
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.flushLogs();
  applyServerTimeouts(app.getHttpServer() as Server, config.http.timeouts);
  // The CSV import's body may take up to the upload timeout; every other request has the ordinary one.
  app.use(requestDeadlines(config.http.timeouts, (req) => isCsvUploadRoute(req as Request)));
  // First of all, so that every answer carries them, also one to a body the parser refuses.
  app.use(securityHeaders(config));
  const requestIds = new RequestIdMiddleware();
  app.use((req: Request, res: Response, next: NextFunction) => requestIds.use(req, res, next));
  // Every answer timed, by route template; served on the metrics port only (main.ts, listenMetrics).
  app.use(httpMetrics(app.get(ApiMetrics)));
  // Responses carry personal data: no shared or browser cache keeps them.
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // The web app's files and pages (everything outside /api); what it does not answer goes on to the API.
  app.use(webApp(resolveWebDistDir(config.web.distDir)));
  // Whose address the per-address rate limits count: the socket's, or the one trusted proxies forward.
  app.set('trust proxy', config.http.trustProxy);
  // Bounded bodies: a case event is small; anything larger is refused with 413. The Temporal UI's codec
  // calls carry whole workflow states, so they get more room. Depth is capped before parsing (jsonBody).
  app.use(requireJsonBodies);
  app.use(apiPath('/codec'), jsonBody('1mb'));
  app.use(jsonBody('64kb'));
  app.disable('x-powered-by');
  // No ETag on the API's answers: they are no-store (above), so no client revalidates them, and Express
  // would hash every body for it. The web app's files keep theirs (web-app.ts serves them itself).
  app.set('etag', false);
  app.useGlobalPipes(
    // Before the ValidationPipe: prototype keys and unstorable text never reach class-transformer.
    new InputScreenPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      // Every field error names its field, nested ones by path (`closedPeriods[2].from`).
      exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
    }),
  );
  app.setGlobalPrefix(API_PREFIX);
  app.enableShutdownHooks();
  setupOpenApi(app);
  return app;
}

function withSessionOverrides(config: AppConfig, session: AppOptions['session']): AppConfig {
  if (!session) return config;
  return { ...config, auth: { ...config.auth, session: { ...config.auth.session, ...session } } };
}
