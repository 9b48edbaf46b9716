/**
 * SvelteKit writes links relative to the prerendered page (`paths.relative`), which stays right only while
 * the address does. An island that changes the address (a stepper mirroring /compare/3) turns its links
 * into absolute paths when it mounts, while the address is still the page's own. On the server it keeps
 * them as they are.
 */
export function absoluteHref(href: string): string {
  if (typeof location === 'undefined') return href;
  const url = new URL(href, location.href);
  return url.pathname + url.search + url.hash;
}
