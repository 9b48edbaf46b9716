import { gotoReady } from './ready';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';

const diagramIds = readdirSync('content/diagrams')
  .filter((n) => n.endsWith('.json'))
  .map((n) => n.replace('.json', ''));
const chaptersWithDiagrams = readdirSync('content/guide').flatMap((file) => {
  const ids = [
    ...readFileSync(`content/guide/${file}`, 'utf8').matchAll(/^\[\[diagram:([a-z0-9-]+)\]\]$/gm)
  ].map((m) => m[1]!);
  return ids.map((id) => ({ id, slug: file.replace(/^\d{2}-/, '').replace('.md', '') }));
});
const litMessages = (page: Page, side: string) =>
  page
    .locator(`[data-side="${side}"] [data-msg].lit`)
    .evaluateAll((els) => [...new Set(els.map((el) => (el as SVGElement).dataset.msg))]);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every diagram is drawn in the prerendered HTML of its chapter, with its steps as text', async ({
    page
  }) => {
    expect(new Set(chaptersWithDiagrams.map((c) => c.id))).toEqual(new Set(diagramIds));
    for (const { id, slug } of chaptersWithDiagrams) {
      await page.goto(`/guide/${slug}`);
      const figure = page.locator(`figure[data-diagram="${id}"]`);
      await expect(figure.locator('svg.sequence-diagram')).toBeVisible();
      await expect(figure.locator('svg [data-msg="1"]').first()).toBeAttached();
      const definition = JSON.parse(readFileSync(`content/diagrams/${id}.json`, 'utf8'));
      await expect(figure.locator('.step-list li')).toHaveCount(definition.steps.length);
    }
  });

  test('/compare shows both diagrams before scripts run', async ({ page }) => {
    await page.goto('/compare');
    await expect(page.locator('[data-side="cup"] svg.sequence-diagram')).toBeVisible();
    await expect(page.locator('[data-side="cip"] svg.sequence-diagram')).toBeVisible();
  });
});

test('/compare paints its diagrams before it fetches any script, then becomes interactive', async ({
  page
}) => {
  type Probe = { firstFrame?: number };
  await page.addInitScript(() => {
    const probe = window as unknown as Probe;
    new MutationObserver((_, observer) => {
      if (!document.querySelector('svg.sequence-diagram')) return;
      observer.disconnect();
      requestAnimationFrame(() => (probe.firstFrame = performance.now()));
    }).observe(document, { childList: true, subtree: true });
  });
  await gotoReady(page, '/compare');
  const { firstFrame, scriptStarts } = await page.evaluate(() => ({
    firstFrame: (window as unknown as Probe).firstFrame,
    scriptStarts: performance
      .getEntriesByType('resource')
      .filter((entry) => /\/_app\/.+\.js$/.test(entry.name))
      .map((entry) => entry.startTime)
  }));
  expect(firstFrame).toBeGreaterThan(0);
  expect(scriptStarts.length).toBeGreaterThan(0);
  expect(Math.min(...scriptStarts)).toBeGreaterThan(firstFrame!);
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\/compare\/1$/);
});

test('keyboard steps both compared diagrams together: highlight, caption and URL change', async ({
  page
}) => {
  await gotoReady(page, '/compare');
  await expect(page.getByText('Overview')).toBeVisible();
  expect(await litMessages(page, 'cup')).toEqual([]);
  const captionBefore = await page.locator('[data-side="cup"] [data-testid="caption"]').textContent();

  await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Step 1 of 6')).toBeVisible();
  await expect(page).toHaveURL(/\/compare\/1$/);
  const cup = JSON.parse(readFileSync('content/diagrams/cup-federation.json', 'utf8'));
  const cip = JSON.parse(readFileSync('content/diagrams/cip-federation.json', 'utf8'));
  expect(await litMessages(page, 'cup')).toEqual(cup.steps[0].messages.map(String));
  expect(await litMessages(page, 'cip')).toEqual(cip.steps[0].messages.map(String));
  await expect(page.locator('[data-side="cup"] [data-testid="caption"]')).not.toHaveText(captionBefore!);
  await expect(page.locator('[data-side="cup"] [data-testid="caption"]')).toContainText(cup.steps[0].caption);
  await expect(page.locator('[data-side="cip"] [data-testid="caption"]')).toContainText(cip.steps[0].caption);

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\/compare\/3$/);
  expect(await litMessages(page, 'cup')).toEqual(cup.steps[2].messages.map(String));
  expect(await litMessages(page, 'cip')).toEqual(cip.steps[2].messages.map(String));
  await expect(page.locator('[data-side="cip"] [data-holds]')).toHaveAttribute(
    'data-holds',
    cip.steps[2].holds
  );

  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/\/compare\/2$/);
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(/\/compare$/);
});

test('a step URL opens that step; an older ?step= link too, moved to the step page', async ({ page }) => {
  const cup = JSON.parse(readFileSync('content/diagrams/cup-federation.json', 'utf8'));
  for (const path of ['/compare/4', '/compare?step=4']) {
    await gotoReady(page, path);
    await expect(page.getByText('Step 4 of 6')).toBeVisible();
    await expect(page.locator('[data-side="cup"] [data-testid="caption"]')).toContainText(
      cup.steps[3].caption
    );
    expect(await litMessages(page, 'cup')).toEqual(cup.steps[3].messages.map(String));
    await expect(page).toHaveURL(/\/compare\/4$/);
  }
});

test('buttons play, pause and restart; a chapter diagram keeps its own step in the URL', async ({ page }) => {
  await gotoReady(page, '/guide/both-federate?cip-federation=2');
  const figure = page.locator('figure[data-diagram="cip-federation"]');
  await expect(figure.getByText('Step 2 of 6')).toBeVisible();
  await figure.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/cip-federation=3/);
  await figure.getByRole('button', { name: 'Restart' }).click();
  await expect(figure.getByText('Overview')).toBeVisible();
  await figure.getByRole('button', { name: 'Play' }).click();
  await expect(figure.getByText('Step 1 of 6')).toBeVisible();
  await figure.getByRole('button', { name: 'Pause' }).click();
  await expect(figure.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('reduced motion removes the highlight transition', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await gotoReady(page, '/compare?step=1');
  const duration = await page
    .locator('[data-side="cup"] .messageText[data-msg="1"]')
    .evaluate((el) => parseFloat(getComputedStyle(el).transitionDuration));
  expect(duration).toBeLessThan(0.01);
});

test('a diagram downloads as SVG and PNG', async ({ page }) => {
  await gotoReady(page, '/compare?step=2');
  const side = page.locator('[data-side="cup"]');
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    side.getByRole('button', { name: 'Download SVG' }).click()
  ]);
  expect(svg.suggestedFilename()).toBe('cup-federation.svg');
  const text = readFileSync((await svg.path())!, 'utf8');
  expect(text).toContain('<svg');
  expect(text).toContain('class="exported stepping"');
  expect(text).not.toContain('var(--');
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    side.getByRole('button', { name: 'Download PNG' }).click()
  ]);
  expect(png.suggestedFilename()).toBe('cup-federation.png');
  const bytes = readFileSync((await png.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(10_000);
});
