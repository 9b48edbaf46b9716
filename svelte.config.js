import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * Sub-folder hosting (GitHub Pages, an S3 prefix): set BASE_PATH=/my-folder at build time.
 * It must start with a slash and must not end with one.
 */
const base = process.env.BASE_PATH ?? '';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ strict: true }),
    paths: { base, relative: true },
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
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        // The playground talks to Cognito/AWS endpoints the user configures, or to the local sandbox.
        'connect-src': [
          'self',
          'https://*.amazonaws.com',
          'https://*.amazoncognito.com',
          'http://127.0.0.1:*',
          'http://localhost:*'
        ],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self', 'https://*.amazoncognito.com', 'http://127.0.0.1:*', 'http://localhost:*']
      }
    }
  }
};

export default config;
