#!/usr/bin/env node
// Benchmark for issue 16 (run by hand, not a test): a 1 MiB upload from the playground's "Use the credentials"
// panel to the sandbox's S3, from the click on "Upload to your folder" to the frame after the panel shows the
// upload allowed; next to it, the same PutObject (1 MiB, the same SDK settings) from a bare Node script.
//
//   VITE_SANDBOX_ENDPOINT=http://127.0.0.1:9463 npx vite build
//   node bench/s3-upload.js [--runs 10] [--build build] [--sandbox-port 9463] [--site-port 4194]
//
// It starts the sandbox (`node sandbox/cli.js --port <sandbox-port> --data <tmpdir> --reset`) and the site
// (`scripts/serve.js <build> --port <site-port>`) itself and stops both by PID at the end (also on error or
// Ctrl-C). The browser signs in once (alice, SRP; not measured), gets credentials from the guests identity pool,
// opens the S3 panel (which loads @aws-sdk/client-s3; not measured), then uploads 1 MiB files: one warm-up, then
// --runs measured. The clock runs in the page, from the click event's timestamp to the frame after the attempt
// "Upload bench-N.bin to your folder" shows "allowed". That includes reading the file, SHA-256 of the body in
// the SDK (SigV4 signs the payload hash), the CORS preflight when the browser sends one, the request, the
// sandbox's signature check and IAM evaluation, the disk write, and Svelte's update. Node runs alternate with the
// browser runs so that a change in machine load hits both columns alike.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand
} from '@aws-sdk/client-cognito-identity';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand
} from '@aws-sdk/client-cognito-identity-provider';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import preset from '../sandbox/seed/preset.json' with { type: 'json' };
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from '../scripts/chromium.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    build: { type: 'string', default: 'build' },
    'sandbox-port': { type: 'string', default: '9463' },
    'site-port': { type: 'string', default: '4194' }
  }
});
const RUNS = Number(options.runs);
const SANDBOX = `http://127.0.0.1:${options['sandbox-port']}`;
const SITE = `http://127.0.0.1:${options['site-port']}`;
const SIZE = 1024 * 1024;
const alice = preset.users.find((user) => user.username === 'alice');
if (!alice) throw new Error('no alice in the preset');

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
let dataDir = '';
/** @type {import('@playwright/test').Browser | undefined} */
let browser;

const portTaken = (/** @type {string} */ port) =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** @param {string[]} args */
function start(args) {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  children.push(child);
  return child;
}

