import { expect, type Page } from '@playwright/test';

/** Opens a page and waits until it is interactive (the root layout marks <html data-hydrated>). */
export async function gotoReady(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator('html[data-hydrated]')).toBeAttached();
}
