import { defineConfig } from 'vitest/config';

// Pure modules only: no browser, no network. Playwright owns tests/e2e.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node'
        }
      },
      {
        test: {
          name: 'sandbox',
          include: ['tests/sandbox/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/sandbox/global-setup.ts'],
          testTimeout: 20000,
          hookTimeout: 20000,
          fileParallelism: false
        }
      }
    ]
  }
});
