import { readFileSync } from 'node:fs';
import { paintedPromise, scriptHash } from './defer-hydration';

/**
 * Adds the islands script (src/lib/islands/entry.ts) to a rendered page that has islands and no SvelteKit
 * client (`csr = false`); a hydrated page mounts its components itself and gets nothing. Like hydration
 * (deferHydration), the script is fetched only once the page is on screen: a small inline loader, allowed
 * by its hash in the page's content-security-policy, imports it after the first contentful paint. `assets`
 * is where the page's assets are, as SvelteKit wrote it for the favicon (relative to the page, so the site
 * works under any base path).
 */
export function addIslandsScript(
  html: string,
  src: (assets: string) => string,
  { deferred = true } = {}
): string {
  if (!html.includes('data-island=') || html.includes('__sveltekit_')) return html;
  const favicon = /<link rel="icon" href="([^"]*)\/favicon\.svg"/.exec(html);
  if (!favicon) throw new Error(`${WHERE}: no favicon link to locate the assets`);
  // `vite dev` sends the policy as a header this cannot extend: a plain module script, allowed by 'self'.
  if (!deferred) {
    return html.replace(
      '</head>',
      `<script type="module" src="${src(favicon[1] ?? '.')}"></script>\n  </head>`
    );
  }
  const loader = `${paintedPromise([])}painted.then(() => import(${JSON.stringify(src(favicon[1] ?? '.'))}));`;
  const csp = /(<meta http-equiv="content-security-policy" content="[^"]*script-src [^;"]*)/.exec(html);
  if (!csp) throw new Error(`${WHERE}: the page has no content-security-policy with a script-src`);
  return html
    .replace(csp[1]!, `${csp[1]} '${scriptHash(loader)}'`)
    .replace('</body>', `<script>${loader}</script>\n  </body>`);
}

const WHERE = 'addIslandsScript (src/lib/server/islands.ts)';

/** The built entry's path (scripts/vite-islands.js writes it after SvelteKit's client build). */
export function builtIslandsFile(manifest = '.svelte-kit/lens-islands.json'): string {
  const { file } = JSON.parse(readFileSync(manifest, 'utf8')) as { file: string };
  return file;
}
