#!/usr/bin/env node
// Finds the Chromium the browser tests drive. Playwright's own browser download cannot work on machines
// without internet, so we use a system Chromium (Debian: `apt-get install -y chromium`).
// CHROMIUM_PATH overrides the search.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium'
];

/** Flags for a root user on a closed network: no sandbox, no background calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions'
];

/** @returns {string | undefined} */
export function findChromium() {
  const override = process.env.CHROMIUM_PATH;
  if (override) return existsSync(override) ? override : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export const HOW_TO_GET_CHROMIUM = [
  'No Chromium found for the browser tests.',
  '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
  '  macOS:          install Google Chrome or Chromium',
  '  Elsewhere:      set CHROMIUM_PATH=/path/to/chrome-or-chromium',
  process.env.CHROMIUM_PATH
    ? `  (CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist)`
    : ''
]
  .filter(Boolean)
  .join('\n');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = findChromium();
  if (!path) {
    console.error(HOW_TO_GET_CHROMIUM);
    process.exit(1);
  }
  if (!process.argv.includes('--require')) console.log(path);
}
