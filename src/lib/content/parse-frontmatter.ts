import { ContentError } from './content-error';

export interface Frontmatter {
  title: string;
  summary: string;
}

const FENCE = '---';
const REQUIRED = ['title', 'summary'] as const;

/**
 * Splits a chapter into its frontmatter and markdown body. The frontmatter is deliberately tiny:
 * `key: value` lines between two `---` fences, with `title` and `summary` required.
 *
 * @example
 * parseFrontmatter('---\ntitle: Hi\nsummary: S\n---\nBody', 'x.md') // { data: {title:'Hi', summary:'S'}, body: 'Body' }
 */
export function parseFrontmatter(text: string, file: string): { data: Frontmatter; body: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== FENCE) {
    throw new ContentError('ERR_CONTENT_FRONTMATTER', file, 'must start with a "---" frontmatter fence');
  }
  const end = lines.indexOf(FENCE, 1);
  if (end === -1) {
    throw new ContentError('ERR_CONTENT_FRONTMATTER', file, 'frontmatter is not closed by a "---" line');
  }
  const data: Record<string, string> = {};
  for (const [i, line] of lines.slice(1, end).entries()) {
    if (line.trim() === '') continue;
    const match = /^([a-z][a-z0-9_-]*):\s*(.*)$/i.exec(line);
    if (!match) {
      throw new ContentError('ERR_CONTENT_FRONTMATTER', file, `line ${i + 2} is not "key: value": ${line}`);
    }
    const [, key = '', value = ''] = match;
    data[key] = value.trim();
  }
  for (const key of REQUIRED) {
    if (!data[key]) {
      throw new ContentError('ERR_CONTENT_FRONTMATTER', file, `frontmatter needs a non-empty "${key}"`);
    }
  }
  return {
    data: { title: data.title ?? '', summary: data.summary ?? '' },
    body: lines.slice(end + 1).join('\n')
  };
}
