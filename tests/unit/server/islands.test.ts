import { describe, expect, it } from 'vitest';
import { addIslandsScript } from '../../../src/lib/server/islands';
import { scriptHash } from '../../../src/lib/server/defer-hydration';
import { parseIslandProps, serializeIslandProps } from '../../../src/lib/islands/props';

const page = (body: string, head = '') =>
  `<html><head><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'sha256-theme='; style-src 'self'">` +
  `<link rel="icon" href="../favicon.svg" type="image/svg+xml">${head}</head><body>${body}</body></html>`;
const src = (assets: string) => `${assets}/_app/immutable/chunks/islands.js`;

describe('addIslandsScript', () => {
  it('loads the islands after the first paint, by a loader the page policy allows by hash', () => {
    const html = addIslandsScript(page('<div data-island="theme" style="display: contents"></div>'), src);
    const loader = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(loader).toContain('first-contentful-paint');
    expect(loader).toContain('import("../_app/immutable/chunks/islands.js")');
    expect(html).toContain(`script-src 'self' 'sha256-theme=' '${scriptHash(loader)}'; style-src`);
    expect(html).not.toContain('type="module"');
  });

  it('leaves pages without islands, and pages SvelteKit hydrates, as they are', () => {
    const plain = page('<p>text</p>');
    expect(addIslandsScript(plain, src)).toBe(plain);
    const hydrated = page('<div data-island="theme"></div><script>__sveltekit_abc = {}</script>');
    expect(addIslandsScript(hydrated, src)).toBe(hydrated);
  });

  it('under `vite dev` (policy in a header) adds a plain module script', () => {
    const html = addIslandsScript(
      page('<div data-island="diagram"></div>'),
      () => '/src/lib/islands/entry.ts',
      {
        deferred: false
      }
    );
    expect(html).toContain('<script type="module" src="/src/lib/islands/entry.ts"></script>');
  });

  it('fails the build when it cannot place the script safely', () => {
    expect(() =>
      addIslandsScript('<html><head></head><body><div data-island="x"></div></body></html>', src)
    ).toThrow(/favicon/);
    const noPolicy =
      '<head><link rel="icon" href="./favicon.svg"></head><body><div data-island="x"></div></body>';
    expect(() => addIslandsScript(noPolicy, src)).toThrow(/content-security-policy/);
  });
});

describe('island props', () => {
  it('survive the trip through the page, and no value can close the script element', () => {
    const props = { caption: '</script><script>alert(1)</script> <!-- x', step: 3, list: ['a\u2028b'] };
    const text = serializeIslandProps(props);
    expect(text).not.toMatch(/<\/script|<!--/i);
    expect(parseIslandProps(text)).toEqual(props);
  });

  it('a missing or broken props script reads as no props', () => {
    expect(parseIslandProps(null)).toEqual({});
    expect(parseIslandProps('{not json')).toEqual({});
    expect(parseIslandProps('[1,2]')).toEqual({});
  });
});
