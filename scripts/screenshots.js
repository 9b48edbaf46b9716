#!/usr/bin/env node
// @ts-check
// `npm run screenshots`: one contact sheet per page, to look at the whole site at once. Each sheet shows the page
// at every viewport in both themes, side by side, and is written to screenshots/<name>.png (git-ignored); the
// single shots are kept in screenshots/shots/. Besides every page it covers the states a user reaches: the
// playground signed in with the sandbox (alice), with AWS credentials shown, after a failed sign-in, and every
// presenter slide.
//
//   npm run screenshots                 all sheets
//   npm run screenshots -- guide tokens only the sheets whose name contains one of the words
//
// It builds the site into build-screenshots/ when that build is missing, older than the sources, or made for
// another sandbox port, then starts the sandbox and the site on free ports, drives Debian's Chromium
// (scripts/chromium.js) and stops both at the end, also on error or Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from './chromium.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD = path.join(ROOT, 'build-screenshots');
const MARKER = path.join(BUILD, '.sandbox-endpoint');
const OUT = path.join(ROOT, 'screenshots');
const PREFERRED_SANDBOX_PORT = 9470;

/** @typedef {{ name: string, width: number, height: number }} Viewport */
/** @type {Viewport[]} */
const SITE_VIEWPORTS = [
  { name: 'phone 390x844', width: 390, height: 844 },
  { name: 'laptop 1280x800', width: 1280, height: 800 },
  { name: 'wide 1920x1080', width: 1920, height: 1080 }
];
/** The presenter's sizes: a laptop on a projector, a common beamer, full HD. */
/** @type {Viewport[]} */
const PRESENTER_VIEWPORTS = [
  { name: 'projector 1280x720', width: 1280, height: 720 },
  { name: 'beamer 1366x768', width: 1366, height: 768 },
  { name: 'full HD 1920x1080', width: 1920, height: 1080 }
];
const THEMES = /** @type {const} */ (['light', 'dark']);
/** A shot shows at most this many screens of a long page: enough to judge the layout, small enough to look at. */
const MAX_SCREENS = 3;

const preset = JSON.parse(readFileSync(path.join(ROOT, 'sandbox/seed/preset.json'), 'utf8'));
const alice = preset.users.find((/** @type {{ username: string }} */ u) => u.username === 'alice');
const slides = JSON.parse(readFileSync(path.join(ROOT, 'content/slides.json'), 'utf8')).slides;
const chapters = readdirSync(path.join(ROOT, 'content/guide'))
  .filter((name) => /^\d{2}-.+\.md$/.test(name))
  .sort()
  .map((name) => name.replace(/^\d{2}-/, '').replace(/\.md$/, ''));

/**
 * @typedef {import('@playwright/test').Page} Page
 * @typedef {{
 *   name: string,
 *   path: string,
 *   viewports: Viewport[],
 *   prepare?: (page: Page) => Promise<void>,
 *   focus?: string
 * }} Sheet
 * `prepare` brings the page into a state; `focus` (a selector) is then scrolled into view and the shot shows the
 * window around it instead of the top of the page.
 */

