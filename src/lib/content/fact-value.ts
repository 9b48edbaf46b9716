/** Fact id -> value, from content/facts.json, put here at compile time (scripts/fact-values.js). */
declare const __LENS_FACT_VALUES__: Record<string, string>;
// Named once, so the compiled values appear once in the bundle.
const VALUES: Record<string, string> = __LENS_FACT_VALUES__;

/**
 * The value of one fact of content/facts.json, for code that states it at run time (the error explainer):
 * numbers are written once, in the facts file, with their source. An unknown id throws; a unit test checks
 * every id quoted in the code exists.
 *
 * @example
 * factValue('refresh-token-default-lifetime') // '30 days'
 */
export function factValue(id: string): string {
  const value = Object.hasOwn(VALUES, id) ? VALUES[id] : undefined;
  if (value === undefined) throw new Error(`content/facts.json has no fact "${id}"`);
  return value;
}
