import { createHash } from 'node:crypto';

/**
 * Every page is prerendered, so its content is readable before any script runs. SvelteKit's output still
 * makes the browser work on JavaScript before the first paint: `<link rel="modulepreload">` in the head starts
 * fetching and compiling the app's modules while the HTML is parsed, and the inline bootstrap imports them
 * as soon as the parser reaches it. On a 2-core machine that held /compare's first paint 30-60% behind the same
 * HTML without scripts (bench/diagrams.js).
 *
 * `deferHydration` rewrites a prerendered page so that it is on screen before any of that starts: the preload
 * links leave the head and are added by the bootstrap after the first contentful paint (so the module graph
 * still loads in parallel, not as a waterfall), and the bootstrap's imports wait for the same moment.
 * The page's content-security-policy allows inline scripts by hash, so the bootstrap's hash is replaced by
 * the hash of the rewritten script. A page whose markup is not shaped as expected is an error, so a SvelteKit
 * upgrade that changes it fails the build instead of silently losing the optimisation or breaking the CSP.
 */
export function deferHydration(html: string): string {
  const preloads = [...html.matchAll(PRELOAD_LINK)].map((match) => match[1] ?? '');
  const bootstrap = findBootstrap(html);
  // A page SvelteKit does not hydrate (`csr = false`) has neither: nothing to defer.
  if (!bootstrap && preloads.length === 0 && !html.includes('__sveltekit_')) return html;
  if (!bootstrap) throw new Error(`${WHERE}: no SvelteKit bootstrap script found in the page`);
  if (preloads.length === 0) throw new Error(`${WHERE}: no <link rel="modulepreload"> found in the page`);

  const script = rewriteBootstrap(bootstrap.content, preloads);
  const oldHash = `'${scriptHash(bootstrap.content)}'`;
  const newHash = `'${scriptHash(script)}'`;
  if (!html.includes(oldHash)) {
    throw new Error(`${WHERE}: the page's content-security-policy does not list the bootstrap's hash`);
  }
  return (html.slice(0, bootstrap.start) + script + html.slice(bootstrap.end))
    .replace(PRELOAD_LINK, '')
    .replace(oldHash, newHash);
}

/** The CSP source expression (without quotes) that allows an inline script with exactly this text. */
export function scriptHash(content: string): string {
  return `sha256-${createHash('sha256').update(content).digest('base64')}`;
}

const WHERE = 'deferHydration (src/lib/server/defer-hydration.ts)';
const PRELOAD_LINK = /<link href="([^"]+)" rel="modulepreload">\s*/g;
const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g;

function findBootstrap(html: string): { content: string; start: number; end: number } | undefined {
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const content = match[1] ?? '';
    if (!content.includes('document.currentScript') || !content.includes('Promise.all([')) continue;
    const start = match.index + '<script>'.length;
    return { content, start, end: start + content.length };
  }
  return undefined;
}

/** Makes each `import("…")` of the bootstrap's `Promise.all([…])` wait for the page to be on screen. */
function rewriteBootstrap(content: string, preloads: string[]): string {
  const open = content.indexOf('Promise.all([');
  const close = content.indexOf('])', open);
  if (close < 0) throw new Error(`${WHERE}: the bootstrap's Promise.all([…]) is not closed`);
  const imports = content.slice(open, close);
  const deferred = imports.replace(/import\(("[^"\\]+")\)/g, 'painted.then(() => import($1))');
  if (deferred === imports) throw new Error(`${WHERE}: the bootstrap imports nothing`);
  return content.slice(0, open) + paintedPromise(preloads) + deferred + content.slice(close);
}

/**
 * Resolves once the browser reports its first contentful paint, that is once the page is on screen: the
 * rasterising and compositing after the main thread's paint also need the CPU, and starting the modules any
 * earlier delays what the user sees (bench/diagrams.js, "first contentful paint"). Without paint timing, it
 * waits for one frame and a little more. A hidden tab paints nothing, so it does not wait there. Then it
 * restores the module preloads.
 */
export function paintedPromise(preloads: string[]): string {
  return `const painted = new Promise((resolve) => {
						if (document.visibilityState === 'hidden') return resolve();
						document.addEventListener('visibilitychange', () => resolve(), { once: true });
						requestAnimationFrame(() => setTimeout(resolve, ${FALLBACK_MS}));
						try {
							new PerformanceObserver((list) => {
								if (list.getEntriesByName('first-contentful-paint').length) resolve();
							}).observe({ type: 'paint', buffered: true });
						} catch {
							// No paint timing: the frame above is what there is.
						}
					}).then(() => {
						for (const href of ${JSON.stringify(preloads)}) {
							const link = document.createElement('link');
							link.rel = 'modulepreload';
							link.href = href;
							document.head.append(link);
						}
					});

					`;
}

/** How long after the first frame hydration starts when no first-contentful-paint is reported. */
export const FALLBACK_MS = 300;
