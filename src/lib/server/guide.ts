import { base } from '$app/paths';
import { buildGuide, type Guide } from '$lib/content';

// Read at build time: the chapters are bundled as strings and rendered once, during prerendering.
const files = import.meta.glob<string>('/content/guide/*.md', {
  query: '?raw',
  import: 'default',
  eager: true
});

let guide: Guide | undefined;

/** The whole guide, rendered once per build. */
export function getGuide(): Guide {
  guide ??= buildGuide(files, { base });
  return guide;
}
