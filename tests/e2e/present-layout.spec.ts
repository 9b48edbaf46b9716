import { gotoReady } from './ready';
import { smallestLabel } from './diagram-metrics';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

// Issue 11: every slide fits a projector's screen, nothing cut off, with labels a room can read.
const recording = JSON.parse(readFileSync('content/recordings/sample-run.json', 'utf8')) as {
  steps: unknown[];
};
const stepsOf = (slide: (typeof deck.slides)[number]) =>
  slide.recording
    ? recording.steps.length
    : slide.diagram
      ? (JSON.parse(readFileSync(`content/diagrams/${slide.diagram}.json`, 'utf8')) as { steps: unknown[] })
          .steps.length
      : 0;
const deck = JSON.parse(readFileSync('content/slides.json', 'utf8')) as {
  slides: { id: string; title: string; notes: string; diagram?: string; recording?: boolean }[];
};

/** What sticks out of the viewport: the current slide's elements and the toolbar, and any page scroll. */
async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const { innerWidth: width, innerHeight: height } = window;
    if (document.documentElement.scrollHeight > height + 1) problems.push('the page scrolls vertically');
    if (document.documentElement.scrollWidth > width + 1) problems.push('the page scrolls sideways');
    const slide = document.querySelector('section.slide:not([hidden])');
    const elements = [
      ...document.querySelectorAll('header.bar, header.bar *'),
      ...(slide ? [slide, ...slide.querySelectorAll('*')] : [])
    ];
    for (const el of elements) {
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue; // the SVG box is checked whole
      if (el.closest('dialog')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < -1 || box.top < -1 || box.right > width + 1 || box.bottom > height + 1) {
        const text = (el.textContent ?? '').trim().slice(0, 40);
        problems.push(`${el.tagName.toLowerCase()}.${el.className} "${text}" at ${JSON.stringify(box)}`);
      }
      // Text clipped inside its own box (overflow hidden or a grid row too short).
      const style = getComputedStyle(el);
      if (style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 2 && el.tagName !== 'svg') {
        problems.push(`${el.tagName.toLowerCase()}.${el.className} clips its content`);
      }
    }
    return problems;
  });
}

const sizes = [
  { width: 1280, height: 720, label: 16 },
  { width: 1366, height: 768, label: 16 },
  { width: 1920, height: 1080, label: 20 }
];

/** Steps through every slide and step from the first, checking each fits and its diagram labels read. */
async function everyStepFits(page: Page, label: number) {
  await gotoReady(page, '/present');
  const current = page.locator('section.slide:not([hidden])');
  for (const [index, slide] of deck.slides.entries()) {
    for (let step = 0; step <= stepsOf(slide); step++) {
      const where = `slide ${index + 1} "${slide.title}", step ${step}`;
      await expect(page, where).toHaveURL(
        new RegExp(`[?&]slide=${index + 1}${step > 0 ? `&step=${step}` : ''}$`)
      );
      await expect(current.getByRole('heading', { level: 2 }), where).toHaveText(slide.title);
      if (slide.diagram || slide.recording) {
        await expect(current.locator('.diagram-stage'), where).toBeVisible();
        expect(await smallestLabel(current), where).toBeGreaterThanOrEqual(label);
      }
      expect(await cutOff(page), where).toEqual([]);
      await page.keyboard.press('ArrowRight');
    }
  }
}

for (const { width, height, label } of sizes) {
  test(`every slide and step fits ${width}x${height}, diagram labels at ${label} px or more`, async ({
    page
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    await everyStepFits(page, label);
  });
}

// The dark theme changes colours, not sizes: once, at the tightest size, is enough to catch a theme-only rule.
test('in the dark theme every slide and step fits 1280x720, diagram labels at 16 px or more', async ({
  page
}) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1280, height: 720 });
  await everyStepFits(page, 16);
  await expect(page.locator('html')).toHaveCSS('color-scheme', 'dark');
});

test('the toolbar is one row at 1280 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await gotoReady(page, '/present');
  const bar = page.locator('header.bar');
  const tops = await bar
    .locator('h1, .count, button, a')
    .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top + el.clientHeight / 2)));
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
  expect((await bar.boundingBox())!.height).toBeLessThanOrEqual(48);
});

test('in full screen the toolbar hides until the pointer moves', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await gotoReady(page, '/present?slide=12');
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => !!document.fullscreenElement)).toBe(true);
  const bar = page.locator('header.bar');
  await expect(bar).not.toBeInViewport({ timeout: 6000 });
  await page.mouse.move(400, 300);
  await page.mouse.move(420, 320);
  await expect(bar).toBeInViewport();
  // The bar slides back in; measure once it has arrived, not mid-transition.
  await expect.poll(() => bar.evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBe(0);
  // The slide still fits with the toolbar floating over nothing important: the whole viewport is the slide's.
  expect(await cutOff(page)).toEqual([]);
});

test('speaker notes render markdown and preview the current and the next slide', async ({
  page,
  context
}) => {
  const index = deck.slides.findIndex((slide) => slide.notes.includes('`'));
  expect(index).toBeGreaterThan(-1);
  await gotoReady(page, `/present?slide=${index + 1}`);
  const notes = await context.newPage();
  await gotoReady(notes, '/present/notes');
  const text = notes.getByTestId('notes-text');
  await expect(notes.getByTestId('notes-slide-title')).toHaveText(deck.slides[index]!.title);
  await expect(text.locator('code').first()).toBeVisible();
  expect(await text.innerText()).not.toContain('`');
  await expect(notes.getByTestId('preview-now')).toContainText(deck.slides[index]!.title);
  await expect(notes.getByTestId('preview-next')).toContainText(deck.slides[index + 1]!.title);

  // On a diagram slide the preview shows the diagram at the presenter's step.
  const diagramSlide = deck.slides.findIndex((slide) => slide.diagram);
  await page.bringToFront();
  await gotoReady(page, `/present?slide=${diagramSlide + 1}&step=2`);
  await notes.bringToFront();
  await notes.reload();
  await expect(notes.locator('html[data-hydrated]')).toBeAttached();
  await expect(notes.getByTestId('notes-slide-title')).toHaveText(deck.slides[diagramSlide]!.title);
  await expect(notes.getByTestId('preview-now').locator('.diagram-stage')).toHaveAttribute('data-step', '2');
  await expect(notes.getByTestId('preview-now').locator('[data-msg].lit').first()).toBeAttached();
});
