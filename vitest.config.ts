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
      },
      {
        // Clients nobody here wrote (Amplify, openid-client, aws-jwt-verify, ...) against a sandbox of their own.
        test: {
          name: 'peers',
          include: ['tests/peers/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/sandbox/global-setup.ts'],
          testTimeout: 30000,
          hookTimeout: 30000,
          fileParallelism: false
        }
      }
    ]
  }
});
