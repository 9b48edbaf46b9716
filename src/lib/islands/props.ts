/**
 * The props of an island travel in the prerendered page as JSON inside `<script type="application/json">`,
 * which the browser never runs (so the content-security-policy has nothing to allow). `<` is escaped so no
 * value can close the script element or open a comment, whatever text a diagram or caption holds.
 */
export function serializeIslandProps(props: Record<string, unknown>): string {
  return JSON.stringify(props)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Reads the props that `serializeIslandProps` wrote; a missing or broken script reads as no props. */
export function parseIslandProps(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The interactive parts of the reading pages (src/lib/islands/entry.ts mounts them). */
export const ISLAND_NAMES = ['theme', 'diagram', 'compare', 'callback'] as const;
export type IslandName = (typeof ISLAND_NAMES)[number];
