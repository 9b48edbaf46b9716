import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { sitePages } from './site-pages';

for (const path of sitePages) {
  test.describe(`page ${path}`, () => {
    test('renders its main heading without console errors, and only talks to its own origin', async ({
      page,
      baseURL
    }) => {
      const errors: string[] = [];
      const foreign: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.origin !== baseURL && url.protocol !== 'data:' && url.protocol !== 'blob:')
          foreign.push(request.url());
      });

      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      await page.waitForLoadState('networkidle');
      expect(errors, 'console errors').toEqual([]);
      expect(foreign, 'requests to other origins').toEqual([]);
    });

    test('has no serious or critical accessibility violation (light and dark)', async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('html[data-hydrated]')).toBeAttached();
      for (const scheme of ['light', 'dark'] as const) {
        // The colours follow prefers-color-scheme live, so one page load serves both themes.
        await page.emulateMedia({ colorScheme: scheme });
        // The diagrams' SVG internals sit inside a labelled role="img" (their text alternative is the step
        // list): skipping them keeps axe from spending seconds on hundreds of presentational nodes.
        const results = await new AxeBuilder({ page }).exclude('.diagram-stage > svg').analyze();
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${scheme}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
        expect(serious).toEqual([]);
      }
    });
  });
}

test('every prerendered page carries a Content-Security-Policy', async ({ request }) => {
  for (const path of sitePages) {
    const html = await (await request.get(path)).text();
    const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html)?.[1];
    expect(csp, path).toBeTruthy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')+/);
  }
});
