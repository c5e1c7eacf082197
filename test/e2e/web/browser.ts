// A real browser for the web app's tests: Debian's Chromium driven by playwright-core (no browser
// download), axe-core for WCAG 2.1 AA, screenshots as test artifacts (.test-artifacts/web, gitignored).
import AxeBuilder from '@axe-core/playwright';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const root = path.resolve(__dirname, '..', '..', '..');
export const WEB_DIST_DIR = path.join(root, 'apps', 'web', 'dist');
export const ARTIFACTS_DIR = path.join(root, '.test-artifacts', 'web');

/** Debian's Chromium: installed with apt-get when missing and we are root, else a clear message. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env,
    });
    if (r.status === 0 && existsSync(CHROMIUM)) return CHROMIUM;
  }
  throw new Error(
    `The browser tests need Debian's Chromium at ${CHROMIUM}. Install it with \`sudo apt-get install -y chromium\` ` +
      '(or set CHROMIUM_PATH to a Chromium binary) and run the tests again.',
  );
}

/** The built web app the API serves; built here when a test runs before `npm run build` did. */
export function ensureWebBuilt(): string {
  if (!existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  return WEB_DIST_DIR;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface WebPage {
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations and uncaught page errors seen so far. */
  problems: string[];
}

export async function openPage(
  browser: Browser,
  options: { width?: number; zoom?: number } = {},
): Promise<WebPage> {
  const zoom = options.zoom ?? 1;
  const context = await browser.newContext({
    viewport: { width: Math.round((options.width ?? 1280) / zoom), height: Math.round(900 / zoom) },
    deviceScaleFactor: zoom,
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { context, page, problems };
}

/** axe-core with the WCAG 2.1 A and AA rules: the violations, as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** What every page state must pass: no axe violations, no CSP violations, a screenshot. */
export async function checkPage(web: WebPage, name: string): Promise<void> {
  await screenshot(web.page, name);
  expect(await axeViolations(web.page)).toEqual([]);
  expect(web.problems).toEqual([]);
}

/** Signs in on the local provider's "Velg en demoperson" page, as a person clicks it. */
export async function chooseDemoPerson(page: Page, name: string, description?: RegExp): Promise<void> {
  await page.getByRole('heading', { name: 'Velg en demoperson' }).waitFor();
  const buttons = page.getByRole('button', { name: new RegExp(name) });
  await (description ? buttons.filter({ hasText: description }) : buttons).first().click();
}
