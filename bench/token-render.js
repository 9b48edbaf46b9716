#!/usr/bin/env node
// Benchmark (run by hand, not a test): how long the token inspector takes from a token pasted into its text area
// to the decoded view on screen, in Chromium, against the production build. The target is one frame: 16 ms.
//
//   npx vite build
//   node bench/token-render.js              # starts `vite preview` on port 4191 itself, and stops it
//   node bench/token-render.js --url http://127.0.0.1:4191   # or measure a preview you started
//
// Not port 4190: browsers (and Node's fetch) refuse to connect to it, it is on the Fetch standard's list of
// "bad ports" (ManageSieve).
//
// Each run pastes a different, typical Cognito id token (signed with the test keys in tests/fixtures/tokens/, a
// new jti each time) as a real paste does (an `input` event with inputType "insertFromPaste"), and stops the clock
// when the payload table shows that token's jti and the browser has laid the page out. The JWKS request is
// answered from the test key set and is not part of the measure (verification finishes between runs).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { CompactSign, importJWK } from 'jose';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from '../scripts/chromium.js';

const RUNS = 30;
const WARMUP = 5;
const PORT = 4191;
const TARGET_MS = 16;

const urlArgument = process.argv.indexOf('--url');
const givenUrl = urlArgument === -1 ? undefined : process.argv[urlArgument + 1];

const keys = JSON.parse(readFileSync(new URL('../tests/fixtures/tokens/keys.json', import.meta.url), 'utf8'));
const jwks = JSON.parse(readFileSync(new URL('../tests/fixtures/tokens/jwks.json', import.meta.url), 'utf8'));
const USER_POOL_ID = 'eu-west-1_AbC123xyz';
const ISSUER = `https://cognito-idp.eu-west-1.amazonaws.com/${USER_POOL_ID}`;

/** A typical Cognito id token (the claims a user pool issues for a user with groups and a custom attribute). */
async function idToken(run) {
  const { alg: _alg, use: _use, kid: _kid, ...material } = keys.id;
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    'cognito:groups': ['editors', 'readers'],
    email_verified: true,
    iss: ISSUER,
    'cognito:username': 'alice',
    origin_jti: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
    'cognito:roles': ['arn:aws:iam::123456789012:role/LensEditors'],
    'cognito:preferred_role': 'arn:aws:iam::123456789012:role/LensEditors',
    aud: '3n4b5urk1ft4fl3mg5e62d9ado',
    event_id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    token_use: 'id',
    auth_time: now - 600,
    exp: now + 3000,
    iat: now - 600,
    jti: `bench-run-${String(run).padStart(4, '0')}-${Math.random().toString(36).slice(2, 10)}`,
    email: 'alice@example.com',
    name: 'Alice Example',
    'custom:tenant': 'acme'
  };
  const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ kid: keys.id.kid, alg: 'RS256' })
    .sign(await importJWK(material, 'RS256'));
  return { token, jti: claims.jti };
}

async function waitForServer(url, deadline) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

function percentile(sorted, p) {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0],
    max: sorted[sorted.length - 1]
  };
}

const format = (ms) => `${ms.toFixed(1)} ms`;

async function main() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);

  let preview;
  let base = givenUrl;
  if (base === undefined) {
    if (!existsSync('.svelte-kit/output/server') || !existsSync('build/tokens.html')) {
      throw new Error('No production build: run `npx vite build` first.');
    }
    // Started directly (not through npx) so that its PID is the server's, and stopped by that PID.
    preview = spawn(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort'],
      { stdio: 'ignore' }
    );
    base = `http://127.0.0.1:${PORT}`;
    await waitForServer(`${base}/tokens`, Date.now() + 20_000);
  }

  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // The token's issuer is a made-up pool: answer its JWKS request with the test key set, as Cognito would.
    await page.route(`${ISSUER}/.well-known/jwks.json`, (route) =>
      route.fulfill({ json: jwks, headers: { 'access-control-allow-origin': '*' } })
    );
    await page.goto(`${base}/tokens`);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

    const domTimes = [];
    const renderTimes = [];
    for (let run = 0; run < WARMUP + RUNS; run += 1) {
      const { token, jti } = await idToken(run);
      const timing = await page.evaluate(
        ({ token, jti }) =>
          new Promise((resolve, reject) => {
            const area = document.getElementById('token-input');
            if (!(area instanceof HTMLTextAreaElement)) return reject(new Error('no #token-input'));
            const shown = () =>
              document.querySelector('table[data-location="payload"] tr[data-claim="jti"] td.value code')
                ?.textContent === jti;
            let start = 0;
            const observer = new MutationObserver(() => {
              if (!shown()) return;
              const dom = performance.now() - start;
              // Force style and layout now, so the figure includes what the browser must do before painting.
              document.body.getBoundingClientRect();
              const rendered = performance.now() - start;
              observer.disconnect();
              resolve({ dom, rendered });
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            start = performance.now();
            area.value = token;
            area.dispatchEvent(
              new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: token })
            );
            setTimeout(() => {
              observer.disconnect();
              reject(new Error('the decoded view did not show the token within 5 s'));
            }, 5000);
          }),
        { token, jti }
      );
      // Let verification finish, so that the next run measures rendering only.
      await page.locator('[data-testid="verify"][data-state="done"]').waitFor();
      await page.waitForTimeout(50);
      if (run >= WARMUP) {
        domTimes.push(timing.dom);
        renderTimes.push(timing.rendered);
      }
    }

    const verdict = await page.getByTestId('verdict').textContent();
    const rendered = summary(renderTimes);
    const dom = summary(domTimes);
    console.log(`Chromium ${browser.version()}, ${RUNS} runs after ${WARMUP} warm-up runs, ${base}/tokens`);
    console.log(`last verdict: ${verdict?.trim().replace(/\s+/g, ' ')}`);
    console.log(
      `paste -> decoded view in the DOM:        median ${format(dom.median)}, p95 ${format(dom.p95)} ` +
        `(min ${format(dom.min)}, max ${format(dom.max)})`
    );
    console.log(
      `paste -> decoded view laid out:          median ${format(rendered.median)}, p95 ${format(rendered.p95)} ` +
        `(min ${format(rendered.min)}, max ${format(rendered.max)})`
    );
    console.log(
      rendered.p95 < TARGET_MS
        ? `OK: p95 under one frame (${TARGET_MS} ms)`
        : `OVER BUDGET: p95 is not under one frame (${TARGET_MS} ms)`
    );
  } finally {
    await browser.close();
    preview?.kill();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
