import { describe, expect, it } from 'vitest';
import { ContentError, parseFrontmatter } from '../../../src/lib/content';

describe('parseFrontmatter', () => {
  it('splits title, summary and body', () => {
    const { data, body } = parseFrontmatter(
      '---\ntitle: Two products\nsummary: Why: it is two.\n---\n\nBody',
      'a.md'
    );
    expect(data).toEqual({ title: 'Two products', summary: 'Why: it is two.' });
    expect(body.trim()).toBe('Body');
  });

  it('accepts CRLF line endings and a BOM', () => {
    const { data } = parseFrontmatter('\uFEFF---\r\ntitle: T\r\nsummary: S\r\n---\r\nx', 'a.md');
    expect(data.title).toBe('T');
  });

  it.each([
    ['no opening fence', 'title: T\n---\n', 'must start'],
    ['no closing fence', '---\ntitle: T\nsummary: S\n', 'not closed'],
    ['a line that is not key: value', '---\ntitle: T\n- list\nsummary: S\n---\n', 'line 3'],
    ['a missing summary', '---\ntitle: T\n---\n', '"summary"'],
    ['an empty title', '---\ntitle:\nsummary: S\n---\n', '"title"']
  ])('rejects %s, naming the file', (_, text, fragment) => {
    expect(() => parseFrontmatter(text, 'content/guide/01-x.md')).toThrowError(ContentError);
    expect(() => parseFrontmatter(text, 'content/guide/01-x.md')).toThrowError(fragment);
    expect(() => parseFrontmatter(text, 'content/guide/01-x.md')).toThrowError('content/guide/01-x.md');
  });
});
