// First-load JavaScript of a page, as a visitor's browser fetches it: every script the page loads until it is
// interactive, each gzipped (level 9, what static hosts typically serve) and summed. Shared by
// bench/first-load.js (prints the figures) and tests/e2e/first-load.spec.ts (enforces the budget).
import { gzipSync } from 'node:zlib';

/** The budget of issue 13: first-load JS of the site's reading pages, in KiB of gzip. */
export const FIRST_LOAD_BUDGET_KIB = 40;

/** Pages held to the budget: the reading pages (the playground and token inspector load more on purpose). */
export const BUDGET_PAGES = ['/', '/guide', '/guide/two-products', '/guide/both-federate', '/compare'];

/**
 * Opens `url` in a fresh page of `context`, waits until it is interactive (html[data-hydrated]) and the
 * network is idle, and returns the scripts it loaded with their raw and gzipped sizes in bytes.
 *
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string} url
 * @returns {Promise<{ scripts: { url: string, raw: number, gzip: number }[], raw: number, gzip: number }>}
 */
export async function measureFirstLoad(context, url) {
  const page = await context.newPage();
  const pending = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then(
        (body) => ({ url: response.url(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length }),
        () => undefined
      )
    );
  });
  await page.goto(url);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
  const scripts = (await Promise.all(pending)).filter((s) => s !== undefined);
  await page.close();
  return {
    scripts,
    raw: scripts.reduce((sum, s) => sum + s.raw, 0),
    gzip: scripts.reduce((sum, s) => sum + s.gzip, 0)
  };
}
