import { expect, test } from '@playwright/test';
import { FIRST_LOAD_CEILINGS_KIB, measureFirstLoad } from '../../scripts/first-load.js';

// First-load JavaScript of the reading pages (issue 13): every script a page loads until it is interactive,
// gzipped. bench/first-load.js prints the same figures with a per-script breakdown.
for (const [path, ceiling] of Object.entries(FIRST_LOAD_CEILINGS_KIB)) {
  test(`${path} loads at most ${ceiling} KiB of JavaScript (gzip), and no diagram SVG or mermaid`, async ({
    context,
    baseURL
  }) => {
    const { scripts, gzip } = await measureFirstLoad(context, `${baseURL}${path}`);
    expect(scripts.length).toBeGreaterThan(0);
    expect(
      gzip / 1024,
      scripts.map((s) => `${(s.gzip / 1024).toFixed(1)} ${s.url}`).join('\n')
    ).toBeLessThanOrEqual(ceiling);
    // The SVGs are in the HTML already; hydration adopts them instead of downloading them again.
    for (const script of scripts) {
      // A reading page is not hydrated: SvelteKit's client (router, bootstrap) never loads, only islands.
      expect(script.url, 'SvelteKit client on a reading page').not.toMatch(/\/entry\/(start|app)\./);
      expect(script.diagram, `${script.url} carries a diagram SVG`).toBe(false);
      expect(script.mermaid, `${script.url} is mermaid`).toBe(false);
    }
  });
}
