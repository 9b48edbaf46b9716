/**
 * Runs before SvelteKit hydrates a page. Every page is prerendered, so its content is already in the HTML:
 * waiting for one painted frame lets the browser show that content first, instead of holding the first paint
 * until hydration has run (measured by bench/diagrams.js on /compare).
 */
export async function init(): Promise<void> {
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
