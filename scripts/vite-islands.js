// @ts-check
// Islands: the reading pages (home, guide, /compare) are prerendered with `csr = false`, so SvelteKit ships
// them no JavaScript at all: no router, no hydration of text that never changes. The few interactive parts
// (the theme switch, diagram players, /compare's stepper) are "islands": src/lib/islands/entry.ts mounts
// them into the prerendered page. This plugin adds that entry to SvelteKit's client build, so it shares
// Svelte's runtime chunk with the rest of the site, and writes where it landed to ISLANDS_MANIFEST for
// src/hooks.server.ts, which adds the one <script type="module"> to pages that have islands.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ISLANDS_ENTRY = 'src/lib/islands/entry.ts';
export const ISLANDS_MANIFEST = '.svelte-kit/lens-islands.json';

/** @returns {import('vite').Plugin} */
export function islands() {
  /** @type {string | undefined} */
  let ref;
  let root = process.cwd();
  let ssr = false;
  return {
    name: 'lens-islands',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      ssr = Boolean(config.build.ssr);
    },
    buildStart() {
      if (ssr) return;
      ref = this.emitFile({ type: 'chunk', id: path.resolve(root, ISLANDS_ENTRY), name: 'islands' });
    },
    generateBundle(_options, bundle) {
      if (ssr || !ref) return;
      const file = this.getFileName(ref);
      const chunk = bundle[file];
      const imports = chunk && chunk.type === 'chunk' ? chunk.imports : [];
      const out = path.resolve(root, ISLANDS_MANIFEST);
      mkdirSync(path.dirname(out), { recursive: true });
      // `imports` are preloaded with the entry, so the runtime chunk does not wait for the entry to parse.
      writeFileSync(out, JSON.stringify({ file, imports }, null, 2));
    }
  };
}
