#!/usr/bin/env node
// Benchmark for issue 6 (run by hand, not a test): how long a sign-in in the playground takes, from the click on
// "Sign in" (SRP, demo user alice) to the id token's verification checklist showing "valid" on screen, in
// Chromium against the production build and a fresh local sandbox; next to it, how long the same SDK calls take
// from a bare Node script (amazon-cognito-identity-js CognitoUser.authenticateUser with SRP, then a GET of the
// pool's JWKS), against the same sandbox.
//
//   VITE_SANDBOX_ENDPOINT=http://127.0.0.1:9462 npx vite build    # the playground's sandbox preset points here
//   node bench/playground-sign-in.js [--runs 8]
//
// The script starts the sandbox (`node sandbox/cli.js --port 9462 --data <tmpdir> --reset`) and the site
// (`vite preview --port 4192`) itself, and stops both by PID at the end, also on error or Ctrl-C. It refuses to
// run if either port is taken, or if build/ was built for another sandbox endpoint.
//
// Each browser run uses a new browser context (no cache, no storage: a first visit), waits for the page to be
// hydrated, fills the form and clicks. The clock runs in the page: from the click event's timestamp to the frame
// after the checklist `[data-token="id"] [data-testid="checklist"][data-valid="true"]` became visible. That span
// includes loading amazon-cognito-identity-js (the playground imports it on the first sign-in), the SRP
// arithmetic, InitiateAuth + RespondToAuthChallenge, rendering the tokens, the JWKS GET and the signature checks.
// amazon-cognito-identity-js does SRP with a pure-JS bignum: about a second of CPU per sign-in on a small machine,
// in the browser and in Node alike. That is the real cost and is measured as it is (unlike
// sandbox/bench/concurrent-flows.js, which swaps in native arithmetic to measure the sandbox).
//
// Browser and Node runs alternate, after one unmeasured warm-up of each, so that a change in machine load hits
// both columns alike; the load average is printed before and after.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { checkSandboxBuild, createProcesses, portTaken } from './processes.js';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from '../scripts/chromium.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SANDBOX_PORT = 9462;
const SITE_PORT = 4192;
const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
const SITE = `http://127.0.0.1:${SITE_PORT}`;
const BUILD_COMMAND = `VITE_SANDBOX_ENDPOINT=${SANDBOX} npx vite build`;
const VERIFIED = '[data-token="id"] [data-testid="checklist"][data-valid="true"]';
const STEP_TIMEOUT = 60_000;

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '8' } } });
const RUNS = Number(options.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`playground-sign-in: --runs must be a positive integer, not ${options.runs}`);
  process.exit(1);
}

const preset = JSON.parse(readFileSync(path.join(ROOT, 'sandbox/seed/preset.json'), 'utf8'));
const alice = preset.users.find((/** @type {{ username: string }} */ u) => u.username === 'alice');
const USER_POOL_ID = preset.userPoolId;
const CLIENT_ID = preset.clients.web.id;
const JWKS_URL = `${SANDBOX}/${USER_POOL_ID}/.well-known/jwks.json`;

const processes = createProcesses(ROOT);
const { start, waitFor } = processes;
let dataDir = '';
let browser;

