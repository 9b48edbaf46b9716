import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { factValuesDefine } from './scripts/fact-values.js';
import { islands } from './scripts/vite-islands.js';

export default defineConfig({
  plugins: [sveltekit(), islands()],
  // amazon-cognito-identity-js bundles buffer@4, which reads `global`; browsers only have globalThis.
  // The facts file's values, for the code that quotes them (src/lib/content/fact-value.ts).
  define: { global: 'globalThis', ...factValuesDefine() },
  // No table of slow plugin callbacks after each build: nothing a reader of `npm start` can act on.
  build: { rolldownOptions: { checks: { bundlerTimings: false } } },
  server: { host: '127.0.0.1', fs: { allow: ['content'] } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true }
});
