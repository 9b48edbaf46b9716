import themeInit from './theme-init.js?raw';

/**
 * Every page is prerendered through here. The theme script goes inline into <head> so the first paint needs no
 * script request; svelte.config.js allows exactly this text by its SHA-256 hash.
 */
export async function handle({ event, resolve }) {
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lens.theme%', themeInit.trim())
  });
}
