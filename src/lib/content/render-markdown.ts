import { Marked, type Tokens } from 'marked';
import { slugify } from './slugify';

export interface Heading {
  depth: number;
  text: string;
  id: string;
}

/** A chapter body is prose interleaved with diagrams the site renders itself. */
export type Block = { kind: 'html'; html: string } | { kind: 'diagram'; id: string };

export interface RenderedMarkdown {
  blocks: Block[];
  headings: Heading[];
  /** Every site-internal link (starting with `/`), before the base path is added. */
  internalLinks: string[];
}

const DIAGRAM_LINE = /^\[\[diagram:([a-z0-9-]+)\]\]\s*$/;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Renders a chapter's markdown to HTML blocks. Headings get unique anchor ids (and a visible `#` link);
 * links starting with `/` get the site's base path, so the site works from a sub-folder; raw HTML is
 * shown as text, never injected. A line `[[diagram:<id>]]` becomes a diagram block.
 *
 * @example
 * renderMarkdown('## Hi\n\n[[diagram:cup-federation]]', { base: '' }).blocks.length // 2
 */
export function renderMarkdown(markdown: string, options: { base: string }): RenderedMarkdown {
  const headings: Heading[] = [];
  const internalLinks: string[] = [];
  const used = new Map<string, number>();

  const uniqueId = (text: string) => {
    const slug = slugify(text) || 'section';
    const count = used.get(slug) ?? 0;
    used.set(slug, count + 1);
    return count === 0 ? slug : `${slug}-${count}`;
  };

  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth }: Tokens.Heading) {
        const inner = this.parser.parseInline(tokens);
        const plain = this.parser.parseInline(tokens, this.parser.textRenderer);
        const id = uniqueId(plain);
        headings.push({ depth, text: plain, id });
        return `<h${depth} id="${id}">${inner} <a class="anchor" href="#${id}" aria-label="Link to this section">#</a></h${depth}>\n`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        if (href.startsWith('/')) {
          internalLinks.push(href);
          return `<a href="${escapeHtml(options.base + href)}"${titleAttr}>${inner}</a>`;
        }
        if (href.startsWith('#')) {
          internalLinks.push(href);
          return `<a href="${escapeHtml(href)}"${titleAttr}>${inner}</a>`;
        }
        return `<a href="${escapeHtml(href)}"${titleAttr} rel="noreferrer">${inner}</a>`;
      },
      code({ text, lang }: Tokens.Code) {
        const language = lang ? ` class="language-${escapeHtml(lang.split(/\s/)[0] ?? '')}"` : '';
        // Focusable so keyboard users can scroll long lines.
        return `<pre tabindex="0"><code${language}>${escapeHtml(text)}</code></pre>\n`;
      },
      image({ text }: Tokens.Image) {
        // Images would be third-party requests or unreviewed assets; show the alt text instead.
        return escapeHtml(text);
      },
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      table(token: Tokens.Table) {
        const head = token.header.map((cell) => `<th>${this.parser.parseInline(cell.tokens)}</th>`).join('');
        const rows = token.rows
          .map(
            (row) =>
              `<tr>${row.map((cell) => `<td>${this.parser.parseInline(cell.tokens)}</td>`).join('')}</tr>`
          )
          .join('\n');
        // Wide tables scroll inside their own box instead of widening the page on a phone.
        return `<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>\n`;
      }
    }
  });

  const blocks: Block[] = [];
  let pending: string[] = [];
  let inFence = false;
  const flush = () => {
    const text = pending.join('\n');
    pending = [];
    if (text.trim() !== '') blocks.push({ kind: 'html', html: marked.parse(text, { async: false }) });
  };
  for (const line of markdown.split('\n')) {
    if (/^(```|~~~)/.test(line.trim())) inFence = !inFence;
    const diagram = inFence ? null : DIAGRAM_LINE.exec(line.trim());
    if (diagram?.[1]) {
      flush();
      blocks.push({ kind: 'diagram', id: diagram[1] });
    } else {
      pending.push(line);
    }
  }
  flush();
  return { blocks, headings, internalLinks };
}
