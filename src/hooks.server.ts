import { building } from '$app/environment';
import { deferHydration } from '$lib/server/defer-hydration';
import themeInit from './theme-init.js?raw';

/**
 * Every page is prerendered through here.
 * - The theme script goes inline into <head> so the first paint needs no script request; svelte.config.js
 *   allows exactly this text by its SHA-256 hash.
 * - At build time, hydration waits until the page is on screen (see deferHydration). `vite dev` renders pages
 *   on request with the CSP in a header this hook cannot rewrite, so it keeps SvelteKit's own bootstrap.
 */
export async function handle({ event, resolve }) {
  return resolve(event, {
    transformPageChunk: ({ html }) => {
      const page = html.replace('%lens.theme%', `<script>${themeInit.trim()}</script>`);
      return building ? deferHydration(page) : page;
    }
  });
}
