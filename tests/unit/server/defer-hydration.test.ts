import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { deferHydration, FALLBACK_MS, scriptHash } from '../../../src/lib/server/defer-hydration';

// The shape SvelteKit 2 prerenders (abridged from build/compare.html): preload links in the head, the bootstrap
// at the end of the body, and a CSP meta tag listing the bootstrap's hash. The page data holds a string that
// looks like an import, which must stay as it is.
const BOOTSTRAP = `
				{
					__sveltekit_x = { base: new URL(".", location).pathname.slice(0, -1) };

					const element = document.currentScript.parentElement;

					Promise.all([
						import("./_app/immutable/entry/start.A.js"),
						import("./_app/immutable/entry/app.B.js")
					]).then(([kit, app]) => {
						kit.start(app, element, {
							node_ids: [0, 2],
							data: [null,{type:"data",data:{code:"await import(\\"./x.js\\")"}}]
						});
					});
				}
			`;

function page(bootstrap = BOOTSTRAP, hash = scriptHash(bootstrap)): string {
  return `<!doctype html><html><head>
<script>theme()</script>
<meta http-equiv="content-security-policy" content="script-src 'self' '${scriptHash('theme()')}' '${hash}'">
		<link href="./_app/immutable/entry/start.A.js" rel="modulepreload">
		<link href="./_app/immutable/chunks/C.js" rel="modulepreload">
</head><body><div style="display: contents"><main><svg class="sequence-diagram"></svg></main>
			<script>${bootstrap}</script>
		</div></body></html>`;
}

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
}

type PaintList = { getEntriesByName: (name: string) => unknown[] };

/**
 * Runs the rewritten bootstrap against a stand-in browser; `import()` is swapped for a recorder. Frames,
 * timers and paint entries happen only when the test says so.
 */
function runBootstrap(
  script: string,
  { hidden = false, paintTiming = true }: { hidden?: boolean; paintTiming?: boolean } = {}
) {
  const events: string[] = [];
  const frames: (() => void)[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const paintObservers: ((list: PaintList) => void)[] = [];
  const observed: unknown[] = [];
  const head: { rel: string; href: string }[] = [];
  const started: unknown[] = [];
  const element = { id: 'body-wrapper' };
  const context: Record<string, unknown> = {
    URL,
    location: 'http://127.0.0.1/compare',
    Promise,
    setTimeout: (run: () => void, ms: number) => timers.push({ run, ms }),
    requestAnimationFrame: (run: () => void) => frames.push(run),
    document: {
      visibilityState: hidden ? 'hidden' : 'visible',
      currentScript: { parentElement: element },
      addEventListener: () => {},
      createElement: () => ({ rel: '', href: '' }),
      head: {
        append: (link: { rel: string; href: string }) => {
          events.push(`preload ${link.href}`);
          head.push(link);
        }
      }
    },
    __import: async (specifier: string) => {
      events.push(`import ${specifier}`);
      return specifier.includes('start')
        ? { start: (...args: unknown[]) => started.push(args) }
        : { app: true };
    }
  };
  if (paintTiming) {
    context.PerformanceObserver = class {
      constructor(callback: (list: PaintList) => void) {
        paintObservers.push(callback);
      }
      observe(options: unknown) {
        observed.push(options);
      }
    };
  }
  runInNewContext(script.replace(/\bimport\(/g, '__import('), context);
  const paint = (name: string) =>
    paintObservers.forEach((observer) =>
      observer({ getEntriesByName: (wanted) => (wanted === name ? [{ name }] : []) })
    );
  return { events, frames, timers, paint, observed, head, started, element };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('deferHydration', () => {
  it('moves the module preloads out of the head and allows the rewritten bootstrap by its new hash', () => {
    const html = deferHydration(page());
    expect(html).not.toContain('rel="modulepreload">');
    const [theme, bootstrap = ''] = inlineScripts(html);
    expect(theme).toBe('theme()');
    expect(bootstrap).not.toBe(BOOTSTRAP);
    expect(html).toContain(`'${scriptHash(bootstrap)}'`);
    expect(html).not.toContain(`'${scriptHash(BOOTSTRAP)}'`);
    expect(html).toContain(`'${scriptHash('theme()')}'`);
    // The content before the bootstrap is untouched.
    expect(html).toContain('<main><svg class="sequence-diagram"></svg></main>');
  });

  it('imports nothing until the page is on screen, then preloads the graph and starts the app', async () => {
    const [, bootstrap = ''] = inlineScripts(deferHydration(page()));
    const run = runBootstrap(bootstrap);
    expect(run.observed).toEqual([{ type: 'paint', buffered: true }]);
    run.frames.forEach((frame) => frame());
    run.paint('first-paint');
    await settle();
    expect(run.events).toEqual([]);

    run.paint('first-contentful-paint');
    await settle();
    expect(run.events).toEqual([
      'preload ./_app/immutable/entry/start.A.js',
      'preload ./_app/immutable/chunks/C.js',
      'import ./_app/immutable/entry/start.A.js',
      'import ./_app/immutable/entry/app.B.js'
    ]);
    expect(run.head.every((link) => link.rel === 'modulepreload')).toBe(true);
    expect(run.started).toHaveLength(1);
    expect(run.started[0]).toMatchObject([{ app: true }, run.element, { node_ids: [0, 2] }]);
  });

  it('without paint timing, starts a moment after the first frame', async () => {
    const [, bootstrap = ''] = inlineScripts(deferHydration(page()));
    const run = runBootstrap(bootstrap, { paintTiming: false });
    await settle();
    expect(run.timers).toEqual([]);
    run.frames.forEach((frame) => frame());
    expect(run.timers.map((timer) => timer.ms)).toEqual([FALLBACK_MS]);
    await settle();
    expect(run.events).toEqual([]);
    run.timers[0]!.run();
    await settle();
    expect(run.started).toHaveLength(1);
  });

  it('does not wait in a hidden tab, which paints nothing', async () => {
    const [, bootstrap = ''] = inlineScripts(deferHydration(page()));
    const run = runBootstrap(bootstrap, { hidden: true });
    await settle();
    expect(run.frames).toHaveLength(0);
    expect(run.started).toHaveLength(1);
  });

  it('leaves strings in the page data alone', () => {
    const [, bootstrap = ''] = inlineScripts(deferHydration(page()));
    expect(bootstrap).toContain('code:"await import(\\"./x.js\\")"');
    expect(bootstrap.match(/painted\.then\(\(\) => import\(/g)).toHaveLength(2);
  });

  it('leaves a page SvelteKit does not hydrate (csr = false) as it is', () => {
    const html = '<html><head></head><body><p>text</p></body></html>';
    expect(deferHydration(html)).toBe(html);
  });

  it('fails loudly when the page is not shaped as SvelteKit 2 prerenders it', () => {
    expect(() => deferHydration('<html><body><script>__sveltekit_x = {};</script></body></html>')).toThrow(
      /no SvelteKit bootstrap/
    );
    expect(() => deferHydration(page().replace(/<link[^>]+>/g, ''))).toThrow(/no <link rel="modulepreload">/);
    expect(() => deferHydration(page(BOOTSTRAP, 'sha256-stale'))).toThrow(
      /does not list the bootstrap's hash/
    );
  });
});
