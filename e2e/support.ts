// What every journey shares: the server and accounts that e2e/run.ts prepared (E2E_*),
// Debian's Chromium driven by playwright-core, steps that stop at the first failure,
// and screenshots in e2e/out/ (a FAILED-… one for the step that broke).
import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

function need(key: string): string {
  const v = process.env[key];
  if (!v) throw new Error(`${key} is not set: run the journeys with \`npm run test:e2e\` (e2e/run.ts starts the server)`);
  return v;
}

export const env = {
  baseUrl: need('E2E_BASE_URL'),
  chromium: need('E2E_CHROMIUM'),
  out: process.env.E2E_OUT ?? path.resolve('e2e/out'),
  editor: { email: need('E2E_EDITOR_EMAIL'), password: need('E2E_EDITOR_PASSWORD'), institution: need('E2E_EDITOR_INSTITUTION') },
  secretariat: { email: need('E2E_SECRETARIAT_EMAIL'), password: need('E2E_SECRETARIAT_PASSWORD') },
};

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: env.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A fresh context (no cookies) with short timeouts, so a missing element fails in seconds. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: env.baseUrl, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  context.setDefaultTimeout(5_000);
  context.setDefaultNavigationTimeout(10_000);
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(env.out, { recursive: true });
  await page.screenshot({ path: path.join(env.out, `${name}.png`), fullPage: true });
}

/**
 * Sequential steps as subtests: once one fails the rest are skipped (they would only
 * fail for the same reason), and the page is saved as e2e/out/<journey>-FAILED-<n>.png.
 */
export function steps(t: TestContext, journey: string, page: () => Page) {
  let failed: string | undefined;
  let n = 0;
  return async (name: string, fn: () => Promise<void>): Promise<void> => {
    const i = ++n;
    await t.test(name, { skip: failed ? `step "${failed}" failed` : false }, async () => {
      try {
        await fn();
      } catch (e) {
        failed = name;
        await screenshot(page(), `${journey}-FAILED-${i}`).catch(() => undefined);
        throw e;
      }
    });
  };
}

/** Text of a locator's elements, whitespace collapsed. */
export const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
