/**
 * The address bar without SvelteKit's router: for islands on pages SvelteKit does not hydrate
 * (src/lib/islands), where the History API is the only router there is. replace-url.ts builds on these for
 * the hydrated pages.
 */

/** Reads one query parameter of the current address. */
export function readParam(name: string): string | null {
  return new URL(window.location.href).searchParams.get(name);
}

/** The current address with query parameters set (or with `null`, removed). */
export function withParams(updates: Record<string, string | null>): URL {
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(updates)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  return url;
}

/** `path` (already resolved against the base path) as an address, keeping the current fragment. */
export function withPath(path: string): URL {
  const url = new URL(path, window.location.href);
  url.hash = window.location.hash;
  return url;
}

/** Replaces the current address (no navigation, no history entry) unless it is already `url`. */
export function replaceAddress(url: URL): void {
  if (url.href !== window.location.href) history.replaceState(history.state, '', url);
}
