import type { NextFunction, Request, Response } from 'express';
import type { ApiMetrics } from './api-metrics';
import { routeTemplate } from './route-template';

/** Times every request from its first byte to the end of its answer, by method, route template and status. */
export function httpMetrics(metrics: ApiMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest(
        { method: req.method, route: routeTemplate(req), status: res.statusCode },
        seconds,
      );
    });
    next();
  };
}