async function stopAll() {
  if (browser) await browser.close().catch(() => undefined);
  browser = undefined;
  await processes.stopAll();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = '';
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the sandbox and the site`);
    void stopAll().finally(() => process.exit(130));
  });
}

// Runs in the page before the click: timestamps the click, the id token appearing in the DOM, and the frame
// after the verified checklist became visible, all on the page's performance.now() clock.
function installProbe(selector) {
  const marks = /** @type {{ click?: number, tokens?: number, verified?: number }} */ ({});
  Object.assign(window, { __signInBench: marks });
  document.querySelector('[data-testid="sign-in-form"]')?.addEventListener(
    'click',
    (event) => {
      if (marks.click === undefined && event.target instanceof Element && event.target.closest('button')) {
        marks.click = event.timeStamp;
      }
    },
    { capture: true }
  );
  const observer = new MutationObserver(() => {
    if (marks.tokens === undefined && document.querySelector('[data-token="id"]'))
      marks.tokens = performance.now();
    const checklist = document.querySelector(selector);
    if (checklist && checklist.checkVisibility()) {
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (marks.verified = performance.now()), 0));
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
}

async function browserRun() {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    /** @type {import('@playwright/test').Request[]} */
    const sandboxRequests = [];
    page.on('requestfinished', (request) => {
      if (request.url().startsWith(SANDBOX)) sandboxRequests.push(request);
    });
    await page.goto(`${SITE}/playground`);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
    const target = (await page.getByTestId('target').textContent()) ?? '';
    if (!target.includes('Local sandbox'))
      throw new Error(`the playground is not set to the sandbox: "${target}"`);

    const form = page.getByTestId('sign-in-form');
    await form.getByLabel('Username', { exact: true }).fill(alice.username);
    await form.getByLabel('Password', { exact: true }).fill(alice.password);
    await form.getByRole('radio', { name: /SRP/ }).check();
    await page.evaluate(installProbe, VERIFIED);

    sandboxRequests.length = 0;
    const wallStart = performance.now();
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.locator(VERIFIED).waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    const wall = performance.now() - wallStart;
    const marks = await (
      await page.waitForFunction(() => {
        const found = /** @type {{ __signInBench?: { verified?: number } }} */ (window).__signInBench;
        return found?.verified !== undefined && found;
      })
    ).jsonValue();
    const error = await page.getByTestId('error').count();
    if (error > 0)
      throw new Error(`the playground shows an error: ${await page.getByTestId('error').textContent()}`);

    const network = sandboxRequests.reduce(
      (sum, request) => sum + Math.max(0, request.timing().responseEnd),
      0
    );
    return {
      total: marks.verified - marks.click,
      tokens: marks.tokens - marks.click,
      wall,
      network,
      requests: sandboxRequests.length
    };
  } finally {
    await context.close();
  }
}

/** A Storage in memory, so the Node runs start as fresh as a new browser context. */
class MemoryStorage {
  #items = new Map();
  setItem(key, value) {
    this.#items.set(key, String(value));
  }
  getItem(key) {
    return this.#items.get(key) ?? null;
  }
  removeItem(key) {
    this.#items.delete(key);
  }
  clear() {
    this.#items.clear();
  }
}

async function nodeRun() {
  const started = performance.now();
  const storage = new MemoryStorage();
  const pool = new CognitoUserPool({
    UserPoolId: USER_POOL_ID,
    ClientId: CLIENT_ID,
    endpoint: SANDBOX,
    Storage: storage
  });
  const user = new CognitoUser({ Username: alice.username, Pool: pool, Storage: storage });
  user.setAuthenticationFlowType('USER_SRP_AUTH');
  const details = new AuthenticationDetails({ Username: alice.username, Password: alice.password });
  /** @type {import('amazon-cognito-identity-js').CognitoUserSession} */
  const session = await new Promise((resolve, reject) => {
    const unexpected = (name) => () => reject(new Error(`unexpected challenge ${name}`));
    user.authenticateUser(details, {
      onSuccess: resolve,
      onFailure: reject,
      newPasswordRequired: unexpected('NEW_PASSWORD_REQUIRED'),
      mfaRequired: unexpected('SMS_MFA'),
      totpRequired: unexpected('SOFTWARE_TOKEN_MFA'),
      customChallenge: unexpected('CUSTOM_CHALLENGE')
    });
  });
  const signedIn = performance.now();
  const response = await fetch(JWKS_URL);
  const jwks = await response.json();
  const done = performance.now();
  if (!response.ok || !Array.isArray(jwks.keys) || jwks.keys.length === 0)
    throw new Error(`bad JWKS from ${JWKS_URL}`);
  if (!session.getIdToken().getJwtToken().startsWith('eyJ')) throw new Error('no id token');
  return { total: done - started, signIn: signedIn - started, jwks: done - signedIn };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${Math.round(value)} ms`;
const summary = (values) =>
  `median ${ms(median(values))} (min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))}; ${values.length} runs)`;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function main() {
  checkSandboxBuild(path.join(ROOT, 'build'), SANDBOX, `Build it first:\n  ${BUILD_COMMAND}`);
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
  for (const port of [SANDBOX_PORT, SITE_PORT]) {
    if (await portTaken(port)) throw new Error(`port ${port} is in use; stop what listens there and retry`);
  }

  dataDir = mkdtempSync(path.join(tmpdir(), 'lens-bench-sandbox-'));
  const sandbox = start('sandbox', [
    'sandbox/cli.js',
    '--port',
    String(SANDBOX_PORT),
    '--data',
    dataDir,
    '--reset'
  ]);
  const site = start('vite preview', [
    'node_modules/vite/bin/vite.js',
    'preview',
    '--port',
    String(SITE_PORT),
    '--strictPort'
  ]);
  await waitFor(`${SANDBOX}/health`, sandbox);
  await waitFor(`${SITE}/playground`, site);
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });

  const loadBefore = load();
  console.log(
    `Sign-in benchmark: ${RUNS} runs each, SRP as ${alice.username}, sandbox ${SANDBOX}, site ${SITE}`
  );
  console.log(`machine: ${cpus().length} CPUs, load average ${loadBefore} (1, 5, 15 min)`);
  const warmBrowser = await browserRun();
  const warmNode = await nodeRun();
  console.log(`warm-up (not counted): browser ${ms(warmBrowser.total)}, node ${ms(warmNode.total)}`);

  const browserRuns = [];
  const nodeRuns = [];
  for (let run = 1; run <= RUNS; run++) {
    const b = await browserRun();
    const n = await nodeRun();
    browserRuns.push(b);
    nodeRuns.push(n);
    console.log(
      `run ${run}: browser ${ms(b.total)} (tokens in the DOM after ${ms(b.tokens)}, ${b.requests} sandbox requests ` +
        `${ms(b.network)}), node ${ms(n.total)} (sign-in ${ms(n.signIn)}, JWKS ${ms(n.jwks)})`
    );
  }

  const pick = (runs, key) => runs.map((run) => run[key]);
  const lines = [
    ['browser: click "Sign in" -> verified id token on screen', pick(browserRuns, 'total')],
    ['  of which click -> tokens in the DOM', pick(browserRuns, 'tokens')],
    ["  sum of the sandbox requests' durations", pick(browserRuns, 'network')],
    ['  Playwright wall clock, click() -> checklist visible', pick(browserRuns, 'wall')],
    ['node:    authenticateUser (SRP) + JWKS GET', pick(nodeRuns, 'total')],
    ['  of which authenticateUser (SRP)', pick(nodeRuns, 'signIn')]
  ];
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  console.log('');
  for (const [label, values] of lines) console.log(`${`${label}:`.padEnd(width)}${summary(values)}`);
  const ratio = median(pick(browserRuns, 'total')) / median(pick(nodeRuns, 'total'));
  console.log(`${'browser / node (medians):'.padEnd(width)}${ratio.toFixed(2)}x`);
  const loadAfter = load();
  console.log(`load average before ${loadBefore}, after ${loadAfter} on ${cpus().length} CPUs`);
  if (Math.max(...loadBefore.split(' ').map(Number), ...loadAfter.split(' ').map(Number)) > cpus().length) {
    console.log(
      'note: the machine was busy with other work (load above its CPU count); expect the figures to be high'
    );
  }
}

try {
  await main();
} catch (error) {
  console.error(`playground-sign-in: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
