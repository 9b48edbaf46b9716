import { expect, test, type Page } from '@playwright/test';
import { GUIDE_ARTICLE, problemsAtEverySize, problemsEverywhere } from './invariants';
import { gotoReady } from './ready';
import { preset, user } from './sandbox-preset';
import { sitePages } from './site-pages';

// Every page at a phone, a laptop and a projector size, in both themes: nothing scrolls sideways or runs off the
// screen, no landmark or panel covers another, and the guide's article keeps a readable column.
for (const path of sitePages) {
  test(`the layout of ${path} holds at every size, in both themes`, async ({ page }) => {
    const problems = await problemsEverywhere(page, () => gotoReady(page, path), {
      minWidth: path.startsWith('/guide/') ? [GUIDE_ARTICLE] : []
    });
    expect(problems).toEqual([]);
  });
}

test('the site header stays one compact bar on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await gotoReady(page, '/guide');
  const header = await page.locator('header.site-header').boundingBox();
  // A 44 px touch target plus a little padding; the whole page is 844 px tall.
  expect(header?.height).toBeLessThanOrEqual(64);
});

async function signIn(page: Page, username: string, password: string) {
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username', { exact: true }).fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

test('the playground holds when signed in with the sandbox and holding AWS credentials', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await gotoReady(page, '/playground');
  const alice = user('alice');
  await signIn(page, alice.username, alice.password);
  await expect(page.locator('[data-token="id"] [data-testid="checklist"]')).toHaveAttribute(
    'data-valid',
    'true'
  );
  await page.getByLabel('Identity pool id (optional)').fill(preset.identityPools.guests.id);
  await page.getByRole('button', { name: 'Get AWS credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  expect(await problemsAtEverySize(page)).toEqual([]);
});

test('the playground holds while it shows a sign-in error', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await gotoReady(page, '/playground');
  await signIn(page, user('alice').username, 'not-the-password');
  // Where the user is looking: the explanation used to appear above the form, out of sight (issue 11).
  await expect(page.getByTestId('error')).toBeInViewport();
  expect(await problemsAtEverySize(page)).toEqual([]);
});
