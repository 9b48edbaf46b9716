import { formatDuration } from './format-duration';

/**
 * Options of {@link formatRelativeTime}.
 *
 * @example
 * ```ts
 * formatRelativeTime(payload.exp, { now: Date.now() });
 * ```
 */
export interface RelativeTimeOptions {
  /** The current time in milliseconds since the epoch (e.g. `Date.now()`); injected so output is testable. */
  readonly now: number;
}

/**
 * Where a NumericDate (seconds since the epoch) lies relative to `now`: "in 42 min", "3 h ago" or "now"
 * (within the same second).
 *
 * @example
 * ```ts
 * formatRelativeTime(1_700_000_000 + 2520, { now: 1_700_000_000_000 }); // 'in 42 min'
 * ```
 */
export function formatRelativeTime(seconds: number, { now }: RelativeTimeOptions): string {
  const delta = seconds - now / 1000;
  if (!Number.isFinite(delta)) return 'at an unknown time';
  if (Math.abs(delta) < 1) return 'now';
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`;
}
