import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { acceptsHtml, fileFor, isWebAppRequest, PAGE_CSP, webApp } from './web-app';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
let dist: string;

beforeAll(() => {
  dist = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  mkdirSync(path.join(dist, '.vite'));
  writeFileSync(path.join(dist, 'index.html'), '<!DOCTYPE html><title>Tiltakstrappa</title>');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(dist, '.vite', 'manifest.json'), '{}');
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

/** The middleware in front of a stand-in for the API, which answers a JSON 404. */
function appServing(dir: string) {
  const app = express();
  app.use(webApp(dir));
  app.use((_req, res) => res.status(404).json({ code: 'NOT_FOUND' }));
  return app;
}

describe('serving the web app', () => {
  it('answers a page path a browser navigates to with index.html, uncached, under the page CSP', async () => {
    for (const page of ['/', '/cases/7f0c2b9e-0000-4000-8000-000000000001', '/oversikt?skole=1']) {
      const res = await request(appServing(dist)).get(page).set('Accept', HTML);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<title>Tiltakstrappa</title>');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    }
  });

  it('serves hashed assets for a year, immutable, and other files revalidated', async () => {
    const asset = await request(appServing(dist)).get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await request(appServing(dist)).get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('leaves API paths, missing assets, dotfiles and non-page requests to the API (JSON 404)', async () => {
    const app = appServing(dist);
    for (const [url, accept] of [
      ['/api/no-such-route', HTML],
      ['/api', HTML],
      ['/assets/missing.js', HTML],
      ['/.vite/manifest.json', '*/*'],
      ['/no-such-path', '*/*'],
      ['/no-such-path', ''],
      ['/%2e%2e/%2e%2e/etc/passwd', '*/*'],
    ] as const) {
      const res = await request(app).get(url).set('Accept', accept);
      expect([url, res.status, res.body]).toEqual([url, 404, { code: 'NOT_FOUND' }]);
    }
    const post = await request(app).post('/cases/1').set('Accept', HTML);
    expect(post.status).toBe(404);
  });

  it('answers a Norwegian 503 page while the web app is not built', async () => {
    const res = await request(appServing(path.join(dist, 'nothing-here')))
      .get('/cases/1')
      .set('Accept', HTML);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Nettappen er ikke bygget');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('web app helpers', () => {
  it('claims GET and HEAD outside /api only', () => {
    expect(isWebAppRequest('GET', '/cases/1')).toBe(true);
    expect(isWebAppRequest('HEAD', '/')).toBe(true);
    expect(isWebAppRequest('POST', '/cases/1')).toBe(false);
    expect(isWebAppRequest('GET', '/api')).toBe(false);
    expect(isWebAppRequest('GET', '/api/cases')).toBe(false);
    expect(isWebAppRequest('GET', '/apitheque')).toBe(true);
  });

  it('recognises a browser navigation by its Accept header', () => {
    expect(acceptsHtml(HTML)).toBe(true);
    expect(acceptsHtml('application/json')).toBe(false);
    expect(acceptsHtml('*/*')).toBe(false);
    expect(acceptsHtml(undefined)).toBe(false);
  });

  it('finds files inside the dist dir only', () => {
    expect(fileFor(dist, '/assets/index-abc123.js')).toBe(path.join(dist, 'assets', 'index-abc123.js'));
    expect(fileFor(dist, '/assets')).toBeNull();
    expect(fileFor(dist, '/../index.html')).toBeNull();
    expect(fileFor(dist, '/%2e%2e/x')).toBeNull();
    expect(fileFor(dist, '/.vite/manifest.json')).toBeNull();
    expect(fileFor(dist, '/a%00b')).toBeNull();
    expect(fileFor(dist, '/%E0%A4%A')).toBeNull();
    expect(fileFor(dist, '/..%5cindex.html')).toBeNull();
  });
});
