import { onMount } from 'svelte';
import { parseStepParam } from '$lib/diagrams/step';
import { readParam, replaceParams } from './replace-url';
import type { Stepper } from './stepper.svelte';

/**
 * Mirrors a stepper to a URL query parameter (`?step=3`), so every step can be linked to. Prerendered pages
 * have no query string at build time, so the URL is read once the page runs in the browser.
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
    if (ready) replaceParams({ [param]: step === 0 ? null : String(step) });
  });
}
