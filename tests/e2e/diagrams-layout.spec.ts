import { gotoReady } from './ready';
import { smallestLabel } from './diagram-metrics';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chipLabel } from '../../src/lib/diagrams/chip';
import { ARROW_MS } from '../../src/lib/diagrams/motion';
import { readSequence } from '../../src/lib/diagrams/diagram';

// Issue 11: diagrams a room (and a phone) can read, /compare usable before its scripts run, and motion.
const cup = JSON.parse(readFileSync('content/diagrams/cup-federation.json', 'utf8'));
const cip = JSON.parse(readFileSync('content/diagrams/cip-federation.json', 'utf8'));

const litMessages = (page: Page, side: string) =>
  page
    .locator(`[data-side="${side}"] [data-msg].lit`)
    .evaluateAll((els) => [...new Set(els.map((el) => (el as SVGElement).dataset.msg))]);

test.describe('/compare at 1280x800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the step explanation sits above the fold with the buttons, and labels read at 14 px or more', async ({
    page
  }) => {
    await gotoReady(page, '/compare/3');
    for (const side of ['cup', 'cip']) {
      const caption = page.locator(`[data-side="${side}"] [data-testid="caption"]`);
      await expect(caption).toBeInViewport({ ratio: 1 });
      await expect(page.locator(`[data-side="${side}"] [data-holds]`)).toBeInViewport({ ratio: 1 });
    }
    const controls = page.getByRole('group', { name: 'Steps of both diagrams' });
    await expect(controls.getByRole('link', { name: 'Next' })).toBeInViewport({ ratio: 1 });
    expect(await smallestLabel(page.locator('main'))).toBeGreaterThanOrEqual(14);
  });
});

test('/compare never says "Left:" or "Right:", stacked or side by side', async ({ page }) => {
  for (const width of [390, 1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await gotoReady(page, '/compare');
    await expect(page.locator('main')).not.toContainText(/\b(Left|Right):/);
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the step controls are links to each step, drawn by the server', async ({ page }) => {
    await page.goto('/compare');
    const controls = page.getByRole('group', { name: 'Steps of both diagrams' });
    await controls.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(/\/compare\/1$/);
    await expect(page.locator('[data-side="cup"] [data-testid="caption"]')).toContainText(
      cup.steps[0].caption
    );
    await controls.getByRole('link', { name: 'Next' }).click();
    await controls.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(/\/compare\/3$/);
    await expect(controls).toContainText('Step 3 of 6');
    await expect(page.locator('[data-side="cip"] [data-testid="caption"]')).toContainText(
      cip.steps[2].caption
    );
    expect(await litMessages(page, 'cup')).toEqual(cup.steps[2].messages.map(String));
    expect(await litMessages(page, 'cip')).toEqual(cip.steps[2].messages.map(String));
    await controls.getByRole('link', { name: 'Previous' }).click();
    await expect(page).toHaveURL(/\/compare\/2$/);
    await controls.getByRole('link', { name: 'Restart' }).click();
    await expect(page).toHaveURL(/\/compare$/);
    await expect(controls).toContainText('Overview');
  });
});

test('a click on Next before the scripts have run is not lost', async ({ page }) => {
  // Hold every script back: the page is what the server sent, as in the first moments of a real visit.
  await page.route(/\/_app\/immutable\/.+\.js$/, () => {});
  await page.goto('/compare', { waitUntil: 'domcontentloaded' });
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/compare\/1$/);
  await expect(page.getByText('Step 1 of 6')).toBeVisible();
});

