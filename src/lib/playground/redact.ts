// The one redaction function of the playground: the trace, logs and "copy as command" all go through here,
// so a secret hidden in one place is hidden everywhere. Secrets are recognised by the NAME they travel under
// (case, `_` and `-` ignored), plus a last sweep for anything shaped like a JWT wherever it appears.

import { catalogueSecrets, type RedactionKind } from './operations';

export type { RedactionKind };

/**
 * How many characters of a token stay visible: enough to see `eyJraWQiOi` (a JWT) or `eyJjdHkiOi` (a JWE).
 *
 * @example
 * ```ts
 * truncateSecret(idToken, TOKEN_VISIBLE_CHARS); // 'eyJraWQiOi…«redacted: 1014 chars»'
 * ```
 */
export const TOKEN_VISIBLE_CHARS = 10;

/**
 * How many characters of an `AccessKeyId` stay visible: `ASIA` says "temporary credentials".
 *
 * @example
 * ```ts
 * truncateSecret('ASIAEXAMPLEEXAMPLE12', ACCESS_KEY_ID_VISIBLE_CHARS); // 'ASIA…«redacted: 16 chars»'
 * ```
 */
export const ACCESS_KEY_ID_VISIBLE_CHARS = 4;

// Names that carry secrets in Cognito's other APIs and in HTTP, beyond what the catalogue's operations list: hidden
// too, so an operation added to the catalogue with a secret field left out still leaks nothing already known.
const OTHER_SECRET_NAMES: Readonly<Record<string, RedactionKind>> = {
  password: 'secret',
  newPassword: 'secret',
  previousPassword: 'secret',
  proposedPassword: 'secret',
  secretHash: 'secret',
  clientSecret: 'secret',
  secretKey: 'secret',
  secretAccessKey: 'secret',
  secretCode: 'secret', // AssociateSoftwareToken: the TOTP seed itself
  confirmationCode: 'secret',
  userCode: 'secret',
  emailOtpCode: 'secret',
  smsOtpCode: 'secret',
  answer: 'secret', // CUSTOM_CHALLENGE answers are usually one-time codes
  passwordVerifier: 'secret',
  cookie: 'secret',
  'set-cookie': 'secret',
  'x-api-key': 'secret',
  idToken: 'token',
  accessToken: 'token',
  refreshToken: 'token',
  token: 'token',
  sessionToken: 'token',
  samlAssertion: 'token',
  'x-amz-security-token': 'token',
  authorization: 'authorization',
  'proxy-authorization': 'authorization',
  accessKeyId: 'accessKeyId'
};

// Normalised key names (lower case, letters and digits only: `SECRET_HASH`, `SecretHash`, `secret-hash` agree).
const KIND_BY_KEY: ReadonlyMap<string, RedactionKind> = new Map(
  [...Object.entries(OTHER_SECRET_NAMES), ...catalogueSecrets()].map(([name, kind]) => [
    normalizeKey(name),
    kind
  ])
);

const MARKER_OPEN = '«redacted';
const MARKER_PATTERN = /«redacted(?::[^»]*)?»/;
// A compact JWS (3 parts) or JWE (5 parts): every JWT header is a JSON object, so it starts `eyJ`. Any further
// dot-separated runs are taken too, so no part of a token survives next to a match.
const JWT_PATTERN = /eyJ[\w-]*(?:\.[\w-]*){2,}/g;
const MAX_DEPTH = 64;

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Which kind of secret travels under a key name (case, `_` and `-` ignored), or `null` for an ordinary key.
 *
 * @example
 * ```ts
 * redactionKindOf('NEW_PASSWORD'); // 'secret'
 * redactionKindOf('id_token'); // 'token'
 * redactionKindOf('AccessKeyId'); // 'accessKeyId'
 * redactionKindOf('USERNAME'); // null
 * ```
 */
export function redactionKindOf(key: string): RedactionKind | null {
  if (typeof key !== 'string') return null;
  return KIND_BY_KEY.get(normalizeKey(key)) ?? null;
}

/**
 * The marker that replaces a whole secret: `«redacted: N chars»`, N being the hidden length (`«redacted»`
 * when there is no length to give, e.g. for an object).
 *
 * @example
 * ```ts
 * redactedMarker(64); // '«redacted: 64 chars»'
 * redactedMarker(1); // '«redacted: 1 char»'
 * redactedMarker(); // '«redacted»'
 * ```
 */
