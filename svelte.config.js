import adapter from '@sveltejs/adapter-static';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CONNECT_SRC, FORM_ACTION } from './src/lib/csp.js';

/**
 * Sub-folder hosting (GitHub Pages, an S3 prefix): set BASE_PATH=/my-folder at build time.
 * It must start with a slash and must not end with one.
 */
const base = process.env.BASE_PATH ?? '';

/** Where the static site is written: build/ by default; the browser tests build into their own folder. */
const out = process.env.BUILD_DIR ?? 'build';

// The inline theme script (src/hooks.server.ts puts it in every page) is allowed by its hash, not by
// 'unsafe-inline'.
const themeInit = readFileSync(new URL('./src/theme-init.js', import.meta.url), 'utf8').trim();
const themeHash = `sha256-${createHash('sha256').update(themeInit).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: out, assets: out, strict: true }),
    paths: { base, relative: true },
    // Page CSS goes inline: the first paint then waits for no stylesheet request (bench/diagrams.js).
    inlineStyleThreshold: 150_000,
    prerender: {
      handleHttpError: 'fail',
      handleMissingId: 'fail',
      handleUnseenRoutes: 'fail',
      entries: ['*', '/404']
    },
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', themeHash],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        // The playground talks to Cognito/AWS endpoints the user configures, or to the local sandbox
        // (src/lib/csp.js is the one list; the pages check it before they connect).
        'connect-src': [...CONNECT_SRC],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': [...FORM_ACTION]
      }
    }
  }
};

export default config;
