import { EXPLANATIONS } from './explanations';
import type { ExplainContext, Explanation, ExplanationEntry, ExplanationText } from './explanation-types';
import type { ErrorDetails } from './lens-error';
import { LensError } from './lens-error';

/** What we could read off an arbitrary thrown value. */
interface Identified {
  readonly code: string;
  readonly message: string;
  readonly details: ErrorDetails;
}

// Browsers word a failed fetch differently: Chromium, Firefox, Safari, React Native, Node (undici); and
// amazon-cognito-identity-js replaces the TypeError with its own "Network error".
const NETWORK_MESSAGE =
  /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed|Network request failed|fetch failed|Network error)$/i;
// AWS error names: `NotAuthorizedException`, `InvalidIdentityPoolConfigurationException`...
const AWS_ERROR_NAME = /^[A-Z][A-Za-z0-9]*(Exception|Error|Fault)$/;
const GENERIC_NAMES = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError']);

const BY_CODE: ReadonlyMap<string, readonly ExplanationEntry[]> = groupByCode(EXPLANATIONS);

function groupByCode(entries: readonly ExplanationEntry[]): Map<string, ExplanationEntry[]> {
  const map = new Map<string, ExplanationEntry[]>();
  for (const entry of entries) {
    const rows = map.get(entry.code) ?? [];
    rows.push(entry);
    map.set(entry.code, rows);
  }
  return map;
}

function stringProperty(value: object, key: string): string | undefined {
  const property: unknown = (value as Record<string, unknown>)[key];
  return typeof property === 'string' && property.length > 0 ? property : undefined;
}

/** `com.amazonaws.cognito.identity.model#NotAuthorizedException` -> `NotAuthorizedException`. */
function shortAwsType(type: string): string {
  const hash = type.lastIndexOf('#');
  const short = hash === -1 ? type : type.slice(hash + 1);
  // Some responses append ":http://internal.amazon.com/coral/..." to __type.
  return short.split(':')[0] ?? short;
}

function identify(err: unknown): Identified {
  if (err instanceof LensError) return { code: err.code, message: err.message, details: err.details ?? {} };
  if (typeof err === 'string') return { code: 'ERR_UNKNOWN', message: err, details: {} };
  if (typeof err !== 'object' || err === null) {
    return { code: 'ERR_UNKNOWN', message: err === undefined ? '' : String(err), details: {} };
  }
  // Raw JSON error bodies use `message` or `Message`; SDK v3 and amazon-cognito-identity-js use `message`.
  const message = stringProperty(err, 'message') ?? stringProperty(err, 'Message') ?? '';
  const awsType = stringProperty(err, '__type');
  if (awsType !== undefined) return { code: shortAwsType(awsType), message, details: {} };
  // DOMException names look like AWS ones (AbortError), so they are recognised first.
  const name = stringProperty(err, 'name');
  if (name === 'AbortError' || name === 'TimeoutError') return { code: 'ERR_TIMEOUT', message, details: {} };
  // amazon-cognito-identity-js turns a failed fetch into an Error named (and coded) "NetworkError".
  if (name === 'NetworkError' || stringProperty(err, 'code') === 'NetworkError') {
    return { code: 'ERR_NETWORK', message, details: {} };
  }
  // amazon-cognito-identity-js puts the AWS name in `code`; SDK v3 in `name`.
  for (const key of ['code', 'name']) {
    const candidate = stringProperty(err, key);
    // STS codes have no suffix (AccessDenied): a name the table knows counts as well.
    if (
      candidate !== undefined &&
      (AWS_ERROR_NAME.test(candidate) || BY_CODE.has(candidate)) &&
      !GENERIC_NAMES.has(candidate)
    ) {
      return { code: candidate, message, details: {} };
    }
  }
  if (NETWORK_MESSAGE.test(message.trim())) return { code: 'ERR_NETWORK', message, details: {} };
  return { code: 'ERR_UNKNOWN', message, details: {} };
}

// Only used if the table ever lost its ERR_UNKNOWN row: explainError must never throw.
const LAST_RESORT: ExplanationEntry = {
  code: 'ERR_UNKNOWN',
  title: 'Something went wrong',
  cause: 'An unexpected error.',
  fix: 'Retry.'
};

function render(text: ExplanationText, context: ExplainContext): string {
  return typeof text === 'string' ? text : text(context);
}

function findEntry(code: string, message: string): ExplanationEntry | undefined {
  const rows = BY_CODE.get(code);
  if (rows === undefined) return undefined;
  return rows.find((row) => row.match?.test(message) ?? false) ?? rows.find((row) => row.match === undefined);
}

/**
 * Explain any thrown value in plain language: what happened, why, and how to fix it.
 * The one place where errors become words. It accepts {@link LensError}s, AWS SDK v3 errors,
 * amazon-cognito-identity-js errors, raw AWS JSON error bodies (`{ __type, message }`), browser
 * network failures (`TypeError: Failed to fetch`), strings and anything else; it never throws.
 *
 * @example
 * ```ts
 * const e = explainError({ name: 'UserNotConfirmedException', message: 'User is not confirmed.' });
 * e.title; // 'Account not confirmed'
 * e.original; // 'User is not confirmed.'
 * ```
 */
export function explainError(err: unknown): Explanation {
  const identified = identify(err);
  const specific = findEntry(identified.code, identified.message);
  const entry = specific ?? findEntry('ERR_UNKNOWN', identified.message) ?? LAST_RESORT;
  // An AWS error we have no row for still names itself in the generic explanation.
  const message =
    specific === undefined && identified.code !== 'ERR_UNKNOWN'
      ? `${identified.code}: ${identified.message}`
      : identified.message;
  const context: ExplainContext = { message, details: identified.details };
  return {
    code: entry.code,
    title: entry.title,
    cause: render(entry.cause, context),
    fix: render(entry.fix, context),
    ...(identified.message ? { original: identified.message } : {})
  };
}
