import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from './scripts/chromium.js';
import { factValuesDefine } from './scripts/fact-values.js';

// Specs that import the site's explainer (tokens.spec.ts) run it uncompiled: give it the facts file's values
// as Vite's define does for the site (src/lib/content/fact-value.ts).
Object.assign(globalThis, {
  __LENS_FACT_VALUES__: JSON.parse(factValuesDefine().__LENS_FACT_VALUES__ ?? '{}')
});

const executablePath = findChromium();
if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);

// Test ports differ from `npm start`'s (4173, 9229) so the tests can run while the site is open.
// E2E_SITE_PORT / E2E_SANDBOX_PORT let two checkouts run their suites side by side.
export const SITE_PORT = Number(process.env.E2E_SITE_PORT ?? 4174);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 9449);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 45_000,
  // SRP sign-in is CPU-heavy in the browser (pure-JS big integers): give slow 2-core machines room.
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  // Not test-results/ itself: the unit and sandbox runners leave their reports there.
  outputDir: 'test-results/playwright',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${SITE_PORT}`,
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure'
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      // The local Cognito sandbox, fresh from its seed for every run, in its own data folder.
      command: `node sandbox/cli.js --port ${SANDBOX_PORT} --data sandbox/.data-e2e --reset`,
      url: `http://127.0.0.1:${SANDBOX_PORT}/health`,
      reuseExistingServer: false,
      timeout: 30_000
    },
    {
      // The production build made by `npm run test:e2e` just before, in its own folder (build-e2e/, not the
      // build/ a running `npm start` serves), as a static host would serve it.
      command: `node scripts/serve.js build-e2e --port ${SITE_PORT} --quiet`,
      url: `http://127.0.0.1:${SITE_PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000
    }
  ]
});
