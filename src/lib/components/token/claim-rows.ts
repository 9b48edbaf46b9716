// Claims made readable for a table: value as text, meaning, and times described. Pure: no Svelte, no DOM.
import { describeClaim, describeTime } from '$lib/tokens';
import type { ClaimInfo, ClaimLocation, JsonObject, JsonValue, TimeDescription } from '$lib/tokens';

/** One line of a claim table. */
export interface ClaimRow {
  readonly name: string;
  readonly value: JsonValue;
  /** The value as text: strings as they are, anything else as JSON. */
  readonly text: string;
  readonly info: ClaimInfo;
}

/**
 * A value as text for a table cell or a checklist line: strings verbatim, everything else as JSON.
 *
 * @example
 * ```ts
 * formatValue(['admin', 'users']); // '["admin","users"]'
 * formatValue('alice'); // 'alice'
 * ```
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The rows of a claim table, in the token's own order.
 *
 * @example
 * ```ts
 * claimRows(decoded.payload, 'payload').find((row) => row.name === 'exp')?.info.time; // true
 * ```
 */
export function claimRows(claims: JsonObject, location: ClaimLocation): ClaimRow[] {
  return Object.entries(claims).map(([name, value]) => ({
    name,
    value,
    text: formatValue(value),
    info: describeClaim(name, location)
  }));
}

/**
 * Time claims described against `now`, by claim name. Only claims the dictionary marks as times, plus any
 * numeric value whose name ends in `_at` or `_time`.
 *
 * @example
 * ```ts
 * describeTimes(rows, Date.now()).get('exp')?.phrase; // 'expires in 42 min'
 * ```
 */
export function describeTimes(rows: readonly ClaimRow[], now: number): Map<string, TimeDescription> {
  const times = new Map<string, TimeDescription>();
  for (const row of rows) {
    if (!row.info.time && !/(_at|_time)$/.test(row.name)) continue;
    const time = describeTime(row.name, row.value, { now });
    if (time !== undefined) times.set(row.name, time);
  }
  return times;
}
