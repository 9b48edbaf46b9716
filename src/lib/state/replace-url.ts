import { replaceState } from '$app/navigation';
import { page } from '$app/state';

/** Reads one query parameter of the current address. */
export function readParam(name: string): string | null {
  return new URL(window.location.href).searchParams.get(name);
}

/**
 * Sets (or with `null`, removes) query parameters of the current address without a navigation, e.g. when a
 * step or slide changes. SvelteKit's shallow routing is used when its router is ready; during hydration it is
 * not yet, and the History API does the same job.
 */
export function replaceParams(updates: Record<string, string | null>): void {
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(updates)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  if (url.href === window.location.href) return;
  try {
    // The current page's own address with a new query string: already resolved against the base path.
    // eslint-disable-next-line svelte/no-navigation-without-resolve
    replaceState(url, page.state);
  } catch {
    history.replaceState(history.state, '', url);
  }
}

/**
 * Replaces the current address with `path` (already resolved against the base path), without a navigation
 * and dropping the query string, e.g. when a step with its own prerendered page becomes current.
 */
export function replacePath(path: string): void {
  const url = new URL(path, window.location.href);
  url.hash = window.location.hash;
  if (url.href === window.location.href) return;
  try {
    // eslint-disable-next-line svelte/no-navigation-without-resolve
    replaceState(url, page.state);
  } catch {
    history.replaceState(history.state, '', url);
  }
}
