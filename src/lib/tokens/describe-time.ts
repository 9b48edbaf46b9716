import { formatDuration } from './format-duration';
import { formatRelativeTime } from './format-relative-time';

/**
 * Options of {@link describeTime}.
 *
 * @example
 * ```ts
 * describeTime('exp', payload.exp, { now: Date.now(), timeZone: 'UTC' });
 * ```
 */
export interface DescribeTimeOptions {
  /** The current time in milliseconds since the epoch (e.g. `Date.now()`). */
  readonly now: number;
  /** BCP 47 locale for the date-time text; the runtime's default when absent. */
  readonly locale?: string;
  /** IANA time zone, e.g. 'Europe/Paris'; the runtime's (the user's) zone when absent. */
  readonly timeZone?: string;
}

/**
 * A time claim made readable.
 *
 * @example
 * ```ts
 * const t = describeTime('exp', 1_700_003_600, { now: 1_700_000_000_000 });
 * t?.phrase; // 'expires in 60 min'
 * ```
 */
export interface TimeDescription {
  /** The claim's value: seconds since 1970-01-01T00:00:00Z. */
  readonly seconds: number;
  /** ISO 8601 in UTC, or '' when the value is beyond what a date can hold. */
  readonly iso: string;
  /** Date and time in the locale and time zone asked for. */
  readonly local: string;
  /** "in 42 min", "3 h ago" or "now". */
  readonly relative: string;
  /** What it means for this claim: "expires in 42 min", "expired 3 h ago", "issued 5 s ago"... */
  readonly phrase: string;
  /** The value is so large it is probably milliseconds; JWT times are seconds. */
  readonly looksLikeMilliseconds: boolean;
  /** Present when `looksLikeMilliseconds`: what the value would mean as milliseconds. */
  readonly note?: string;
}

/**
 * Above this a NumericDate is almost certainly milliseconds: 1e11 s is the year 5138, while
 * 1e11 ms is 1973. Tokens issued by code that passed `Date.now()` instead of seconds land here.
 *
 * @example
 * ```ts
 * 1_700_000_000_000 > MILLISECONDS_THRESHOLD; // true: milliseconds
 * ```
 */
export const MILLISECONDS_THRESHOLD = 1e11;

const STYLE = { dateStyle: 'medium', timeStyle: 'long' } as const;
// Creating an Intl.DateTimeFormat costs up to milliseconds; a token has several time claims, re-rendered every
// second for the relative phrases, so formatters are kept per locale and time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { ...STYLE, timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

function formatLocal(date: Date, options: DescribeTimeOptions): string {
  if (Number.isNaN(date.getTime())) return 'not a valid date';
  try {
    return formatter(options.locale, options.timeZone).format(date);
  } catch {
    // An unknown locale or time zone must not break the page: fall back to the runtime's defaults.
    return formatter(undefined, undefined).format(date);
  }
}

function phraseFor(claim: string, seconds: number, now: number): string {
  const delta = seconds - now / 1000;
  const amount = formatDuration(delta);
  const isNow = Math.abs(delta) < 1;
  const future = delta > 0;
  switch (claim) {
    case 'exp':
      if (isNow) return 'expires now';
      return future ? `expires in ${amount}` : `expired ${amount} ago`;
    case 'nbf':
      if (isNow) return 'becomes valid now';
      return future ? `not valid for another ${amount}` : `valid since ${amount} ago`;
    case 'iat':
      if (isNow) return 'issued just now';
      return future ? `issued ${amount} in the future (check the clocks)` : `issued ${amount} ago`;
    case 'auth_time':
      if (isNow) return 'signed in just now';
      return future ? `signed in ${amount} in the future (check the clocks)` : `signed in ${amount} ago`;
    case 'updated_at':
      if (isNow) return 'updated just now';
      return future ? `updated ${amount} in the future` : `updated ${amount} ago`;
    default:
      return formatRelativeTime(seconds, { now });
  }
}

/**
 * Describe a time claim's value (`exp`, `iat`, `nbf`, `auth_time`, `updated_at`...) against an
 * injected `now`: local date-time, relative phrase, and a flag when it looks like milliseconds.
 * Returns `undefined` when the value is not a finite number (the page then shows it raw).
 *
 * @example
 * ```ts
 * describeTime('iat', 1_699_999_995, { now: 1_700_000_000_000, timeZone: 'UTC', locale: 'en-GB' });
 * // { phrase: 'issued 5 s ago', local: '14 Nov 2023, 22:13:15 UTC', ... }
 * ```
 */
export function describeTime(
  claim: string,
  value: unknown,
  options: DescribeTimeOptions
): TimeDescription | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isFinite(options.now)) return undefined;
  const date = new Date(value * 1000);
  const valid = !Number.isNaN(date.getTime());
  const looksLikeMilliseconds = Math.abs(value) > MILLISECONDS_THRESHOLD;
  const base = {
    seconds: value,
    iso: valid ? date.toISOString() : '',
    local: formatLocal(date, options),
    relative: formatRelativeTime(value, { now: options.now }),
    phrase: phraseFor(claim, value, options.now),
    looksLikeMilliseconds
  };
  if (!looksLikeMilliseconds) return base;
  const asMilliseconds = new Date(value);
  return {
    ...base,
    note:
      'This looks like milliseconds, but JWT times are in seconds. ' +
      `Read as milliseconds it would be ${formatLocal(asMilliseconds, options)} ` +
      `(${formatRelativeTime(value / 1000, { now: options.now })}); as seconds it is ` +
      (value > 0 ? 'thousands of years in the future.' : 'thousands of years in the past.')
  };
}
