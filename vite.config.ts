import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // amazon-cognito-identity-js bundles buffer@4, which reads `global`; browsers only have globalThis.
  define: { global: 'globalThis' },
  server: { host: '127.0.0.1', fs: { allow: ['content'] } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true }
});
