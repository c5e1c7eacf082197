import type { AppConfig } from '@tiltak/config';
import { apiPath } from './api-prefix';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** JSON answers: nothing may load, run or frame anything from them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Swagger UI at /docs: its scripts, styles and the OpenAPI document come from this origin only. Its
 * page carries an inline <style> and style attributes (hence 'unsafe-inline' for styles, never for
 * scripts); its icons are data: images.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Headers on every answer, errors and 404s included (so first in the chain). Routes that serve HTML
 * set a CSP of their own on top (the activity plan).
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  const https = config.api.publicBaseUrl.startsWith('https:');
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Content-Security-Policy', isDocs(req.path) ? DOCS_CSP : API_CSP);
    // Only where the API is reached over https: over http the header is ignored and would only mislead.
    if (https) res.setHeader('Strict-Transport-Security', `max-age=${ONE_YEAR_SECONDS}`);
    next();
  };
}

const DOCS_PATH = apiPath('/docs');

function isDocs(path: string): boolean {
  return path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`);
}
