import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { factValuesDefine } from './scripts/fact-values.js';

// Pure modules only: no browser, no network. Playwright owns tests/e2e.
export default defineConfig({
  test: {
    projects: [
      {
        define: factValuesDefine(),
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/**/*.svelte.test.ts'],
          environment: 'node'
        }
      },
      {
        // State classes (*.svelte.ts) with their runes running: compiled by the Svelte plugin for the client
        // runtime (cached $derived, running $effect), in Node. `npm run test:unit` runs this project too.
        plugins: [svelte()],
        define: factValuesDefine(),
        resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
        test: {
          name: 'state',
          include: ['tests/unit/**/*.svelte.test.ts'],
          environment: './tests/unit/state/client-environment.ts'
        }
      },
      {
        define: factValuesDefine(),
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
        define: factValuesDefine(),
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
