import { building } from '$app/environment';
import { deferHydration } from '$lib/server/defer-hydration';
import { addIslandsScript, builtIslandsFile } from '$lib/server/islands';
import themeInit from './theme-init.js?raw';

/**
 * Every page is prerendered through here.
 * - The theme script goes inline into <head> so the first paint needs no script request; svelte.config.js
 *   allows exactly this text by its SHA-256 hash.
 * - Pages without SvelteKit's client (`csr = false`) that have islands get the islands script.
 * - At build time, hydration waits until the page is on screen (see deferHydration). `vite dev` renders pages
 *   on request with the CSP in a header this hook cannot rewrite, so it keeps SvelteKit's own bootstrap.
 */
export async function handle({ event, resolve }) {
  return resolve(event, {
    transformPageChunk: ({ html }) => {
      const page = addIslandsScript(
        html.replace('%lens.theme%', `<script>${themeInit.trim()}</script>`),
        // Built: the entry chunk with its hashed name; `vite dev` serves the source module itself.
        (assets) => (building ? `${assets}/${builtIslandsFile()}` : '/src/lib/islands/entry.ts'),
        { deferred: building }
      );
      return building ? deferHydration(page) : page;
    }
  });
}
