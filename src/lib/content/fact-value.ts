/**
 * Fact id -> value, from content/facts.json, put here at compile time (scripts/fact-values.js). Where nothing
 * compiles the module (Playwright's loader for the e2e specs that share the explainer), a global of that name set
 * by playwright.config.ts stands in.
 */
declare const __LENS_FACT_VALUES__: Record<string, string>;
let values: Record<string, string> | undefined;

/**
 * The value of one fact of content/facts.json, for code that states it at run time (the error explainer):
 * numbers are written once, in the facts file, with their source. An unknown id throws; a unit test checks
 * every id quoted in the code exists.
 *
 * @example
 * factValue('refresh-token-default-lifetime') // '30 days'
 */
export function factValue(id: string): string {
  // Read on first use (and written once, so the compiled values appear once in the bundle).
  values ??= __LENS_FACT_VALUES__;
  const value = Object.hasOwn(values, id) ? values[id] : undefined;
  if (value === undefined) throw new Error(`content/facts.json has no fact "${id}"`);
  return value;
}
