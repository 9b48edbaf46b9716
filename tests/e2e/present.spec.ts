import { gotoReady } from './ready';
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';

const deck = JSON.parse(readFileSync('content/slides.json', 'utf8')) as {
  slides: { title: string; diagram?: string; notes: string }[];
};
const firstDiagramSlide = deck.slides.findIndex((s) => s.diagram);

test('the keyboard moves through slides and diagram steps, mirrored in the URL', async ({ page }) => {
  await gotoReady(page, '/present');
  const current = page.locator('section.slide:not([hidden])');
  await expect(current.getByRole('heading', { level: 2 })).toHaveText(deck.slides[0]!.title);
  await expect(page.getByText(`Slide 1 of ${deck.slides.length}`)).toBeVisible();

  await page.keyboard.press('ArrowRight');
  await expect(current.getByRole('heading', { level: 2 })).toHaveText(deck.slides[1]!.title);
  await expect(page).toHaveURL(/slide=2/);

  await gotoReady(page, `/present?slide=${firstDiagramSlide + 1}`);
  await expect(current.locator('svg.sequence-diagram')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(new RegExp(`slide=${firstDiagramSlide + 1}&step=1`));
  await expect(current.locator('[data-msg].lit').first()).toBeAttached();
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(new RegExp(`slide=${firstDiagramSlide + 2}$`));
});

test('the speaker-notes window follows the slides window, and can drive it', async ({ page, context }) => {
  await gotoReady(page, '/present?slide=2');
  const notes = await context.newPage();
  await gotoReady(notes, '/present/notes');
  await expect(notes.getByTestId('notes-slide-title')).toHaveText(deck.slides[1]!.title);
  await expect(notes.getByText(deck.slides[1]!.notes.slice(0, 40))).toBeVisible();

  await page.bringToFront();
  await page.keyboard.press('ArrowDown');
  await expect(notes.getByTestId('notes-slide-title')).toHaveText(deck.slides[2]!.title);

  await notes.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('section.slide:not([hidden]) h2')).toHaveText(deck.slides[3]!.title);
});

test('the recorded run replays step by step in presenter mode', async ({ page }) => {
  const index = deck.slides.findIndex((s) => (s as { recording?: boolean }).recording);
  expect(index).toBeGreaterThan(-1);
  await gotoReady(page, `/present?slide=${index + 1}`);
  const current = page.locator('section.slide:not([hidden])');
  await expect(current.getByTestId('recording-label')).toContainText('Recording');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(new RegExp(`slide=${index + 1}&step=1$`));
  await expect(current.getByTestId('caption')).toContainText('Step 1 of');
  await expect(current.getByTestId('recorded-exchanges')).toContainText('InitiateAuth');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(current.getByTestId('recorded-exchanges')).toContainText('GetId');
  await expect(current.locator('.diagram-stage')).toHaveAttribute('data-step', '3');
});

test('the federation slides show what the recorded run moved at each step', async ({ page }) => {
  const deck = JSON.parse(readFileSync('content/slides.json', 'utf8')) as { slides: { diagram?: string }[] };
  const slide = deck.slides.findIndex((s) => s.diagram === 'cip-federation') + 1;
  await gotoReady(page, `/present?slide=${slide}&step=5`);
  const current = page.locator('section.slide:not([hidden])');
  await expect(current.getByTestId('recorded-move')).toContainText('Temporary AWS credentials');
  await expect(current.getByTestId('recorded-move')).toContainText('GetCredentialsForIdentity');
  // The overview has no step, so no recorded move.
  await gotoReady(page, `/present?slide=${slide}`);
  await expect(page.locator('section.slide:not([hidden])').getByTestId('recorded-move')).toHaveCount(0);
});