export function redactedMarker(hiddenLength?: number): string {
  if (hiddenLength === undefined || !Number.isFinite(hiddenLength) || hiddenLength < 0)
    return `${MARKER_OPEN}»`;
  const n = Math.floor(hiddenLength);
  return `${MARKER_OPEN}: ${n} ${n === 1 ? 'char' : 'chars'}»`;
}

/**
 * Keep the first `visible` characters of a secret and hide the rest: `eyJraWQiOi…«redacted: 1014 chars»`
 * (N counts the hidden characters). A value too short to hide most of it (at most twice `visible`) is
 * replaced whole, so a short secret is never half shown.
 *
 * @example
 * ```ts
 * truncateSecret('eyJraWQiOiJhYmMifQ.eyJzdWIiOiIxIn0.c2ln', 10); // 'eyJraWQiOi…«redacted: 29 chars»'
 * truncateSecret('short', 10); // '«redacted: 5 chars»'
 * ```
 */
export function truncateSecret(value: string, visible: number): string {
  const text = String(value);
  if (text.length <= visible * 2) return redactedMarker(text.length);
  return `${text.slice(0, visible)}…${redactedMarker(text.length - visible)}`;
}

/**
 * True when a string is, or contains, a redaction marker (so it is never redacted twice and never copied
 * as if it were a real value).
 *
 * @example
 * ```ts
 * isRedacted('«redacted: 64 chars»'); // true
 * isRedacted('eyJraWQiOi…«redacted: 1014 chars»'); // true
 * isRedacted('alice'); // false
 * ```
 */
export function isRedacted(value: unknown): boolean {
  return typeof value === 'string' && MARKER_PATTERN.test(value);
}

/**
 * Truncate everything in a text that looks like a JWT or JWE (`eyJ…` and at least two dots) to its first
 * 10 characters.
 *
 * @example
 * ```ts
 * redactJwts('Bearer eyJraWQiOiJhYmMifQ.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'); // 'Bearer eyJraWQiOi…«redacted: 37 chars»'
 * ```
 */
export function redactJwts(text: string): string {
  if (typeof text !== 'string') return '';
  return text.replace(JWT_PATTERN, (jwt) => truncateSecret(jwt, TOKEN_VISIBLE_CHARS));
}

function redactAuthorizationValue(value: string): string {
  const match = /^([A-Za-z0-9_-]+)\s+([\s\S]+)$/.exec(value);
  if (match?.[1] === undefined || match[2] === undefined) return truncateSecret(value, TOKEN_VISIBLE_CHARS);
  const [, scheme, credentials] = match;
  // Basic carries client_id:client_secret in plain base64: nothing of it may show.
  if (scheme.toLowerCase() === 'basic') return `${scheme} ${redactedMarker(credentials.length)}`;
  return `${scheme} ${truncateSecret(credentials, TOKEN_VISIBLE_CHARS)}`;
}

