#!/usr/bin/env node
// Benchmark for issue 15 (run by hand, not a test): both kinds of federation in the playground, against a fresh
// sandbox and its OpenID provider LensIdP, next to the same HTTP calls made from Node.
//
//   E2E_SITE_PORT=4173 E2E_SANDBOX_PORT=9459 npm run test:e2e -- tests/e2e/federation.spec.ts   # builds build-e2e/
//   node bench/federation.js [--runs 6] [--site-port 4173] [--sandbox-port 9459] [--build build-e2e]
//
// The site must be served on a port LensIdP and the pool accept as the playground's redirect URI (4173, 4174 or
// 5173: sandbox/seed/preset.json), and the build must point its sandbox preset at --sandbox-port
// (VITE_SANDBOX_ENDPOINT; the script checks). It starts the sandbox (`node sandbox/cli.js --port <p> --data
// <tmpdir> --reset`, LensIdP on <p> + 1) and the site (`node scripts/serve.js <build> --port <site>`) itself,
// refuses taken ports, and stops both by PID at the end.
//
// Measured, with a new browser context per run (a first visit: no cookies, no storage, no cache):
// - user pool federation, browser: click on "Continue with LensIdP" -> LensIdP's page, sign in as sam, allow ->
//   back at the playground until the pool's id token shows "valid". Clock: Playwright's wall clock from the
//   click to the checklist visible, minus nothing (the sign-in form is filled by Playwright, instantly).
// - identity pool federation, browser: click on "Sign in at the provider, then ask the identity pool" -> LensIdP,
//   sign in, allow -> back until the credentials are shown.
// - node: the same HTTP calls from Node, made by src/lib/playground/run-both.ts (the playground's runner and
//   flows, with a headless agent that fills LensIdP's forms): runUserPoolFederation (ends with the pool's tokens
//   verified) and runIdentityPoolFederation (ends with the credentials proved by GetCallerIdentity, one call
//   more than the browser's measure: printed apart).
// - /compare "Run both live": click to "Both runs finished" (sign in once in the window, allow twice), next to
//   the two Node runs above added up.
// Browser and Node runs alternate after one unmeasured warm-up of each; the load average is printed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { checkSandboxBuild, createProcesses, portTaken } from './processes.js';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from '../scripts/chromium.js';
import { withSiteModules } from '../scripts/site-modules.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '6' },
    'site-port': { type: 'string', default: '4173' },
    'sandbox-port': { type: 'string', default: '9459' },
    build: { type: 'string', default: 'build-e2e' }
  }
});
const RUNS = Number(options.runs);
const SITE_PORT = Number(options['site-port']);
const SANDBOX_PORT = Number(options['sandbox-port']);
const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
const IDP = `http://127.0.0.1:${SANDBOX_PORT + 1}`;
const SITE = `http://127.0.0.1:${SITE_PORT}`;
const BUILD = path.resolve(ROOT, options.build);
const VERIFIED = '[data-token="id"] [data-testid="checklist"][data-valid="true"]';

const preset = JSON.parse(readFileSync(path.join(ROOT, 'sandbox/seed/preset.json'), 'utf8'));
const sam = preset.idp.users.find((/** @type {{ username: string }} */ u) => u.username === 'sam');
const REDIRECT = `${SITE}/playground`;
if (!preset.idp.publicRedirectUris.includes(REDIRECT)) {
  console.error(
    `federation: ${REDIRECT} is not a redirect URI LensIdP accepts; use --site-port 4173, 4174 or 5173`
  );
  process.exit(1);
}

const processes = createProcesses(ROOT);
const { start, waitFor } = processes;
let dataDir = '';
/** @type {import('@playwright/test').Browser | undefined} */
let browser;

async function stopAll() {
  if (browser) await browser.close().catch(() => undefined);
  browser = undefined;
  await processes.stopAll();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));
}

