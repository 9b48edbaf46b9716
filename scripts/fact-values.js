// @ts-check
// The values of content/facts.json, by id, compiled into the site where code quotes them
// (src/lib/content/fact-value.ts): the error explainer states lifetimes from the facts file as the guide and the deck
// do, without shipping the statements and sources to the browser. One `define` for every place the site's modules
// are compiled: vite.config.ts, vitest.config.ts and scripts/site-modules.js.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FACTS = fileURLToPath(new URL('../content/facts.json', import.meta.url));

/** @returns {Record<string, string>} `{ __LENS_FACT_VALUES__: '{"id":"value",...}' }` for Vite's `define` */
export function factValuesDefine() {
  const { facts } = /** @type {{facts: {id: string, value: string}[]}} */ (
    JSON.parse(readFileSync(FACTS, 'utf8'))
  );
  const values = Object.fromEntries(facts.map((fact) => [fact.id, fact.value]));
  return { __LENS_FACT_VALUES__: JSON.stringify(values) };
}
