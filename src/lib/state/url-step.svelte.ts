import { onMount } from 'svelte';
import { parseStepParam } from '$lib/diagrams/step';
import { readParam, replaceAddress, withParams, withPath } from './history-url';
import type { Stepper } from './stepper.svelte';

/**
 * Mirrors a stepper to a URL query parameter (`?step=3`), so every step can be linked to. Prerendered pages
 * have no query string at build time, so the URL is read once the page runs in the browser.
 * Used by islands (src/lib/islands), so it speaks to the History API, not to SvelteKit's router.
 * Call during component initialisation.
 */
export function bindStepToUrl(stepper: Stepper, param: string): void {
  let ready = $state(false);

  onMount(() => {
    stepper.go(parseStepParam(readParam(param)));
    ready = true;
  });

  $effect(() => {
    const step = stepper.current;
    if (ready) replaceAddress(withParams({ [param]: step === 0 ? null : String(step) }));
  });
}

/**
 * Mirrors a stepper to the address of its step's own prerendered page (`/compare/3`), so the address is always
 * one the server can answer without JavaScript. An older `?step=3` link still opens step 3.
 * Call during component initialisation.
 */
export function bindStepToPath(stepper: Stepper, pathOf: (step: number) => string): void {
  let ready = $state(false);

  onMount(() => {
    const legacy = readParam('step');
    if (legacy !== null) stepper.go(parseStepParam(legacy));
    ready = true;
  });

  $effect(() => {
    const path = pathOf(stepper.current);
    if (ready) replaceAddress(withPath(path));
  });
}
