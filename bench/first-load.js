#!/usr/bin/env node
// First-load JavaScript per page (issue 13's budget: reading pages at most 40 KiB gzip), against the
// production build in Chromium. Every script a page loads until it is interactive, gzipped and summed.
// Usage: npx vite build && node bench/first-load.js [--verbose]
import { chromium } from '@playwright/test';
import { startPreview } from './preview.js';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from '../scripts/chromium.js';
import {
  BUDGET_PAGES,
  FIRST_LOAD_BUDGET_KIB,
  FIRST_LOAD_CEILINGS_KIB,
  measureFirstLoad
} from '../scripts/first-load.js';

const PORT = 4193;
const BASE = `http://127.0.0.1:${PORT}`;
const verbose = process.argv.includes('--verbose');
const executablePath = findChromium();
if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);

const stop = await startPreview(PORT);

const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const context = await browser.newContext();
const pages = [...BUDGET_PAGES, '/guide/common-stack', '/present', '/tokens', '/playground'];
const kib = (bytes) => (bytes / 1024).toFixed(1);
for (const path of pages) {
  const { scripts, raw, gzip } = await measureFirstLoad(context, `${BASE}${path}`);
  const ceiling = FIRST_LOAD_CEILINGS_KIB[path];
  const verdict =
    ceiling === undefined
      ? '(not budgeted)'
      : `${gzip / 1024 <= FIRST_LOAD_BUDGET_KIB ? 'within' : 'over'} the ${FIRST_LOAD_BUDGET_KIB} KiB target, ${gzip / 1024 <= ceiling ? 'under' : 'OVER'} its ${ceiling} KiB ceiling`;
  console.log(
    `${path.padEnd(26)} ${String(scripts.length).padStart(3)} scripts  ${kib(raw).padStart(6)} KiB raw  ${kib(gzip).padStart(5)} KiB gzip  ${verdict}`
  );
  if (verbose)
    for (const s of [...scripts].sort((a, b) => b.gzip - a.gzip))
      console.log(`    ${kib(s.gzip).padStart(5)} KiB  ${s.url.replace(BASE, '')}`);
}
console.log(`target: ${FIRST_LOAD_BUDGET_KIB} KiB gzip for ${BUDGET_PAGES.join(', ')}`);
await browser.close();
stop();
