import type { Facts } from './facts';

/** A value a page states that the facts file does not hold. */
export interface UnbackedClaim {
  kind: 'duration' | 'limit' | 'error-code';
  /** The words as the page wrote them, e.g. "2 hours", "up to 30", "AccessDeniedException". */
  text: string;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90
};

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  second: 1,
  min: 60,
  minute: 60,
  h: 3600,
  hour: 3600,
  day: 86400,
  week: 604800,
  month: 2592000,
  year: 31536000
};

const NUMBER = `(\\d[\\d,]*|${Object.keys(NUMBER_WORDS).join('|')})`;
// "5 minutes", "one-hour", "10-minute", "ten minutes"; not "5 minutes ago" (an example moment, not a value).
const DURATION = new RegExp(
  `\\b${NUMBER}[\\s-]+(second|minute|hour|day|week|month|year)s?\\b(?!\\s+ago\\b)`,
  'gi'
);
// "900 s", "15 min", "12 h" (digits only; not the "8s" of a CSS "0.8s").
const SHORT_DURATION = /(?<![\d.])\b(\d[\d,]*)\s?(s|min|h)\b(?![\w-])/g;
const LIMIT = new RegExp(
  `\\b(?:up to|at most|no more than|(?:a )?maximum of|limit of|capped at|cap of)\\s+${NUMBER}\\b(?![\\s-]+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|s|min|h)\\b)`,
  'gi'
);
const ERROR_CODE = /\b[A-Z][A-Za-z0-9]*(?:Exception|Error|Fault)\b/g;
/**
 * AWS codes without a suffix (S3's and STS's query-protocol errors): a page naming one must have it in the facts
 * file too. https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html,
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
 */
const BARE_CODES = [
  'AccessDenied',
  'ExpiredToken',
  'InvalidToken',
  'NoSuchBucket',
  'NoSuchKey',
  'SignatureDoesNotMatch',
  'EntityTooLarge',
  'InvalidAccessKeyId',
  'RequestTimeTooSkewed',
  'IncompleteSignature',
  'InvalidClientTokenId',
  'RequestExpired',
  'NotAuthorized',
  'IDPRejectedClaim',
  'InvalidIdentityToken',
  'MalformedPolicyDocument',
  'PackedPolicyTooLarge'
];
const BARE_CODE = new RegExp(`\\b(?:${BARE_CODES.join('|')})\\b`, 'g');

function toNumber(word: string): number {
  const lower = word.toLowerCase();
  return NUMBER_WORDS[lower] ?? Number(lower.replace(/,/g, ''));
}

function durationsIn(text: string): { text: string; seconds: number }[] {
  const found: { text: string; seconds: number }[] = [];
  for (const match of text.matchAll(DURATION)) {
    const [whole, count = '', unit = ''] = match;
    // "a second expiry" is an ordinal, not a duration.
    if (unit.toLowerCase() === 'second' && /^an?$/i.test(count)) continue;
    found.push({ text: whole, seconds: toNumber(count) * (UNIT_SECONDS[unit.toLowerCase()] ?? NaN) });
  }
  for (const match of text.matchAll(SHORT_DURATION)) {
    const [whole, count = '', unit = ''] = match;
    found.push({ text: whole, seconds: toNumber(count) * (UNIT_SECONDS[unit] ?? NaN) });
  }
  return found;
}

/** Everything the facts file allows a page to say, in comparable form. */
function allowed(facts: Facts) {
  const durations = new Set<number>();
  const counts = new Set<number>();
  const codes = new Set<string>();
  for (const fact of facts.facts) {
    for (const wording of [fact.value, ...(fact.also ?? [])]) {
      for (const { seconds } of durationsIn(wording)) durations.add(seconds);
      const count = /^(\d[\d,]*)(?:\s+[a-z][a-z ]*)?$/i.exec(wording.trim());
      if (count?.[1] && durationsIn(wording).length === 0) counts.add(toNumber(count[1]));
      for (const [code] of wording.matchAll(ERROR_CODE)) codes.add(code);
      // STS and S3 codes carry no suffix ("AccessDenied"): the words of an error fact's value are codes too.
      if (fact.id.startsWith('error-')) {
        for (const [word] of wording.matchAll(/\b[A-Z][A-Za-z]+\b/g)) codes.add(word);
      }
    }
  }
  return { durations, counts, codes };
}

/**
 * The lifetimes and durations, limits ("up to 25") and AWS error codes a page states that no fact
 * in the facts file holds. An empty list means every such value on the page is backed by a source.
 * `ignoreNames` lists names that look like error codes but are not AWS's (e.g. `TypeError`).
 *
 * @example
 * findUnbackedClaims('Credentials last 2 hours.', facts) // [{ kind: 'duration', text: '2 hours' }]
 */
export function findUnbackedClaims(
  text: string,
  facts: Facts,
  options: { ignoreNames?: readonly string[] } = {}
): UnbackedClaim[] {
  const { durations, counts, codes } = allowed(facts);
  const ignore = new Set(options.ignoreNames ?? []);
  const claims: UnbackedClaim[] = [];
  for (const duration of durationsIn(text)) {
    if (!durations.has(duration.seconds)) claims.push({ kind: 'duration', text: duration.text });
  }
  for (const match of text.matchAll(LIMIT)) {
    if (!counts.has(toNumber(match[1] ?? ''))) claims.push({ kind: 'limit', text: match[0] });
  }
  for (const [code] of [...text.matchAll(ERROR_CODE), ...text.matchAll(BARE_CODE)]) {
    if (!codes.has(code) && !ignore.has(code)) claims.push({ kind: 'error-code', text: code });
  }
  return claims;
}