/** @param {Page} page */
async function signInAsAlice(page, password = alice.password) {
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username', { exact: true }).fill(alice.username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Alice signed in, her tokens verified, and AWS credentials from the guests identity pool. @param {Page} page */
async function withCredentials(page) {
  await signInAsAlice(page);
  await page.locator('[data-token="id"] [data-testid="checklist"][data-valid="true"]').waitFor();
  await page.getByLabel('Identity pool id (optional)').fill(preset.identityPools.guests.id);
  await page.getByRole('button', { name: 'Get AWS credentials', exact: true }).click();
  await page.getByTestId('credentials').waitFor();
}

/** @type {Sheet[]} */
const SHEETS = [
  ...['/', '/guide', ...chapters.map((slug) => `/guide/${slug}`), '/compare', '/playground', '/tokens'].map(
    (p) => ({
      name: p === '/' ? 'home' : p.slice(1).replaceAll('/', '-'),
      path: p,
      viewports: SITE_VIEWPORTS
    })
  ),
  { name: '404', path: '/404', viewports: SITE_VIEWPORTS },
  { name: 'present-notes', path: '/present/notes', viewports: SITE_VIEWPORTS },
  {
    name: 'playground-signed-in',
    path: '/playground',
    viewports: SITE_VIEWPORTS,
    prepare: async (page) => {
      await signInAsAlice(page);
      await page.locator('[data-token="id"] [data-testid="checklist"][data-valid="true"]').waitFor();
    },
    focus: '[data-token="id"]'
  },
  {
    name: 'playground-credentials',
    path: '/playground',
    viewports: SITE_VIEWPORTS,
    prepare: async (page) => {
      await withCredentials(page);
      await page.getByLabel('Show the secret values').check();
    },
    focus: '[data-testid="credentials"]'
  },
  {
    name: 'compare-recorded-runs',
    path: '/compare',
    viewports: SITE_VIEWPORTS,
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Replay the recorded runs' }).click();
      await page.getByTestId('live-status').waitFor();
      await page.keyboard.press('ArrowLeft');
      await page.getByTestId('live-moved').nth(1).getByText('Show what moved').click();
    },
    focus: '.now'
  },
  {
    name: 'playground-storage',
    path: '/playground',
    viewports: SITE_VIEWPORTS,
    prepare: withCredentials,
    focus: '#storage-heading'
  },
  {
    name: 'playground-sign-in-error',
    path: '/playground',
    viewports: SITE_VIEWPORTS,
    prepare: async (page) => {
      await signInAsAlice(page, 'not-the-password');
      await page.getByTestId('error').waitFor();
    },
    focus: '[data-testid="error"]'
  },
  ...slides.map((/** @type {unknown} */ _, /** @type {number} */ i) => ({
    name: `present-slide-${String(i + 1).padStart(2, '0')}`,
    path: `/present?slide=${i + 1}`,
    viewports: PRESENTER_VIEWPORTS
  }))
];

// ---------------------------------------------------------------------------------------------------------------

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
/** @type {Promise<unknown>[]} */
const exits = [];

/** @param {string} label @param {string[]} args @param {Record<string, string>} [env] */
function start(label, args, env = {}) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env }
  });
  /** @type {string[]} */
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  children.add(child);
  const exited = new Promise((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    })
  );
  exits.push(exited);
  return { child, exited, output: () => output.join(''), label };
}

function stopAll() {
  for (const child of children) child.kill('SIGTERM');
}
process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

/** @param {number} preferred @returns {Promise<number>} `preferred` if it is free, else any free port */
function freePort(preferred = 0) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(freePort(0)));
    server.listen(preferred, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : preferred;
      server.close(() => resolve(port));
    });
  });
}

/** @param {string} url @param {number} timeoutMs */
async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** @param {string} dir @returns {number} the newest modification time of any file under `dir` */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** @param {string} endpoint */
async function buildIfNeeded(endpoint) {
  const sources = Math.max(
    ...['src', 'content', 'static'].map((dir) => newest(path.join(ROOT, dir))),
    ...['svelte.config.js', 'vite.config.ts', 'package-lock.json'].map(
      (f) => statSync(path.join(ROOT, f)).mtimeMs
    )
  );
  if (existsSync(MARKER) && readFileSync(MARKER, 'utf8') === endpoint && statSync(MARKER).mtimeMs > sources) {
    console.log('build-screenshots/ is up to date.');
    return;
  }
  console.log('Building the site into build-screenshots/ ...');
  const build = start('build', ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    BUILD_DIR: 'build-screenshots',
    VITE_SANDBOX_ENDPOINT: endpoint
  });
  if ((await build.exited) !== 0) throw new Error(`the build failed:\n${build.output()}`);
  writeFileSync(MARKER, endpoint);
}

/**
 * The page as it is now: the window around `focus` if given, else the top MAX_SCREENS screens.
 * @param {Page} page @param {Viewport} viewport @param {string} [focus] @returns {Promise<Buffer>}
 */
async function shoot(page, viewport, focus) {
  if (focus) {
    await page
      .locator(focus)
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    return page.screenshot({ animations: 'disabled' });
  }
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  return page.screenshot({
    fullPage: true,
    animations: 'disabled',
    clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, viewport.height * MAX_SCREENS) }
  });
}