/** Signs sam in on LensIdP's pages and allows the consent when asked. @param {import('@playwright/test').Page} page */
async function atLensIdP(page) {
  await page.waitForURL((url) => url.origin === IDP, { timeout: 30_000 });
  await page.getByLabel('Username').fill(sam.username);
  await page.getByLabel('Password').fill(sam.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin !== IDP || url.pathname.includes('/interaction/'));
  const allow = page.getByRole('button', { name: 'Allow' });
  if (new URL(page.url()).origin === IDP && (await allow.count()) > 0) await allow.click();
}

/** @param {'user-pool' | 'identity-pool'} side @returns {Promise<number>} ms from the click to the result */
async function browserRun(side) {
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${SITE}/playground`);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    let button;
    let done;
    if (side === 'user-pool') {
      await page.getByText('Managed login (hosted UI)').click();
      button = page.getByTestId('federated-login');
      done = page.locator(VERIFIED);
    } else {
      button = page.getByTestId('idp-sign-in');
      done = page.getByTestId('idp-credentials');
    }
    const started = performance.now();
    await button.click();
    await atLensIdP(page);
    await done.waitFor({ state: 'visible', timeout: 60_000 });
    return performance.now() - started;
  } finally {
    await context.close();
  }
}

/** "Run both live" on /compare: click to "Both runs finished" (one sign-in window, two runs). @returns {Promise<number>} */
async function browserBoth() {
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${SITE}/compare`);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    const popupOpened = page.waitForEvent('popup');
    const started = performance.now();
    await page.getByRole('button', { name: 'Run both live' }).click();
    const popup = await popupOpened;
    await atLensIdP(popup);
    // The second run: LensIdP knows sam now and asks only for the playground app's consent.
    await popup.waitForURL((url) => url.origin === IDP && url.pathname.includes('/interaction/'), {
      timeout: 30_000
    });
    await popup.getByRole('button', { name: 'Allow' }).click();
    await page.getByText('Both runs finished').waitFor({ state: 'visible', timeout: 60_000 });
    return performance.now() - started;
  } finally {
    await context.close();
  }
}

async function loadRunBoth() {
  return withSiteModules(
    async (load) =>
      /** @type {typeof import('../src/lib/playground/run-both')} */ (
        await load('/src/lib/playground/run-both.ts')
      )
  );
}

/** @param {number[]} values */
function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median: median ?? 0, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}

