import { base } from '$app/paths';
import factsSource from '../../../content/facts.json';
import { buildGuide, parseFacts, type Guide } from '$lib/content';

// Read at build time: the chapters are bundled as strings and rendered once, during prerendering.
const files = import.meta.glob<string>('/content/guide/*.md', {
  query: '?raw',
  import: 'default',
  eager: true
});

let guide: Guide | undefined;

/** The whole guide, rendered once per build. */
export function getGuide(): Guide {
  guide ??= buildGuide(files, { base, facts: parseFacts(factsSource, 'content/facts.json') });
  return guide;
}
