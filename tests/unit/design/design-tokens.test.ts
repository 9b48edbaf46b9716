import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 11's design system, held by reading the source: every custom property a style uses is defined (an
// undefined `var(--danger, #b3261e)` silently kept the light red in the dark theme), and type sizes come from
// the type scale in src/lib/styles/tokens.css, except where a file has a stated reason below.

const SRC = 'src';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.(svelte|css)$/.test(entry.name) ? [full] : [];
  });
}

const files = filesUnder(SRC).map((file) => ({
  file: file.split(path.sep).join('/'),
  text: readFileSync(file, 'utf8')
}));

/** The CSS of a file: a stylesheet whole, a component's <style> blocks. */
const cssOf = ({ file, text }: { file: string; text: string }) =>
  file.endsWith('.css')
    ? text
    : [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1]).join('\n');

/** Comments out, so a rule quoted in a comment is neither a use nor a declaration. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '');

/**
 * Custom properties set from markup or script rather than declared in CSS, each with where it is set: the
 * test checks it is still set there, so this list cannot outlive its reason.
 */
const SET_OUTSIDE_CSS: Record<string, { file: string; setBy: string; reason: string }> = {
  '--natural-width': {
    file: 'src/lib/components/diagram/DiagramFigure.svelte',
    setBy: 'style:--natural-width=',
    reason: "the diagram's own width, read from its SVG viewBox at run time"
  },
  '--aspect': {
    file: 'src/lib/components/diagram/DiagramFigure.svelte',
    setBy: 'style:--aspect=',
    reason: "the diagram's aspect ratio, read from its SVG viewBox at run time"
  }
};

/**
 * font-size values that are not type-scale steps, allowed per file with the reason. Everything else must be
 * `var(--step-N)` (or `inherit`).
 */
const FONT_SIZE_EXCEPTIONS: { file: string; allowed: RegExp; reason: string }[] = [
  {
    file: 'src/lib/styles/global.css',
    allowed: /^clamp\(100%, [^)]*\)$/,
    reason: 'the root size every rem (and so every step) is measured in'
  },
  {
    file: 'src/lib/styles/global.css',
    allowed: /^0\.9em$/,
    reason: 'code is sized relative to the text or heading it sits in'
  },
  {
    file: 'src/lib/styles/diagram.css',
    allowed: /^\d+px$/,
    reason: "SVG user units: chip text scales with the diagram, like the renderer's 16-unit labels"
  },
  {
    file: 'src/routes/present/+page.svelte',
    allowed: /^(var\(--slide-text(-diagram)?\)|\d*\.?\d+em)$/,
    reason: "the slide's own scale: em of --slide-text, which follows the projector's width"
  }
];

describe('custom properties', () => {
  const declared = new Set<string>();
  for (const file of files) {
    for (const match of withoutComments(cssOf(file)).matchAll(/(?:^|[\s;{(])(--[\w-]+)\s*:/g))
      declared.add(match[1]!);
  }

  it('every var(--name) in src/ is declared in CSS or set where the allow-list says', () => {
    const undefinedUses: string[] = [];
    for (const { file, text } of files) {
      for (const match of withoutComments(text).matchAll(/var\(\s*(--[\w-]+)/g)) {
        const name = match[1]!;
        if (!declared.has(name) && !(name in SET_OUTSIDE_CSS)) undefinedUses.push(`${file}: ${name}`);
      }
    }
    expect([...new Set(undefinedUses)]).toEqual([]);
  });

  it.each(Object.entries(SET_OUTSIDE_CSS))('%s is still set outside CSS (%o)', (name, { file, setBy }) => {
    expect(readFileSync(file, 'utf8')).toContain(setBy);
    expect(declared.has(name), `${name} is declared in CSS now: drop it from the allow-list`).toBe(false);
  });

  it('the two dark blocks (system preference, explicit choice) set the same tokens', () => {
    const tokens = readFileSync('src/lib/styles/tokens.css', 'utf8');
    const block = (selector: string) => {
      const start = tokens.indexOf(selector);
      const body = tokens.slice(tokens.indexOf('{', start) + 1, tokens.indexOf('}', start));
      return new Set([...body.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]!));
    };
    const dark = block(":root[data-theme='dark']");
    const systemDark = block(":root:not([data-theme='light'])");
    expect(dark.size).toBeGreaterThan(10);
    expect([...dark].sort()).toEqual([...systemDark].sort());
  });
});

describe('type sizes', () => {
  const isStep = (value: string) => /^var\(--step--?\d\)$/.test(value) || value === 'inherit';

  it('every font-size is a step of the type scale, or a listed exception', () => {
    const offScale: string[] = [];
    for (const file of files) {
      for (const match of withoutComments(cssOf(file)).matchAll(
        /(?:^|[\s;{])font-size\s*:\s*([^;{}]+?)\s*(?:!important\s*)?[;}]/g
      )) {
        const value = match[1]!.trim();
        if (isStep(value)) continue;
        if (FONT_SIZE_EXCEPTIONS.some((e) => e.file === file.file && e.allowed.test(value))) continue;
        offScale.push(`${file.file}: font-size: ${value}`);
      }
    }
    expect(offScale).toEqual([]);
  });

  it('each listed exception is still used (the list does not outlive its reason)', () => {
    for (const exception of FONT_SIZE_EXCEPTIONS) {
      const css = withoutComments(cssOf(files.find((f) => f.file === exception.file)!));
      const values = [...css.matchAll(/font-size\s*:\s*([^;{}]+?)\s*[;}]/g)].map((m) => m[1]!.trim());
      expect(
        values.some((v) => exception.allowed.test(v)),
        `${exception.file}: ${exception.reason}`
      ).toBe(true);
    }
  });
});