/**
 * One row per theme, one column per viewport, each shot at a scale for its size class (a phone is not blown up
 * to a monitor's width, a monitor not shrunk to a stamp).
 * @param {Sheet} sheet @param {{ viewport: Viewport, theme: string, png: Buffer }[]} shots
 */
function sheetHtml(sheet, shots) {
  const scale = (/** @type {Viewport} */ v) => (v.width <= 500 ? 0.8 : v.width <= 1400 ? 0.6 : 0.5);
  const rows = THEMES.map((theme) => {
    const figures = shots
      .filter((shot) => shot.theme === theme)
      .map(({ viewport, png }) => {
        const width = Math.round(viewport.width * scale(viewport));
        return `<figure><figcaption>${viewport.name} · ${theme}</figcaption><img width="${width}" src="data:image/png;base64,${png.toString('base64')}"></figure>`;
      })
      .join('');
    return `<div class="row">${figures}</div>`;
  }).join('');
  return `<!doctype html><html><head><style>
    body { margin: 0; padding: 16px; background: #3b3f4c; color: #fff; font: 16px system-ui, sans-serif; }
    h1 { font-size: 20px; margin: 0 0 12px; }
    .row { display: flex; gap: 16px; align-items: flex-start; margin-bottom: 16px; }
    figure { margin: 0; }
    figcaption { font-size: 14px; margin-bottom: 4px; }
    img { display: block; border: 1px solid #000; background: #fff; }
  </style></head><body><h1>${sheet.path}${sheet.prepare ? ` (${sheet.name})` : ''}</h1>${rows}</body></html>`;
}

async function main() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const sheets = only.length ? SHEETS.filter((s) => only.some((word) => s.name.includes(word))) : SHEETS;

  const sandboxPort = await freePort(PREFERRED_SANDBOX_PORT);
  const endpoint = `http://127.0.0.1:${sandboxPort}`;
  await buildIfNeeded(endpoint);

  const data = path.join(os.tmpdir(), `cognito-lens-screenshots-${process.pid}`);
  const sandbox = start('sandbox', [
    'sandbox/cli.js',
    '--port',
    String(sandboxPort),
    '--data',
    data,
    '--reset'
  ]);
  const sitePort = await freePort();
  const site = start('site', [
    'scripts/serve.js',
    'build-screenshots',
    '--port',
    String(sitePort),
    '--quiet'
  ]);
  const origin = `http://127.0.0.1:${sitePort}`;
  try {
    await Promise.all([waitFor(`${endpoint}/health`, 30_000), waitFor(`${origin}/`, 30_000)]);
  } catch (error) {
    throw new Error(`${error}\n${sandbox.output()}${site.output()}`, { cause: error });
  }

  mkdirSync(path.join(OUT, 'shots'), { recursive: true });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const composer = await browser.newPage({ viewport: { width: 800, height: 600 } });
    for (const sheet of sheets) {
      const started = Date.now();
      /** @type {{ viewport: Viewport, theme: string, png: Buffer }[]} */
      const shots = [];
      const context = await browser.newContext({ baseURL: origin });
      const page = await context.newPage();
      const open = async () => {
        await page.goto(sheet.path);
        await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      };
      if (sheet.prepare) {
        // A state is reached once (sign-in takes seconds), then looked at in every size: the layout must hold
        // when the window changes, too.
        await page.setViewportSize(sheet.viewports[1] ?? sheet.viewports[0]);
        await open();
        await sheet.prepare(page);
      }
      for (const viewport of sheet.viewports) {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        if (!sheet.prepare) await open();
        for (const theme of THEMES) {
          await page.emulateMedia({ colorScheme: theme });
          const png = await shoot(page, viewport, sheet.focus);
          const file = `${sheet.name}--${viewport.name.replace(/\s+/g, '-')}--${theme}.png`;
          writeFileSync(path.join(OUT, 'shots', file), png);
          shots.push({ viewport, theme, png });
        }
      }
      await context.close();
      await composer.setContent(sheetHtml(sheet, shots));
      await composer.screenshot({ path: path.join(OUT, `${sheet.name}.png`), fullPage: true });
      console.log(`screenshots/${sheet.name}.png  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  stopAll();
  await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 5000))]);
  rmSync(path.join(os.tmpdir(), `cognito-lens-screenshots-${process.pid}`), { recursive: true, force: true });
}
