import { expect, test } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { chapterSlugs } from './site-pages';

const chapterFiles = readdirSync('content/guide')
  .filter((n) => /^\d{2}-.+\.md$/.test(n))
  .sort();

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const file of chapterFiles) {
    test(`chapter ${file} is readable from the prerendered HTML`, async ({ page }) => {
      const source = readFileSync(`content/guide/${file}`, 'utf8');
      const title = /^title:\s*(.+)$/m.exec(source)?.[1]?.trim() ?? '';
      const headings = [...source.matchAll(/^##\s+(.+)$/gm)].map((m) => m[1]!.replace(/[`*]/g, '').trim());
      const slug = file.replace(/^\d{2}-/, '').replace(/\.md$/, '');

      await page.goto(`/guide/${slug}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      for (const heading of headings) {
        await expect(
          page.getByRole('heading', { level: 2, name: heading, exact: false }).first()
        ).toBeVisible();
      }
      // A sentence of body text, not just headings.
      const firstParagraph = source
        .split('---')[2]!
        .split('\n\n')
        .find((p) => /^[A-Z]/.test(p.trim()));
      const words = firstParagraph!
        .replace(/[`*_[\]()]/g, '')
        .split(/\s+/)
        .slice(0, 4)
        .join(' ');
      await expect(page.locator('article')).toContainText(words);
    });
  }
});

test('chapters link to their neighbours and list their sections', async ({ page }) => {
  await page.goto(`/guide/${chapterSlugs[0]}`);
  const pager = page.getByRole('navigation', { name: 'Chapters' });
  await expect(pager.getByRole('link', { name: /Previous/ })).toHaveCount(0);
  await pager.getByRole('link', { name: /Next/ }).click();
  await expect(page).toHaveURL(new RegExp(`/guide/${chapterSlugs[1]}$`));
  await expect(pager.getByRole('link', { name: /Previous/ })).toBeVisible();

  const toc = page.getByRole('navigation', { name: 'On this page' });
  const firstEntry = toc.getByRole('link').first();
  const target = (await firstEntry.getAttribute('href'))!;
  await firstEntry.click();
  await expect(page).toHaveURL(new RegExp(`${target}$`));
  await expect(page.locator(target)).toBeInViewport();
});

test('the guide index lists every chapter in order', async ({ page }) => {
  await page.goto('/guide');
  const links = page.getByRole('main').getByRole('listitem').getByRole('link');
  await expect(links).toHaveCount(chapterSlugs.length);
  for (const [i, slug] of chapterSlugs.entries()) {
    await expect(links.nth(i)).toHaveAttribute('href', new RegExp(`guide/${slug}$`));
  }
});
