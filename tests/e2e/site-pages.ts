import { readdirSync } from 'node:fs';

/** Every page of the site, guide chapters read from content/ so a new chapter is tested automatically. */
export const chapterSlugs = readdirSync('content/guide')
  .filter((name) => /^\d{2}-.+\.md$/.test(name))
  .sort()
  .map((name) => name.replace(/^\d{2}-/, '').replace(/\.md$/, ''));

export const sitePages: string[] = [
  '/',
  '/guide',
  ...chapterSlugs.map((slug) => `/guide/${slug}`),
  '/compare',
  '/playground',
  '/tokens',
  '/present',
  '/present/notes',
  '/404'
];
