#!/usr/bin/env node
// Benchmark for the diagrams (issue 5), against the production build in Chromium:
//  1. /compare: time until the first diagram is painted, versus the same HTML with every script removed;
//  2. which scripts pages with pre-rendered diagrams load (mermaid must not be among them);
//  3. the longest main-thread task while stepping through /compare and a presenter diagram.
// Usage: npx vite build && node bench/diagrams.js [runs=15]
import { chromium } from '@playwright/test';
import { startPreview } from './preview.js';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from '../scripts/chromium.js';

const RUNS = Number(process.argv[2] ?? 15);
const PORT = 4191;
const BASE = `http://127.0.0.1:${PORT}`;
const executablePath = findChromium();
if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);

const stop = await startPreview(PORT);

const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });

// Observed by an init script, which runs even when the page's own scripts are stripped:
// - painted: the first diagram SVG has been parsed, a frame has run and the task after it has started (the
//   frame that shows the diagram has been painted);
// - fcp: the browser's first-contentful-paint time, for a second opinion on the same moment;
// - hydrated: the page has become interactive (html[data-hydrated], set by the root layout).
const PAINT_PROBE = () => {
  const marks = (window.__marks = {});
  new MutationObserver((_, observer) => {
    if (document.querySelector('svg.sequence-diagram')) {
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (marks.painted = performance.now()), 0));
    }
  }).observe(document, { childList: true, subtree: true });
  new MutationObserver((_, observer) => {
    observer.disconnect();
    marks.hydrated = performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'first-contentful-paint') marks.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
};

// Both variants go through the same interception, so neither pays for it alone.
async function timeFirstDiagram(stripScripts) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(PAINT_PROBE);
  await page.route(`${BASE}/compare`, async (route) => {
    const response = await route.fetch();
    let html = await response.text();
    if (stripScripts)
      html = html
        .replace(/<script[\s\S]*?<\/script>/g, '')
        .replace(/<link[^>]+rel="modulepreload"[^>]*>/g, '');
    await route.fulfill({ response, body: html });
  });
  await page.goto(`${BASE}/compare`);
  await page.waitForFunction(() => window.__marks.painted !== undefined && window.__marks.fcp !== undefined);
  if (!stripScripts) await page.waitForFunction(() => window.__marks.hydrated !== undefined);
  const marks = await page.evaluate(() => window.__marks);
  await context.close();
  return marks;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const withScripts = [];
const withoutScripts = [];
for (let i = 0; i < RUNS; i++) {
  // Alternate which goes first, so a slow moment of the machine does not always land on the same variant.
  const pair = i % 2 ? [true, false] : [false, true];
  for (const strip of pair) (strip ? withoutScripts : withScripts).push(await timeFirstDiagram(strip));
}
for (const [label, key] of [
  ['first diagram painted', 'painted'],
  ['first contentful paint', 'fcp']
]) {
  const a = median(withScripts.map((m) => m[key]));
  const b = median(withoutScripts.map((m) => m[key]));
  // Each run's pair was measured back to back, so the median of their ratios drifts less with the load.
  const paired = median(withScripts.map((m, i) => m[key] / withoutScripts[i][key]));
  console.log(
    `/compare ${label}: ${a.toFixed(1)} ms with scripts, ${b.toFixed(1)} ms without (median of ${RUNS}); ratio ${(a / b).toFixed(3)}, median paired ratio ${paired.toFixed(3)} (target <= 1.10)`
  );
}
console.log(`/compare hydrated (interactive): ${median(withScripts.map((m) => m.hydrated)).toFixed(1)} ms`);

// 2. Scripts loaded by pages that show pre-rendered diagrams.
for (const path of ['/compare', '/guide/both-federate', '/present']) {
  const page = await browser.newPage();
  const scripts = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push({ url: response.url(), body: await response.text() });
  });
  await page.goto(`${BASE}${path}`, { waitUntil: 'networkidle' });
  const bytes = scripts.reduce((sum, s) => sum + s.body.length, 0);
  const mermaid = scripts.filter((s) => /mermaidAPI|sequenceDiagram.*parser/s.test(s.body)).map((s) => s.url);
  console.log(
    `${path}: ${scripts.length} scripts, ${(bytes / 1024).toFixed(0)} KiB uncompressed; mermaid loaded: ${mermaid.length ? mermaid.join(', ') : 'no'}`
  );
  await page.close();
}

// 3. Longest task while stepping.
async function longestTask(path, presses) {
  const page = await browser.newPage();
  await page.goto(`${BASE}${path}`);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((list) =>
      window.__tasks.push(...list.getEntries().map((e) => e.duration))
    ).observe({
      type: 'longtask'
    });
  });
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(200);
  const tasks = await page.evaluate(() => window.__tasks);
  await page.close();
  return tasks.length ? Math.max(...tasks) : 0;
}
console.log(
  `/compare stepping 6 steps: longest task ${(await longestTask('/compare', 6)).toFixed(0)} ms (0 = none over 50 ms)`
);
console.log(
  `/present through 30 moves: longest task ${(await longestTask('/present', 30)).toFixed(0)} ms (0 = none over 50 ms)`
);

await browser.close();
stop();
