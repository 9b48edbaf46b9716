import { gotoReady } from './ready';
import { expect, test } from '@playwright/test';

test('the skip link moves focus to the main content', async ({ page }) => {
  await gotoReady(page, '/guide');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('the theme follows the system and the toggle choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await gotoReady(page, '/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await background();
  await page.getByRole('button', { name: /switch to light theme/i }).click();
  const light = await background();
  expect(light).not.toBe(dark);

  await page.reload();
  await expect(page.locator('html[data-hydrated]')).toBeAttached();
  await expect(page.getByRole('button', { name: /switch to dark theme/i })).toBeVisible();
  expect(await background()).toBe(light);
});

test('navigation marks the current section', async ({ page }) => {
  await gotoReady(page, '/tokens');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tokens' })
  ).toHaveAttribute('aria-current', 'page');
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await gotoReady(page, '/guide');
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/no/such/page';
    a.textContent = 'broken';
    document.body.append(a);
  });
  await page.getByRole('link', { name: 'broken' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('the layout fits a phone without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/', '/guide', '/guide/two-products']) {
    await gotoReady(page, path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test('on a phone the main navigation opens from a Menu button and closes after a link is followed', async ({
  page
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await gotoReady(page, '/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Tokens' })).toBeHidden();
  await nav.getByRole('button', { name: 'Menu' }).click();
  await nav.getByRole('link', { name: 'Tokens' }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Token inspector');
  await expect(nav.getByRole('link', { name: 'Tokens' })).toBeHidden();
});

test('on a laptop every section is one click away, with no menu button', async ({ page }) => {
  await gotoReady(page, '/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Menu' })).toBeHidden();
  for (const name of ['Guide', 'Compare', 'Playground', 'Tokens', 'Present']) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
});
