// @ts-check
// The site's TypeScript modules from Node scripts (Node 20 cannot import .ts): Vite's SSR loader with the
// `$lib` alias, opened for one `load` call and closed after it, so nothing of Vite keeps running (or drawing
// random numbers) afterwards. Used by scripts/record-sample-run.js and bench/federation.js.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { factValuesDefine } from './fact-values.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * @template T
 * @param {(load: (file: string) => Promise<Record<string, any>>) => Promise<T>} use
 * @returns {Promise<T>}
 */
export async function withSiteModules(use) {
  const { createServer } = await import('vite');
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    resolve: { alias: { $lib: path.join(ROOT, 'src/lib') } },
    define: factValuesDefine(),
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] }
  });
  try {
    return await use((file) => server.ssrLoadModule(file));
  } finally {
    await server.close();
  }
}
