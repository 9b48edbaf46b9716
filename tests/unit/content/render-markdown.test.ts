import { describe, expect, it } from 'vitest';
import { renderMarkdown, slugify } from '../../../src/lib/content';

const html = (markdown: string, base = '') =>
  renderMarkdown(markdown, { base })
    .blocks.map((block) => (block.kind === 'html' ? block.html : `[${block.id}]`))
    .join('');

describe('slugify', () => {
  it('makes GitHub-style anchors', () => {
    expect(slugify('What is `aud`?')).toBe('what-is-aud');
    expect(slugify('CUP & CIP: side by side')).toBe('cup-cip-side-by-side');
  });
});

describe('renderMarkdown', () => {
  it('gives headings unique anchor ids and lists them for the table of contents', () => {
    const { headings } = renderMarkdown('## Tokens\n\n### Id token\n\n## Tokens', { base: '' });
    expect(headings).toEqual([
      { depth: 2, text: 'Tokens', id: 'tokens' },
      { depth: 3, text: 'Id token', id: 'id-token' },
      { depth: 2, text: 'Tokens', id: 'tokens-1' }
    ]);
    expect(html('## Tokens')).toContain('<h2 id="tokens">Tokens <a class="anchor" href="#tokens"');
  });

  it('prefixes internal links with the base path and records them', () => {
    const result = renderMarkdown(
      'See [the pools](/guide/pools#x) and [AWS](https://docs.aws.amazon.com/).',
      {
        base: '/lens'
      }
    );
    expect(result.internalLinks).toEqual(['/guide/pools#x']);
    const out = result.blocks[0]?.kind === 'html' ? result.blocks[0].html : '';
    expect(out).toContain('href="/lens/guide/pools#x"');
    expect(out).toContain('href="https://docs.aws.amazon.com/" rel="noreferrer"');
  });

  it('shows raw HTML as text instead of injecting it', () => {
    const out = html('Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;');
  });

  it('turns a diagram line into a diagram block between prose blocks', () => {
    const { blocks } = renderMarkdown('Before\n\n[[diagram:cup-federation]]\n\nAfter', { base: '' });
    expect(blocks.map((block) => block.kind)).toEqual(['html', 'diagram', 'html']);
    expect(blocks[1]).toEqual({ kind: 'diagram', id: 'cup-federation' });
  });

  it('leaves a diagram line inside a code fence alone', () => {
    const { blocks } = renderMarkdown('```\n[[diagram:x]]\n```', { base: '' });
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.kind).toBe('html');
  });

  it('wraps tables so they scroll on narrow screens', () => {
    expect(html('| a | b |\n|---|---|\n| 1 | 2 |')).toContain('<div class="table-scroll"');
  });
});

describe('code blocks', () => {
  it('are escaped and keyboard-scrollable', () => {
    const out = html('```json\n{"a": "<b>"}\n```');
    expect(out).toContain('<pre tabindex="0"><code class="language-json">');
    expect(out).toContain('&lt;b&gt;');
  });
});
