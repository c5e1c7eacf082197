import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiConfig } from '../infrastructure/api-config';

/**
 * CORS for the Temporal UI, which calls the codec from the browser: only the configured origins, with
 * the headers the UI sends (Authorization when it passes the user's token, X-Namespace). Preflights are
 * answered here, before authentication, as browsers send them without credentials.
 */
@Injectable()
export class CodecCorsMiddleware implements NestMiddleware {
  private readonly origins: ReadonlySet<string>;

  constructor(config: ApiConfig) {
    this.origins = new Set(config.values.api.codecCorsOrigins);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const origin = req.header('origin');
    res.vary('Origin');
    if (origin && this.origins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(origin && this.origins.has(origin) ? 204 : 403).end();
      return;
    }
    next();
  }
}
