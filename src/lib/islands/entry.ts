// The one script of the reading pages (scripts/vite-islands.js adds it to the build, src/hooks.server.ts to
// the pages that have islands). It mounts each island over its server-rendered markup with the props the
// server rendered it with, then marks the page interactive (tests and curious people read html[data-hydrated]).
// Nothing here may import $app/*: that would pull in SvelteKit's router, which these pages do without.
import { mount, type Component } from 'svelte';
import ThemeToggle from '$lib/components/ThemeToggle.svelte';
import DiagramPlayer from '$lib/components/diagram/DiagramPlayer.svelte';
import CompareView from '$lib/components/diagram/CompareView.svelte';
import SignInCallback from '$lib/components/SignInCallback.svelte';
import { parseIslandProps, type IslandName } from './props';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each island checks its own props' types
const ISLANDS: Record<IslandName, Component<any>> = {
  theme: ThemeToggle,
  diagram: DiagramPlayer,
  compare: CompareView,
  callback: SignInCallback
};

for (const target of document.querySelectorAll<HTMLElement>('[data-island]')) {
  const component = ISLANDS[target.dataset.island as IslandName];
  if (!component) continue;
  const data = target.nextElementSibling;
  const props = parseIslandProps(data?.matches('script[data-island-props]') ? data.textContent : null);
  // Same component, same props: the client render replaces the server's markup with identical markup in
  // one task, so nothing flickers; what keyboard focus was inside moves to the same control.
  const focused = target.contains(document.activeElement) ? focusPath(target, document.activeElement) : null;
  target.replaceChildren();
  mount(component, { target, props });
  if (focused) restoreFocus(target, focused);
}
document.documentElement.dataset.hydrated = 'true';

/** Child indexes from `root` down to `element`. */
function focusPath(root: Element, element: Element | null): number[] {
  const path: number[] = [];
  for (let node = element; node && node !== root; node = node.parentElement) {
    const parent: Element | null = node.parentElement;
    if (!parent) return [];
    path.unshift([...parent.children].indexOf(node));
  }
  return path;
}

function restoreFocus(root: Element, path: number[]): void {
  let node: Element | undefined = root;
  for (const index of path) node = node?.children[index];
  if (node instanceof HTMLElement) node.focus();
}
