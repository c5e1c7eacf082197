import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@tiltak/config';
import { AppModule } from './app.module';
import { JsonLogger } from './logging/json-logger';
import { setupOpenApi } from './openapi';

/** Builds the API exactly as production runs it; used by main.ts and the end-to-end tests. */
export async function createApp(config: AppConfig, options: { logger?: JsonLogger | false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? new JsonLogger('api', config.logLevel),
    bodyParser: false,
  });
  // Bounded bodies: a case event is small; anything larger is refused with 413.
  app.useBodyParser('json', { limit: '64kb' });
  app.set('trust proxy', false);
  app.disable('x-powered-by');
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.enableShutdownHooks();
  setupOpenApi(app);
  return app;
}
