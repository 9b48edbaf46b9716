/**
 * Turns heading text into a URL fragment: lower case, punctuation dropped, spaces to hyphens,
 * the same rule GitHub uses so anchors are predictable for writers.
 *
 * @example
 * slugify('What is `aud`?') // 'what-is-aud'
 */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z]+;|&#\d+;/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}
