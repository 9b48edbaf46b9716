// First-load JavaScript of a page, as a visitor's browser fetches it: every script the page loads until it is
// interactive, each gzipped (level 9, what static hosts typically serve) and summed. Shared by
// bench/first-load.js (prints the figures) and tests/e2e/first-load.spec.ts (enforces the budget).
import { gzipSync } from 'node:zlib';

/** The target of issue 13: first-load JS of the site's reading pages, in KiB of gzip. */
export const FIRST_LOAD_BUDGET_KIB = 40;

/**
 * What each reading page may load (KiB gzip), enforced by tests/e2e/first-load.spec.ts: the budget, and a
 * little under it so a change that makes a page heavier is noticed before the budget is gone. The reading
 * pages are not hydrated by SvelteKit (`csr = false`); their interactive parts are islands
 * (src/lib/islands): Svelte's runtime (21 KiB) plus the islands and their small shared chunks
 * (bench/first-load.js --verbose).
 */
export const FIRST_LOAD_CEILINGS_KIB = {
  '/': 37,
  '/guide': 37,
  '/guide/two-products': 37,
  '/guide/both-federate': 37,
  '/compare': 37
};

/** Pages held to a budget: the reading pages (the playground and token inspector load more on purpose). */
export const BUDGET_PAGES = Object.keys(FIRST_LOAD_CEILINGS_KIB);

/**
 * Opens `url` in a fresh page of `context`, waits until it is interactive (html[data-hydrated]) and the
 * network is idle, and returns the scripts it loaded with their raw and gzipped sizes in bytes.
 *
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string} url
 * @returns {Promise<{ scripts: { url: string, raw: number, gzip: number, diagram: boolean, mermaid: boolean }[], raw: number, gzip: number }>}
 */
export async function measureFirstLoad(context, url) {
  const page = await context.newPage();
  /** @type {Promise<{ url: string, raw: number, gzip: number, diagram: boolean, mermaid: boolean } | undefined>[]} */
  const pending = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then(
        (body) => ({
          url: response.url(),
          raw: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
          // A rendered diagram (scripts/render-diagrams.js) inside a script: text the page already has.
          diagram: body.includes('<svg id="diagram-'),
          mermaid: body.includes('mermaidAPI')
        }),
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
