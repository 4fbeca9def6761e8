import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ROOT } from '../../platform/paths';

/**
 * Debian's Chromium driven by playwright-core, for the browser tests
 * (.ci/run installs it). Every request to an origin not listed is blocked and
 * counted: the pages must work offline, talking only to the hub.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/**
 * Skip the browser tests when Chromium is missing, except under CI=true: there
 * they run and fail (launchBrowser says why), so a CI machine without Chromium
 * cannot pass by skipping them.
 */
export const skipBrowserTests = !hasChromium && process.env.CI !== 'true';
if (skipBrowserTests) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`);

const ARTIFACTS = join(ROOT, 'test-artifacts');
// Set UPDATE_SCREENSHOTS=1 to refresh the README's images in docs/images/.
const DOC_IMAGES = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'images') : undefined;

export interface TestBrowser {
  context: BrowserContext;
  /** The first tab. */
  page: Page;
  /** Requests to origins that were not allowed (blocked). */
  offsite: string[];
  /** Uncaught exceptions and console errors of every tab. */
  pageErrors: string[];
  /** Another tab (its own sessionStorage: another person signed in). */
  newPage(): Promise<Page>;
  /** Saves a screenshot to test-artifacts/ (and docs/images/ with UPDATE_SCREENSHOTS=1). */
  screenshot(name: string, target?: Page | Locator): Promise<void>;
  close(): Promise<void>;
}

export async function launchBrowser(allowedOrigins: string[]): Promise<TestBrowser> {
  if (!hasChromium) throw new Error(`${CHROMIUM} is missing: under CI=true the browser tests must run (apt-get install chromium)`);
  const profile = mkdtempSync(join(tmpdir(), 'partnerhub-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Brussels',
  });
  const offsite: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || allowedOrigins.some((o) => url.startsWith(`${o}/`))) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  const watch = (p: Page) => {
    p.on('pageerror', (e) => pageErrors.push(e.message));
    p.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    return p;
  };
  const page = watch(context.pages()[0] ?? (await context.newPage()));
  return {
    context,
    page,
    offsite,
    pageErrors,
    newPage: async () => watch(await context.newPage()),
    async screenshot(name, target = page) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await target.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
      if (DOC_IMAGES) {
        mkdirSync(DOC_IMAGES, { recursive: true });
        await target.screenshot({ path: join(DOC_IMAGES, `${name}.png`) });
      }
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