/** @param {string} url */
async function waitFor(url) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within 30 s`);
}

async function stopAll() {
  await browser?.close().catch(() => undefined);
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));
}

/** Identity pool credentials for alice, the way the playground gets them (enhanced flow, guests pool). */
async function nodeCredentials() {
  const idp = new CognitoIdentityProviderClient({ region: preset.region, endpoint: SANDBOX });
  const signIn = await idp.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: preset.clients.web.id,
      AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password }
    })
  );
  const Logins = {
    [`cognito-idp.${preset.region}.amazonaws.com/${preset.userPoolId}`]:
      signIn.AuthenticationResult?.IdToken ?? ''
  };
  const identity = new CognitoIdentityClient({ region: preset.region, endpoint: SANDBOX });
  const { IdentityId = '' } = await identity.send(
    new GetIdCommand({ IdentityPoolId: preset.identityPools.guests.id, Logins })
  );
  const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  return {
    identityId: IdentityId,
    credentials: {
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretKey ?? '',
      sessionToken: Credentials?.SessionToken ?? ''
    }
  };
}

/** @param {number[]} values */
const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (/** @type {number} */ q) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN };
};

async function main() {
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a positive integer`);
  if (!existsSync(path.join(ROOT, options.build, 'playground.html'))) {
    throw new Error(
      `No build in ${options.build}/. Build it: VITE_SANDBOX_ENDPOINT=${SANDBOX} npx vite build`
    );
  }
  for (const port of [options['sandbox-port'], options['site-port']]) {
    if (await portTaken(port)) throw new Error(`port ${port} is taken`);
  }
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);

  dataDir = mkdtempSync(path.join(tmpdir(), 'bench-s3-'));
  start(['sandbox/cli.js', '--port', options['sandbox-port'], '--data', dataDir, '--reset']);
  start(['scripts/serve.js', options.build, '--port', options['site-port'], '--quiet']);
  await Promise.all([waitFor(`${SANDBOX}/health`), waitFor(`${SITE}/`)]);
  console.log(
    `load average before: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} (${cpus().length} cores)`
  );

  // Node: the same credentials and client settings as the panel (path-style, plain payload).
  const { identityId, credentials } = await nodeCredentials();
  const s3 = new S3Client({
    region: preset.region,
    endpoint: SANDBOX,
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  });
  const nodeUpload = async (/** @type {number} */ n) => {
    const body = Buffer.alloc(SIZE, n % 251);
    const started = performance.now();
    await s3.send(
      new PutObjectCommand({
        Bucket: preset.s3.buckets.uploads.name,
        Key: `private/${identityId}/node-${n}.bin`,
        Body: body,
        ContentType: 'application/octet-stream'
      })
    );
    return performance.now() - started;
  };

  // Browser: sign in, credentials, open the panel; then upload.
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${SITE}/playground`);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username', { exact: true }).fill(alice.username);
  await form.getByLabel('Password', { exact: true }).fill(alice.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page
    .locator('[data-token="id"] [data-testid="checklist"][data-valid="true"]')
    .waitFor({ timeout: 60_000 });
  await page.getByLabel('Identity pool id (optional)').fill(preset.identityPools.guests.id);
  await page.getByRole('button', { name: 'Get AWS credentials' }).click();
  await page.getByTestId('identity-id').waitFor();
  const panel = page.getByTestId('storage-panel');
  await panel.getByTestId('storage-open').click();
  await panel.getByTestId('storage-folder').waitFor();

  const browserUpload = async (/** @type {number} */ n) => {
    const name = `bench-${n}.bin`;
    await panel.getByLabel('File to upload').setInputFiles({
      name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(SIZE, n % 251)
    });
    const button = panel.getByRole('button', { name: 'Upload to your folder' });
    await button.waitFor();
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="storage-panel"] button.primary')?.hasAttribute('disabled')
    );
    // In the page: the click's timestamp, and the frame after the allowed attempt for this file appears.
    const done = page.evaluate(
      (label) =>
        new Promise((resolve) => {
          const target = document.querySelector('[data-testid="storage-panel"] button.primary');
          let clicked = 0;
          target?.addEventListener('click', (event) => (clicked = event.timeStamp), { once: true });
          const check = () => {
            const attempt = [...document.querySelectorAll('[data-testid="storage-attempt"]')].find((node) =>
              node.textContent?.includes(label)
            );
            if (attempt?.getAttribute('data-outcome') === 'allowed') {
              observer.disconnect();
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - clicked)));
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        }),
      `Upload ${name} to your folder`
    );
    await button.click();
    const elapsed = Number(await done);
    // Let the list that follows an upload finish before the next click.
    await panel.getByTestId('storage-listing').getByText(name).waitFor();
    return elapsed;
  };

  await nodeUpload(0);
  await browserUpload(0);
  /** @type {number[]} */
  const browserTimes = [];
  /** @type {number[]} */
  const nodeTimes = [];
  for (let run = 1; run <= RUNS; run++) {
    browserTimes.push(await browserUpload(run));
    nodeTimes.push(await nodeUpload(run));
  }
  s3.destroy();
  const format = (/** @type {ReturnType<typeof stats>} */ s) =>
    `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)})`;
  console.log(`1 MiB PutObject to the sandbox, ${RUNS} runs each (after one warm-up):`);
  console.log(`  browser, click to "allowed" on screen: ${format(stats(browserTimes))}`);
  console.log(`  Node, S3Client.send(PutObject):        ${format(stats(nodeTimes))}`);
  console.log(
    `load average after: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`
  );
}

main()
  .catch((error) => {
    console.error(`s3-upload: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
