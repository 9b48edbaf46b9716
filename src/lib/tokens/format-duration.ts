const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;

/**
 * A duration in seconds as one short, rounded-down unit: "5 s", "42 min", "3 h", "12 d", "2 y".
 * Minutes are used up to 2 h and hours up to 2 days, so "90 min" and "36 h" stay precise enough.
 *
 * @example
 * ```ts
 * formatDuration(2520); // '42 min'
 * ```
 */
export function formatDuration(seconds: number): string {
  const s = Math.floor(Math.abs(seconds));
  if (s < MINUTE) return `${s} s`;
  if (s < 2 * HOUR) return `${Math.floor(s / MINUTE)} min`;
  if (s < 2 * DAY) return `${Math.floor(s / HOUR)} h`;
  if (s < 2 * YEAR) return `${Math.floor(s / DAY)} d`;
  return `${Math.floor(s / YEAR)} y`;
}