function redactScalar(value: string, kind: RedactionKind): string {
  if (isRedacted(value)) return value;
  switch (kind) {
    case 'secret':
      return redactedMarker(value.length);
    case 'token':
      return truncateSecret(value, TOKEN_VISIBLE_CHARS);
    case 'authorization':
      return redactAuthorizationValue(value);
    case 'accessKeyId':
      return truncateSecret(value, ACCESS_KEY_ID_VISIBLE_CHARS);
  }
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, so a `__proto__` key from parsed JSON stays data and cannot reach the prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function redactNode(
  value: unknown,
  kind: RedactionKind | null,
  seen: WeakSet<object>,
  depth: number
): unknown {
  if (typeof value === 'string') {
    if (kind !== null) return redactScalar(value, kind);
    // Text that carries a request of its own (a form body, a redirect URL in an event of the sandbox's feed)
    // hides its secret parameters too.
    return redactJwts(/[=:]/.test(value) ? redactLoose(value) : value);
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return kind === null ? value : redactScalar(String(value), kind);
  }
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (typeof value !== 'object') return undefined; // functions and symbols are not data
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? null : redactNode(value.toISOString(), kind, seen, depth);
  }
  if (seen.has(value)) return '«circular»';
  if (depth >= MAX_DEPTH) return kind === null ? '«too deep»' : redactedMarker();
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item: unknown) => redactNode(item, kind, seen, depth + 1));
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      return kind === null ? `«${value.byteLength} bytes»` : redactedMarker();
    }
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const childKind = kind ?? redactionKindOf(key);
      // Logins and other maps under a secret name: the keys (provider names) stay, the values are hidden.
      const redacted = redactNode(child, childKind, seen, depth + 1);
      if (redacted !== undefined) setOwn(out, key, redacted);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Deep-copy JSON-like data with every secret hidden, wherever it sits (top level, `AuthParameters`,
 * `ChallengeResponses`, `Credentials`, `Logins`, arrays...). The input is never modified.
 *
 * - Replaced whole by `«redacted: N chars»`: passwords (`PASSWORD`, `NEW_PASSWORD`, `PreviousPassword`,
 *   `ProposedPassword`), `SECRET_HASH`, client secrets, `SecretKey`/`SecretAccessKey`, codes (`code`,
 *   `ConfirmationCode`, `*_MFA_CODE`, `USER_CODE`, `code_verifier`, `SecretCode`), SRP values (`SRP_A`, `SRP_B`,
 *   `SALT`, `SECRET_BLOCK`, `PASSWORD_CLAIM_*`) and `Session`.
 * - Truncated to 10 characters + `…«redacted: N chars»` (still recognisable as a JWT): `IdToken`, `AccessToken`,
 *   `RefreshToken`, `Token`, `id_token`..., `SessionToken`, `WebIdentityToken`, the values of `Logins`, and the
 *   credentials of an `Authorization` value (its scheme stays; `Basic` credentials are hidden whole).
 * - `AccessKeyId` keeps its first 4 characters (`ASIA…`).
 * - Any other string is swept for JWT-shaped text.
 *
 * Key names match case-insensitively, ignoring `_` and `-`. Values already redacted are kept as they are, so
 * redacting twice changes nothing. Dates become ISO strings; cycles become `«circular»`.
 *
 * @example
 * ```ts
 * redact({ AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!' } });
 * // { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: '«redacted: 15 chars»' } }
 * ```
 */
export function redact(value: unknown): unknown {
  return redactNode(value, null, new WeakSet(), 0);
}

function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function redactFormParts(text: string): string {
  return text
    .split('&')
    .map((part) => {
      const equals = part.indexOf('=');
      if (equals === -1) return part;
      const rawName = part.slice(0, equals);
      const kind = redactionKindOf(decodeFormComponent(rawName));
      if (kind === null) return part;
      // The marker goes in unencoded: this is for people to read, and URLSearchParams still parses it back.
      return `${rawName}=${redactScalar(decodeFormComponent(part.slice(equals + 1)), kind)}`;
    })
    .join('&');
}

/**
 * Redact a form-encoded body (`application/x-www-form-urlencoded`: the STS query protocol, `/oauth2/token`)
 * parameter by parameter, by name. Other parameters keep their original encoding; markers are inserted as
 * readable text (`URLSearchParams` still parses the result).
 *
 * @example
 * ```ts
 * redactForm('grant_type=authorization_code&code=abc123&code_verifier=dBjftJeZ4CVP');
 * // 'grant_type=authorization_code&code=«redacted: 6 chars»&code_verifier=«redacted: 12 chars»'
 * ```
 */
export function redactForm(text: string): string {
  if (typeof text !== 'string') return '';
  return redactJwts(redactFormParts(text));
}

/**
 * Redact a URL's query and fragment parameters by name (`code`, `code_verifier`, `id_token`, `access_token`...;
 * `state` is not a secret and stays) and any password in its user-info part. Markers are inserted readable.
 *
 * @example
 * ```ts
 * redactUrl('http://localhost:5173/playground/callback?code=9f1c2e&state=xyz');
 * // 'http://localhost:5173/playground/callback?code=«redacted: 6 chars»&state=xyz'
 * ```
 */
export function redactUrl(url: string): string {
  if (typeof url !== 'string') return '';
  let rest = url;
  let fragment: string | null = null;
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query: string | null = null;
  const question = rest.indexOf('?');
  if (question !== -1) {
    query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  rest = rest.replace(
    /^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:)([^/@\s]*)@/i,
    (_all, head: string, password: string) => `${head}${redactedMarker(password.length)}@`
  );
  let out = rest;
  if (query !== null) out += `?${redactFormParts(query)}`;
  if (fragment !== null) out += `#${fragment.includes('=') ? redactFormParts(fragment) : fragment}`;
  return redactJwts(out);
}