async function main() {
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a positive integer`);
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
  checkSandboxBuild(BUILD, SANDBOX, 'Run the e2e build first (see the header).');
  for (const port of [SANDBOX_PORT, SANDBOX_PORT + 1, SITE_PORT]) {
    if (await portTaken(port)) throw new Error(`port ${port} is taken`);
  }
  dataDir = mkdtempSync(path.join(tmpdir(), 'cognito-lens-bench-federation-'));
  const sandbox = start('sandbox', [
    'sandbox/cli.js',
    '--port',
    String(SANDBOX_PORT),
    '--data',
    dataDir,
    '--reset'
  ]);
  const site = start('site', ['scripts/serve.js', BUILD, '--port', String(SITE_PORT), '--quiet']);
  await waitFor(`${SANDBOX}/health`, sandbox);
  await waitFor(`${IDP}/.well-known/openid-configuration`, sandbox);
  await waitFor(`${SITE}/`, site);

  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const runBoth = await loadRunBoth();
  const [oauth, identityJs, identitySdk, stsSdk, { FetchHttpHandler }] = await Promise.all([
    import('oauth4webapi'),
    import('amazon-cognito-identity-js'),
    import('@aws-sdk/client-cognito-identity'),
    import('@aws-sdk/client-sts'),
    import('@smithy/fetch-http-handler')
  ]);
  const runOptions = {
    config: {
      region: preset.region,
      userPoolId: preset.userPoolId,
      clientId: preset.clients.web.id,
      domain: SANDBOX,
      identityPoolId: preset.identityPools.guests.id,
      endpoint: SANDBOX,
      idpIssuer: IDP,
      idpClientId: preset.idp.publicClientId
    },
    redirectUri: REDIRECT,
    identityProvider: preset.idp.providerName,
    user: { username: sam.username, password: sam.password }
  };
  const deps = () => ({
    fetch: globalThis.fetch.bind(globalThis),
    now: () => Date.now(),
    crypto: globalThis.crypto,
    loadOAuth: async () => oauth,
    loadCognito: async () => identityJs,
    loadIdentitySdk: async () => ({ identity: identitySdk, sts: stsSdk, http: { FetchHttpHandler } })
  });
  /** @param {'user-pool' | 'identity-pool'} side */
  const nodeRun = async (side) => {
    const started = performance.now();
    if (side === 'user-pool') {
      const run = await runBoth.runUserPoolFederation(runOptions, deps());
      if (!run.verification.id?.valid) throw new Error('node: the pool id token did not verify');
      return { total: performance.now() - started, credentials: 0 };
    }
    let credentialsAt = 0;
    const run = await runBoth.runIdentityPoolFederation(runOptions, deps(), (event) => {
      if (event.type === 'step' && event.step.step === 'sts-credentials') credentialsAt = performance.now();
    });
    if (!run.caller.Arn.includes('LensEditors')) throw new Error(`node: unexpected role ${run.caller.Arn}`);
    return { total: performance.now() - started, credentials: credentialsAt - started };
  };

  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  console.log(
    `federation: ${RUNS} runs each, ${cpus().length} cores, load before ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`
  );
  await browserRun('user-pool');
  await browserRun('identity-pool');
  await nodeRun('user-pool');
  await nodeRun('identity-pool');
  /** runBoth: both runs at once, start to finish (what "Run both live" drives). */
  const bothRun = async () => {
    const started = performance.now();
    await runBoth.runBoth(runOptions, deps());
    return performance.now() - started;
  };
  await bothRun();
  /** @type {Record<string, number[]>} */
  const figures = {
    cupBrowser: [],
    cupNode: [],
    cipBrowser: [],
    cipNodeCredentials: [],
    cipNodeProved: [],
    bothNode: [],
    bothBrowser: []
  };
  await browserBoth();
  for (let i = 0; i < RUNS; i += 1) {
    figures.cupBrowser.push(await browserRun('user-pool'));
    figures.cupNode.push((await nodeRun('user-pool')).total);
    figures.cipBrowser.push(await browserRun('identity-pool'));
    const cip = await nodeRun('identity-pool');
    figures.cipNodeCredentials.push(cip.credentials);
    figures.cipNodeProved.push(cip.total);
    figures.bothNode.push(await bothRun());
    figures.bothBrowser.push(await browserBoth());
    console.log(
      `run ${i + 1}: user pool federation browser ${figures.cupBrowser.at(-1)?.toFixed(0)} ms, node ${figures.cupNode.at(-1)?.toFixed(0)} ms; ` +
        `identity pool federation browser ${figures.cipBrowser.at(-1)?.toFixed(0)} ms, node ${cip.credentials.toFixed(0)} ms (${cip.total.toFixed(0)} ms with GetCallerIdentity)`
    );
  }
  const show = (/** @type {string} */ label, /** @type {number[]} */ values) => {
    const { median, min, max } = stats(values);
    console.log(
      `${label.padEnd(58)} median ${median.toFixed(0).padStart(5)} ms  (min ${min.toFixed(0)}, max ${max.toFixed(0)})`
    );
    return median;
  };
  const a = show('user pool federation, browser: click to verified pool tokens', figures.cupBrowser);
  const b = show('user pool federation, node: same HTTP calls', figures.cupNode);
  const c = show('identity pool federation, browser: click to credentials', figures.cipBrowser);
  const d = show(
    'identity pool federation, node: same HTTP calls to credentials',
    figures.cipNodeCredentials
  );
  const e = show('identity pool federation, node: ... and GetCallerIdentity', figures.cipNodeProved);
  show('runBoth in node: both at once, start to finish', figures.bothNode);
  const f = show('/compare "Run both live": click to both runs finished', figures.bothBrowser);
  console.log(
    `run both live / (node user pool + node identity pool with GetCallerIdentity): ${(f / (b + e)).toFixed(2)}`
  );
  console.log(`ratios browser/node: user pool ${(a / b).toFixed(2)}, identity pool ${(c / d).toFixed(2)}`);
  console.log(
    `load after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`
  );
}

main()
  .catch((error) => {
    console.error(`federation: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