test('a diagram enlarges to the whole window by keyboard, and Esc brings it back', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await gotoReady(page, '/compare/2');
  const side = page.locator('section[data-side="cup"]');
  const enlarge = side.getByRole('button', { name: /Enlarge/ });
  await enlarge.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('svg.sequence-diagram')).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(1270);
  expect(box.height).toBeGreaterThanOrEqual(790);
  expect(await smallestLabel(dialog)).toBeGreaterThanOrEqual(16);
  // The enlarged diagram keeps the step's highlight.
  await expect(dialog.locator('[data-msg].lit').first()).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(side.locator('.diagram-stage svg.sequence-diagram')).toBeVisible();
  await expect(enlarge).toBeFocused();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a tap on a diagram opens it at a readable size, to pan around', async ({ page }) => {
    await gotoReady(page, '/compare');
    const canvas = page.locator('section[data-side="cip"] .canvas');
    await canvas.tap();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    expect(await smallestLabel(dialog)).toBeGreaterThanOrEqual(16);
    const body = dialog.locator('.zoom-body');
    const { scrollWidth, clientWidth } = await body.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    await body.evaluate((el) => el.scrollBy(200, 0));
    expect(await body.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    // The page itself never scrolls sideways.
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(
      0
    );
  });
});

test('a step draws its arrows, with a chip that says what travels', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await gotoReady(page, '/compare/3');
  await page.keyboard.press('ArrowRight');
  const svg = page.locator('section[data-side="cup"] svg.sequence-diagram');
  const messages = readSequence(cup.mermaid).messages;
  const expected = cup.steps[3].messages.map((n: number) => chipLabel(messages[n - 1]!));
  await expect(svg.locator('.chip text')).toHaveText(expected);
  const drawing = await svg
    .locator(`[class^="messageLine"][data-msg="${cup.steps[3].messages[0]}"]`)
    .evaluate((line) => line.getAnimations().length);
  expect(drawing).toBeGreaterThan(0);
});

test('with reduced motion a step is an instant highlight: no chip, nothing drawn', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await gotoReady(page, '/compare/3');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\/compare\/4$/);
  const svg = page.locator('section[data-side="cup"] svg.sequence-diagram');
  await expect(svg.locator('[data-msg].lit').first()).toBeAttached();
  // Watched for as long as an arrow takes to draw: a motion that ignored the preference would show chips and
  // animations then, and be gone by the time a retrying assertion looked.
  const moving = await svg.evaluate(async (el, ms) => {
    const seen = { chips: 0, animations: 0 };
    for (const end = performance.now() + ms; performance.now() < end;) {
      seen.chips = Math.max(seen.chips, el.querySelectorAll('.chip').length);
      seen.animations = Math.max(seen.animations, el.getAnimations({ subtree: true }).length);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return seen;
  }, ARROW_MS);
  expect(moving).toEqual({ chips: 0, animations: 0 });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`dimmed steps stay legible in the ${colorScheme} theme (contrast at least 3:1)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await gotoReady(page, '/compare/4');
    const dimmed = page.locator('section[data-side="cup"] text.messageText:not(.lit):not(.done)').first();
    await expect(dimmed).not.toHaveCSS('opacity', '1');
    const ratio = await dimmed.evaluate((text) => {
      const rgb = (c: string) =>
        c
          .match(/[\d.]+/g)!
          .slice(0, 3)
          .map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      // What is behind the text: the nearest painted background; how much of it shows: every opacity on the way.
      let behind: Element | null = text.closest('.diagram-stage');
      while (behind && /rgba\(.*, 0\)|transparent/.test(getComputedStyle(behind).backgroundColor))
        behind = behind.parentElement;
      const bg = rgb(getComputedStyle(behind ?? document.body).backgroundColor);
      const fg = rgb(getComputedStyle(text).fill);
      let alpha = 1;
      for (let el: Element | null = text; el && el !== behind; el = el.parentElement)
        alpha *= parseFloat(getComputedStyle(el).opacity);
      const shown = fg.map((v, i) => v * alpha + bg[i]! * (1 - alpha));
      const [hi, lo] = [luminance(shown), luminance(bg)].sort((a, b) => b - a);
      return (hi! + 0.05) / (lo! + 0.05);
    });
    expect(ratio).toBeGreaterThanOrEqual(3);
  });
}