/**
 * Redact HTTP headers: `Authorization` (scheme kept, credentials truncated; `Basic` hidden whole),
 * `X-Amz-Security-Token` (truncated), `Cookie`/`Set-Cookie` (hidden), and any header named like a secret.
 * Other values are swept for JWTs. Names are kept as given.
 *
 * @example
 * ```ts
 * redactHeaders({ 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser', authorization: 'Bearer eyJ...' });
 * ```
 */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === null || typeof headers !== 'object') return out;
  for (const [name, raw] of Object.entries(headers)) {
    const value = typeof raw === 'string' ? raw : String(raw);
    const kind = redactionKindOf(name);
    setOwn(out, name, kind === null ? redactJwts(value) : redactScalar(value, kind));
  }
  return out;
}

// Secrets in text that is not JSON or a form: XML elements (STS answers in XML), `"key": "value"` pairs
// (JSON fragments in error messages), and `key=value` query parameters (Location headers, HTML forms).
function redactLoose(text: string): string {
  return text
    .replace(
      /<([A-Za-z_][\w.-]*)(\s[^<>]*)?>([^<]*)<\/\1>/g,
      (all: string, name: string, attrs: string | undefined, content: string) => {
        // <Code> in an AWS query-protocol error (STS) is the error code, not a confirmation code.
        const kind = name === 'Code' ? null : redactionKindOf(name);
        if (kind === null || content === '') return all;
        return `<${name}${attrs ?? ''}>${redactScalar(content, kind)}</${name}>`;
      }
    )
    .replace(
      /"([\w-]+)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g,
      (all, name: string, colon: string, content: string) => {
        const kind = redactionKindOf(name);
        return kind === null ? all : `"${name}"${colon}"${redactScalar(content, kind)}"`;
      }
    )
    .replace(/(^|[?&#;\s])([\w.-]+)=([^&#\s"'<>]+)/g, (all, lead: string, name: string, content: string) => {
      const kind = redactionKindOf(decodeFormComponent(name));
      return kind === null ? all : `${lead}${name}=${redactScalar(decodeFormComponent(content), kind)}`;
    });
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;

function redactTextUnsafe(text: string, contentType: string): string {
  const trimmed = text.trim();
  if (contentType.includes('json') || /^[[{]/.test(trimmed)) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object') return JSON.stringify(redact(parsed), null, 2);
    } catch {
      // Not JSON after all: fall through to the text rules.
    }
  }
  if (contentType.includes('x-www-form-urlencoded')) return redactFormParts(text);
  if (URL_LIKE.test(trimmed)) return redactUrl(text);
  return redactLoose(text);
}

/**
 * Redact a raw body or any text for display; never throws.
 *
 * - JSON (by content type, or text that parses as a JSON object/array): parsed, {@link redact}ed and
 *   pretty-printed with 2 spaces.
 * - `application/x-www-form-urlencoded`: redacted parameter by parameter ({@link redactForm}).
 * - A URL: query and fragment parameters redacted by name ({@link redactUrl}).
 * - Anything else (XML, HTML, error messages): secret-named XML elements, `"key": "value"` pairs and
 *   `key=value` parameters are redacted.
 * - Always, last: every JWT-shaped string is truncated ({@link redactJwts}).
 *
 * @example
 * ```ts
 * redactText('{"AuthParameters":{"USERNAME":"alice","PASSWORD":"x"}}', 'application/x-amz-json-1.1');
 * // '{\n  "AuthParameters": {\n    "USERNAME": "alice",\n    "PASSWORD": "«redacted: 1 char»"\n  }\n}'
 * redactText('Action=AssumeRoleWithWebIdentity&WebIdentityToken=eyJ...', 'application/x-www-form-urlencoded');
 * ```
 */
export function redactText(text: string, contentType?: string): string {
  if (typeof text !== 'string') return '';
  const type = typeof contentType === 'string' ? contentType.toLowerCase() : '';
  try {
    return redactJwts(redactTextUnsafe(text, type));
  } catch {
    // Even a pathological input (deep nesting, odd encodings) gets at least the JWT sweep.
    try {
      return redactJwts(text);
    } catch {
      return redactedMarker(text.length);
    }
  }
}
