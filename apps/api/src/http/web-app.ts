// Serving the built web app (apps/web) from the API's origin (ADR 0006, 0007): its files at `/`,
// `/assets/*` cached for good (their names carry a content hash), and every page path a browser
// navigates to (Accept: text/html) answered with index.html so the app's router takes over. `/api`
// stays the API's: an unknown API path is a JSON 404, as is a non-page path nobody serves.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { API_PREFIX } from './api-prefix';

/** The page CSP: everything from this origin only, no inline script or style, no framing. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** apps/web/dist of this checkout: from apps/api/src/http and from apps/api/dist/http alike. */
export function defaultWebDistDir(): string {
  return path.resolve(__dirname, '..', '..', '..', 'web', 'dist');
}

/** WEB_DIST_DIR (relative to the working directory) or the default. */
export function resolveWebDistDir(configured: string | null): string {
  return configured ? path.resolve(configured) : defaultWebDistDir();
}

/** Whether this request is the web app's: GET or HEAD, outside `/api`. */
export function isWebAppRequest(method: string, urlPath: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return urlPath !== API_PREFIX && !urlPath.startsWith(`${API_PREFIX}/`);
}

/** A browser navigating to a page says so; fetches, scripts and curl's default do not. */
export function acceptsHtml(accept: string | undefined): boolean {
  return typeof accept === 'string' && /\btext\/html\b/i.test(accept);
}

/**
 * The file of the dist dir a URL path names, or null: no traversal out of the dir, no dotfiles
 * (`.vite/`, `.env`), nothing that is not a regular file.
 */
export function fileFor(distDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  if (segments.length === 0) return null;
  const file = path.resolve(distDir, ...segments);
  if (!file.startsWith(`${distDir}${path.sep}`)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

export function notBuiltPage(): string {
  return `<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nettappen er ikke bygget – Tiltakstrappa</title>
</head>
<body>
<main>
<h1>Nettappen er ikke bygget</h1>
<p>Tiltakstrappa kjører, men nettappen (apps/web) er ikke bygget ennå, så det er ingen sider å vise.</p>
<p>Bygg den med <code>npm run build</code> (eller start alt med <code>npm start</code>), eller pek WEB_DIST_DIR på en bygget nettapp. API-et svarer under <a href="/api/docs">/api/docs</a>.</p>
</main>
</body>
</html>
`;
}

/**
 * The middleware. Before Nest's routes: what it does not answer (API paths, non-page paths no file
 * has) goes on to the API, which answers JSON.
 */
export function webApp(distDir: string): RequestHandler {
  const root = path.resolve(distDir);
  const indexFile = path.join(root, 'index.html');
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isWebAppRequest(req.method, req.path)) return next();
    const built = existsSync(indexFile);
    const file = built ? fileFor(root, req.path) : null;
    if (file && file !== indexFile) {
      res.setHeader('Content-Security-Policy', PAGE_CSP);
      res.setHeader('Cache-Control', req.path.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
      return res.sendFile(file, { dotfiles: 'deny', cacheControl: false }, (err) => {
        if (err && !res.headersSent) next();
      });
    }
    // A missing asset is a 404, never the page (a script tag would receive HTML).
    if (!file && (req.path.startsWith('/assets/') || !acceptsHtml(req.header('accept')))) return next();
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    res.setHeader('Cache-Control', 'no-store');
    if (!built) {
      res.status(503).setHeader('Retry-After', '30');
      return res.type('text/html; charset=utf-8').send(notBuiltPage());
    }
    return res.sendFile(indexFile, { cacheControl: false, lastModified: false, etag: false }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  };
}
