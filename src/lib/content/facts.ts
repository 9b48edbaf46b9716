import { ContentError } from './content-error';

/**
 * One checkable claim the site makes about AWS, with the page that says so and the day it was checked.
 * `value` is the wording pages quote (through `{{fact:id}}`); `also` lists other wordings of the same
 * value that pages may use ("1 hour", "60 minutes", "3600 seconds").
 */
export interface Fact {
  id: string;
  statement: string;
  value: string;
  also?: string[];
  source: string;
  checked: string;
}

export interface Facts {
  facts: Fact[];
}

const FACT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CHECKED = /^\d{4}-\d{2}-\d{2}$/;
const PLACEHOLDER = /\{\{fact:([^}]*)\}\}/g;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the facts file's shape: every fact has a kebab-case id (unique), a statement, a value, an
 * https source and an ISO check date. Throws a `ContentError` naming the fact otherwise.
 *
 * @example
 * parseFacts({ facts: [{ id: 'x', statement: 'S', value: '1 hour', source: 'https://a', checked: '2026-12-01' }] }, 'facts.json')
 */
export function parseFacts(raw: unknown, file: string): Facts {
  if (!isRecord(raw) || !Array.isArray(raw.facts)) {
    throw new ContentError('ERR_CONTENT_FACT', file, 'must be an object with a "facts" array');
  }
  const seen = new Set<string>();
  const facts = raw.facts.map((entry: unknown, index): Fact => {
    const where = `fact ${index + 1}`;
    if (!isRecord(entry)) throw new ContentError('ERR_CONTENT_FACT', file, `${where} is not an object`);
    const { id, statement, value, also, source, checked } = entry;
    if (typeof id !== 'string' || !FACT_ID.test(id)) {
      throw new ContentError('ERR_CONTENT_FACT', file, `${where} needs a kebab-case "id"`);
    }
    if (seen.has(id)) throw new ContentError('ERR_CONTENT_FACT', file, `"${id}" is listed twice`);
    seen.add(id);
    for (const [key, field] of [
      ['statement', statement],
      ['value', value]
    ] as const) {
      if (typeof field !== 'string' || field.trim() === '') {
        throw new ContentError('ERR_CONTENT_FACT', file, `"${id}" needs a non-empty "${key}"`);
      }
    }
    if (also !== undefined && (!Array.isArray(also) || !also.every((a) => typeof a === 'string'))) {
      throw new ContentError('ERR_CONTENT_FACT', file, `"${id}": "also" must be a list of strings`);
    }
    if (typeof source !== 'string' || !source.startsWith('https://')) {
      throw new ContentError('ERR_CONTENT_FACT', file, `"${id}" needs an https "source"`);
    }
    if (typeof checked !== 'string' || !CHECKED.test(checked)) {
      throw new ContentError('ERR_CONTENT_FACT', file, `"${id}" needs a "checked" date (YYYY-MM-DD)`);
    }
    return {
      id,
      statement: statement as string,
      value: value as string,
      ...(also ? { also: also as string[] } : {}),
      source,
      checked
    };
  });
  return { facts };
}

/**
 * Replaces every `{{fact:id}}` in a page with that fact's `value`, so a number is written once, in
 * the facts file. An unknown id is a `ContentError` (the build stops), never an empty hole.
 *
 * @example
 * resolveFacts('Lasts {{fact:credentials-enhanced}}.', facts, 'x.md') // 'Lasts 1 hour.'
 */
export function resolveFacts(text: string, facts: Facts, file: string): string {
  return text.replace(PLACEHOLDER, (_match, id: string) => {
    const fact = facts.facts.find((f) => f.id === id.trim());
    if (!fact) throw new ContentError('ERR_CONTENT_FACT', file, `quotes a fact that does not exist: ${id}`);
    return fact.value;
  });
}

/**
 * `resolveFacts` on every string inside a parsed JSON document (the presenter deck's titles, bullets and
 * notes), so slides quote the facts file as the guide does.
 *
 * @example
 * resolveFactsDeep({ notes: ['Lasts {{fact:credentials-enhanced}}.'] }, facts, 'slides.json') // { notes: ['Lasts 1 hour.'] }
 */
export function resolveFactsDeep<T>(value: T, facts: Facts, file: string): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return resolveFacts(node, facts, file);
    if (Array.isArray(node)) return node.map(walk);
    if (isRecord(node))
      return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, walk(inner)]));
    return node;
  };
  return walk(value) as T;
}
