import { replaceState } from '$app/navigation';
import { page } from '$app/state';
import { readParam, replaceAddress, withParams } from './history-url';

export { readParam };

/**
 * Sets (or with `null`, removes) query parameters of the current address without a navigation, e.g. when a
 * step or slide changes, on a page SvelteKit hydrated. SvelteKit's shallow routing is used when its router is
 * ready; during hydration it is not yet, and the History API does the same job.
 */
export function replaceParams(updates: Record<string, string | null>): void {
  const url = withParams(updates);
  if (url.href === window.location.href) return;
  try {
    // The current page's own address with a new query string: already resolved against the base path.
    // eslint-disable-next-line svelte/no-navigation-without-resolve
    replaceState(url, page.state);
  } catch {
    replaceAddress(url);
  }
}
