import { isLensError, JwksError, TokenError, VerifyError } from '../errors/lens-error';
import type { LensError } from '../errors/lens-error';
import type { VerifyErrorCode } from '../errors/codes';
import { decodeToken } from './decode-token';
import { formatRelativeTime } from './format-relative-time';
import type { DecodedJws, DecodedToken, JsonObject, Jwk } from './types';
import type {
  Accepted,
  CheckId,
  CheckItem,
  VerificationResult,
  VerifyDeps,
  VerifyOptions
} from './verification-types';

/**
 * The only signature algorithms accepted: the RSA PKCS#1 v1.5 family Cognito uses (RS256).
 *
 * @example
 * ```ts
 * ALLOWED_ALGORITHMS.includes('RS256'); // true
 * ```
 */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;

const HASH_OF: Readonly<Record<(typeof ALLOWED_ALGORITHMS)[number], string>> = {
  RS256: 'SHA-256',
  RS384: 'SHA-384',
  RS512: 'SHA-512'
};

const TOKEN_USES = ['id', 'access'] as const;

/** The label of each check; the time checks state the clock tolerance in use. */
function labelsFor(tolerance: number): Readonly<Record<CheckId, string>> {
  return {
    structure: 'Token structure',
    kid: 'Key id (kid) in the header',
    key: 'Key found in the JWKS',
    'key-type': 'Key type RSA, for signatures',
    algorithm: 'Algorithm allowed (RS256, RS384, RS512) and matching the key',
    signature: 'Signature',
    exp: `Not expired (exp, clock tolerance ${tolerance} s)`,
    nbf: `Already valid (nbf, clock tolerance ${tolerance} s)`,
    issuer: 'Issuer (iss) is the expected user pool',
    'token-use': 'Token use (token_use)',
    'client-id': 'App client (aud in id tokens, client_id in access tokens)',
    groups: 'In a required group (cognito:groups)',
    scopes: 'Has a required scope (scope)'
  };
}

// ---------------------------------------------------------------------------------------------
// Runtime checks on the caller's options: a missing security option is a programming error.

function isAccepted(value: unknown): value is Accepted {
  if (value === null || typeof value === 'string') return true;
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string');
}

function optionError(message: string, option: string): VerifyError {
  return new VerifyError('ERR_VERIFY_OPTIONS', message, { details: { option } });
}

function assertVerifyOptions(options: unknown): asserts options is VerifyOptions {
  if (typeof options !== 'object' || options === null) {
    throw optionError('verifyToken needs an options object', 'options');
  }
  const record = options as Record<string, unknown>;
  for (const name of ['issuer', 'clientId', 'groups', 'scopes']) {
    const value = record[name];
    if (value === undefined)
      throw optionError(`Option "${name}" must be given (null to skip the check)`, name);
    if (!isAccepted(value)) {
      throw optionError(`Option "${name}" must be a string, a non-empty array of strings, or null`, name);
    }
  }
  const tokenUse = record.tokenUse;
  if (tokenUse === undefined)
    throw optionError('Option "tokenUse" must be given (null to skip the check)', 'tokenUse');
  if (tokenUse !== null && tokenUse !== 'id' && tokenUse !== 'access' && tokenUse !== 'not-user-pool') {
    throw optionError('Option "tokenUse" must be "id", "access", "not-user-pool" or null', 'tokenUse');
  }
  const tolerance = record.clockToleranceSeconds;
  if (
    tolerance !== undefined &&
    (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0)
  ) {
    throw optionError(
      'Option "clockToleranceSeconds" must be a number of seconds, 0 or more',
      'clockToleranceSeconds'
    );
  }
}

function assertVerifyDeps(deps: unknown): asserts deps is VerifyDeps {
  const record = (typeof deps === 'object' && deps !== null ? deps : {}) as Record<string, unknown>;
  if (typeof record.now !== 'function')
    throw optionError('deps.now must be a function returning milliseconds', 'now');
  const jwks = record.jwks as Record<string, unknown> | null | undefined;
  if (typeof jwks !== 'object' || jwks === null || typeof jwks.getJwk !== 'function') {
    throw optionError('deps.jwks must be a JWKS source with a getJwk(kid) method', 'jwks');
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function own(object: JsonObject, name: string): unknown {
  // Only own members: `constructor` or `toString` must not be found on Object.prototype.
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

function asList(accepted: string | readonly string[]): readonly string[] {
  return typeof accepted === 'string' ? [accepted] : accepted;
}

function show(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function iso(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}

const pass = (id: CheckId, label: string, reason: string, extra: Partial<CheckItem> = {}): CheckItem => ({
  id,
  label,
  status: 'pass',
  reason,
  ...extra
});

const skip = (id: CheckId, label: string, reason: string): CheckItem => ({
  id,
  label,
  status: 'skipped',
  reason
});

const fail = (id: CheckId, label: string, error: LensError, extra: Partial<CheckItem> = {}): CheckItem => ({
  id,
  label,
  status: 'fail',
  reason: error.message,
  error,
  ...extra
});

function claimFailure(
  id: CheckId,
  label: string,
  code: VerifyErrorCode,
  message: string,
  actual: unknown,
  expected: unknown,
  details: Record<string, unknown> = {}
): CheckItem {
  const error = new VerifyError(code, message, { details: { ...details, actual, expected } });
  return fail(id, label, error, { actual, expected });
}

// ---------------------------------------------------------------------------------------------
// The checks. Each takes what it needs, narrows `unknown` claim values itself, and returns an item.

/** The claim types aws-jwt-verify insists on while parsing (assertJwtHeader / assertJwtPayload). */
function findTypeProblem(
  token: DecodedJws
): { location: string; claim: string; expected: string; value: unknown } | undefined {
  const header: [string, string][] = [
    ['alg', 'a string'],
    ['kid', 'a string']
  ];
  for (const [claim, expected] of header) {
    const value = own(token.header, claim);
    if (value !== undefined && typeof value !== 'string')
      return { location: 'header', claim, expected, value };
  }
  const numbers = ['exp', 'nbf', 'iat'];
  const strings = ['iss', 'sub', 'scope', 'jti'];
  for (const claim of numbers) {
    const value = own(token.payload, claim);
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) {
      return { location: 'payload', claim, expected: 'a number (seconds since 1970)', value };
    }
  }
  for (const claim of strings) {
    const value = own(token.payload, claim);
    if (value !== undefined && typeof value !== 'string')
      return { location: 'payload', claim, expected: 'a string', value };
  }
  const aud = own(token.payload, 'aud');
  const audOk =
    aud === undefined ||
    typeof aud === 'string' ||
    (Array.isArray(aud) && aud.every((item) => typeof item === 'string'));
  if (!audOk)
    return { location: 'payload', claim: 'aud', expected: 'a string or an array of strings', value: aud };
  return undefined;
}

function checkStructure(decoded: DecodedToken, label: string): CheckItem {
  if (decoded.kind === 'jwe') {
    const error = new TokenError(
      'ERR_TOKEN_ENCRYPTED',
      'This is an encrypted token (JWE, 5 parts); only the user pool that encrypted it can read it',
      { details: { header: decoded.header } }
    );
    return fail('structure', label, error, { actual: '5 parts (JWE)', expected: '3 parts (signed JWT)' });
  }
  if (decoded.unsecured) {
    const error = new TokenError(
      'ERR_TOKEN_UNSECURED',
      'The signature part is empty: the token is not signed',
      {
        details: { part: 3, partName: 'signature' }
      }
    );
    return fail('structure', label, error, { actual: 'empty signature', expected: 'a signature' });
  }
  const problem = findTypeProblem(decoded);
  if (problem !== undefined) {
    const actualType = describeType(problem.value);
    const error = new TokenError(
      'ERR_TOKEN_CLAIM_TYPE',
      `The ${problem.location} member "${problem.claim}" is ${actualType}, not ${problem.expected}`,
      {
        details: { claim: problem.claim, location: problem.location, expected: problem.expected, actualType }
      }
    );
    return fail('structure', label, error, { actual: problem.value, expected: problem.expected });
  }
  return pass(
    'structure',
    label,
    `A signed JWT: JSON header and payload, and a ${decoded.signature.length}-byte signature`
  );
}

function checkKid(token: DecodedJws, label: string): CheckItem {
  if (token.unsecured) return skip('kid', label, 'Not checked: the token is not signed, so no key is needed');
  const kid = own(token.header, 'kid');
  if (typeof kid !== 'string') {
    const error = new VerifyError(
      'ERR_JWT_KID_MISSING',
      kid === undefined ? 'The header has no kid' : 'The header kid is not a string',
      { details: { actual: kid } }
    );
    return fail('kid', label, error, { actual: kid, expected: 'a key id' });
  }
  return pass('kid', label, `The token names its signing key: ${kid}`, { actual: kid });
}

async function checkKey(
  kid: string,
  deps: VerifyDeps,
  label: string
): Promise<{ item: CheckItem; jwk?: Jwk }> {
  try {
    const jwk = await deps.jwks.getJwk(kid);
    return { item: pass('key', label, `Found in ${deps.jwks.label}`, { actual: kid }), jwk };
  } catch (err) {
    const error = isLensError(err)
      ? err
      : new VerifyError(
          'ERR_UNEXPECTED',
          `The JWKS source failed: ${err instanceof Error ? err.message : String(err)}`,
          {
            cause: err
          }
        );
    return { item: fail('key', label, error, { actual: kid }) };
  }
}

function checkKeyType(jwk: Jwk, label: string): CheckItem {
  if (jwk.kty !== 'RSA') {
    const error = new JwksError(
      'ERR_JWK_KTY',
      `The key has kty "${jwk.kty}"; Cognito signs with "RSA" keys`,
      {
        details: { actual: jwk.kty, expected: 'RSA' }
      }
    );
    return fail('key-type', label, error, { actual: jwk.kty, expected: 'RSA' });
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') {
    const error = new JwksError(
      'ERR_JWK_USE',
      `The key has use "${jwk.use}"; only "sig" keys verify signatures`,
      {
        details: { actual: jwk.use, expected: 'sig' }
      }
    );
    return fail('key-type', label, error, { actual: jwk.use, expected: 'sig' });
  }
  if (typeof jwk.n !== 'string' || jwk.n === '' || typeof jwk.e !== 'string' || jwk.e === '') {
    const missing = typeof jwk.n !== 'string' || jwk.n === '' ? 'modulus (n)' : 'exponent (e)';
    const error = new JwksError('ERR_JWK_INVALID', `The RSA key has no ${missing}`, { details: { missing } });
    return fail('key-type', label, error);
  }
  return pass('key-type', label, `An RSA key${jwk.use === undefined ? '' : ', use "sig"'}`, {
    actual: { kty: jwk.kty, use: jwk.use }
  });
}

function checkAlgorithm(token: DecodedJws, jwk: Jwk | undefined, label: string): CheckItem {
  const alg = own(token.header, 'alg');
  const expected = [...ALLOWED_ALGORITHMS];
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    return claimFailure(
      'algorithm',
      label,
      'ERR_JWT_ALG_NONE',
      `alg ${show(alg)} (unsigned) is refused outright`,
      alg,
      expected
    );
  }
  if (typeof alg === 'string' && /^HS\d+$/i.test(alg)) {
    return claimFailure(
      'algorithm',
      label,
      'ERR_JWT_ALG_HMAC',
      `${alg} (HMAC, a shared secret) is refused outright`,
      alg,
      expected
    );
  }
  if (typeof alg !== 'string' || !(ALLOWED_ALGORITHMS as readonly string[]).includes(alg)) {
    const message = alg === undefined ? 'The header has no alg' : `alg ${show(alg)} is not allowed`;
    return claimFailure('algorithm', label, 'ERR_JWT_ALG_UNSUPPORTED', message, alg, expected);
  }
  if (jwk?.alg !== undefined && jwk.alg !== alg) {
    return claimFailure(
      'algorithm',
      label,
      'ERR_JWT_ALG_MISMATCH',
      `The token says ${alg} but the key is for ${jwk.alg}`,
      alg,
      jwk.alg
    );
  }
  const reason =
    jwk === undefined
      ? `${alg} is allowed (not compared with a key: none was found)`
      : jwk.alg === undefined
        ? `${alg} is allowed; the key does not restrict its algorithm`
        : `${alg}, the key's own algorithm`;
  return pass('algorithm', label, reason, { actual: alg, expected: jwk?.alg ?? expected });
}

async function checkSignature(
  token: DecodedJws,
  jwk: Jwk,
  alg: (typeof ALLOWED_ALGORITHMS)[number],
  label: string
): Promise<CheckItem> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: HASH_OF[alg] };
  let key: CryptoKey;
  try {
    // Only the public members: other JWK members (key_ops, alg) could make a valid key unimportable.
    key = await globalThis.crypto.subtle.importKey(
      'jwk',
      { kty: 'RSA', n: jwk.n, e: jwk.e },
      algorithm,
      false,
      ['verify']
    );
  } catch (cause) {
    const error = new JwksError('ERR_JWK_INVALID', 'The RSA key could not be imported', { cause });
    return fail('signature', label, error);
  }
  const data = new TextEncoder().encode(`${token.segments.header}.${token.segments.payload}`);
  let valid: boolean;
  try {
    valid = await globalThis.crypto.subtle.verify(algorithm, key, token.signature, data);
  } catch {
    // WebCrypto may throw instead of answering false (e.g. a signature of the wrong length): same verdict.
    valid = false;
  }
  if (!valid) {
    const error = new VerifyError(
      'ERR_JWT_SIGNATURE',
      'The signature does not match the header and payload',
      {
        details: { kid: jwk.kid, alg }
      }
    );
    return fail('signature', label, error);
  }
  return pass('signature', label, `${alg} signature verified with key ${jwk.kid ?? '(no kid)'}`);
}

function checkExp(payload: JsonObject, nowSeconds: number, tolerance: number, label: string): CheckItem {
  const exp = own(payload, 'exp');
  if (exp === undefined) {
    return pass(
      'exp',
      label,
      'No exp claim, so it never expires (accepted, as aws-jwt-verify does; Cognito always sets exp)'
    );
  }
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    const error = new TokenError('ERR_TOKEN_CLAIM_TYPE', `exp is ${describeType(exp)}, not a number`, {
      details: { claim: 'exp', expected: 'a number', actualType: describeType(exp) }
    });
    return fail('exp', label, error, { actual: exp });
  }
  const expected = `later than ${iso(nowSeconds - tolerance)}`;
  const when = `${iso(exp)} (${formatRelativeTime(exp, { now: nowSeconds * 1000 })})`;
  if (exp + tolerance < nowSeconds) {
    return claimFailure('exp', label, 'ERR_JWT_EXPIRED', `Expired at ${when}`, exp, expected, {
      now: nowSeconds,
      toleranceSeconds: tolerance
    });
  }
  return pass('exp', label, `Expires at ${when}`, { actual: exp, expected });
}

function checkNbf(payload: JsonObject, nowSeconds: number, tolerance: number, label: string): CheckItem {
  const nbf = own(payload, 'nbf');
  if (nbf === undefined) return pass('nbf', label, 'No nbf claim: valid from the moment it was issued');
  if (typeof nbf !== 'number' || !Number.isFinite(nbf)) {
    const error = new TokenError('ERR_TOKEN_CLAIM_TYPE', `nbf is ${describeType(nbf)}, not a number`, {
      details: { claim: 'nbf', expected: 'a number', actualType: describeType(nbf) }
    });
    return fail('nbf', label, error, { actual: nbf });
  }
  const expected = `not later than ${iso(nowSeconds + tolerance)}`;
  const when = `${iso(nbf)} (${formatRelativeTime(nbf, { now: nowSeconds * 1000 })})`;
  if (nbf - tolerance > nowSeconds) {
    return claimFailure('nbf', label, 'ERR_JWT_NOT_YET_VALID', `Not valid before ${when}`, nbf, expected, {
      now: nowSeconds,
      toleranceSeconds: tolerance
    });
  }
  return pass('nbf', label, `Valid since ${when}`, { actual: nbf, expected });
}

function checkIssuer(payload: JsonObject, accepted: Accepted, label: string): CheckItem {
  if (accepted === null) return skip('issuer', label, 'Not checked: the expected issuer was set to null');
  const expected = asList(accepted);
  const iss = own(payload, 'iss');
  if (typeof iss !== 'string' || !expected.includes(iss)) {
    const message =
      iss === undefined ? 'The token has no iss claim' : `iss ${show(iss)} is not the expected issuer`;
    return claimFailure('issuer', label, 'ERR_JWT_ISSUER', message, iss, expected);
  }
  return pass('issuer', label, `Issued by ${iss}`, { actual: iss, expected });
}

function checkTokenUse(
  payload: JsonObject,
  required: 'id' | 'access' | 'not-user-pool' | null,
  label: string
): CheckItem {
  const tokenUse = own(payload, 'token_use');
  if (required === 'not-user-pool') {
    // An identity pool's OpenID token (basic flow) is not a user pool token: it has no token_use at all.
    return skip('token-use', label, 'Not checked: not a user pool token, so it carries no token_use');
  }
  const known = tokenUse === 'id' || tokenUse === 'access';
  const expected = required ?? [...TOKEN_USES];
  // aws-jwt-verify rejects anything but id/access even when no particular use is required.
  if (!known) {
    const message =
      tokenUse === undefined
        ? 'The token has no token_use claim'
        : `token_use ${show(tokenUse)} is neither "id" nor "access"`;
    return claimFailure('token-use', label, 'ERR_JWT_TOKEN_USE', message, tokenUse, expected);
  }
  if (required === null) {
    return skip(
      'token-use',
      label,
      `Not checked: any token use accepted (expected is null); this is an ${tokenUse} token`
    );
  }
  if (tokenUse !== required) {
    return claimFailure(
      'token-use',
      label,
      'ERR_JWT_TOKEN_USE',
      `This is an ${tokenUse} token, but an ${required} token was expected`,
      tokenUse,
      required
    );
  }
  return pass('token-use', label, `An ${tokenUse} token, as expected`, {
    actual: tokenUse,
    expected: required
  });
}

function checkClientId(
  payload: JsonObject,
  accepted: Accepted,
  label: string,
  tokenUse: VerifyOptions['tokenUse']
): CheckItem {
  if (accepted === null)
    return skip('client-id', label, 'Not checked: the expected client id was set to null');
  const expected = asList(accepted);
  // As aws-jwt-verify: only an id token carries the client in aud; anything else is read from client_id.
  // A token from another OpenID provider names its client in aud (OpenID Connect Core 1.0, section 2), which
  // may be a list; one audience is what an identity pool accepts.
  const claim = own(payload, 'token_use') === 'id' || tokenUse === 'not-user-pool' ? 'aud' : 'client_id';
  const raw = own(payload, claim);
  const value = tokenUse === 'not-user-pool' && Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  if (typeof value !== 'string' || !expected.includes(value)) {
    const message =
      value === undefined
        ? `The token has no ${claim} claim`
        : typeof value !== 'string'
          ? `${claim} is ${describeType(value)}, not a single client id`
          : `${claim} ${show(value)} is not the expected app client`;
    return claimFailure('client-id', label, 'ERR_JWT_CLIENT_ID', message, value, expected, { claim });
  }
  return pass('client-id', label, `${claim} is ${value}`, { actual: value, expected });
}

function checkOverlap(
  id: 'groups' | 'scopes',
  label: string,
  claim: string,
  found: unknown,
  accepted: Accepted,
  code: VerifyErrorCode
): CheckItem {
  if (accepted === null) return skip(id, label, `Not checked: the required ${id} were set to null`);
  const expected = asList(accepted);
  if (found === undefined)
    return claimFailure(id, label, code, `The token has no ${claim} claim`, found, expected);
  const values = typeof found === 'string' ? [found] : found;
  if (!Array.isArray(values) || !values.every((item) => typeof item === 'string')) {
    return claimFailure(id, label, code, `${claim} is not a list of strings`, found, expected);
  }
  const match = values.find((value) => expected.includes(value));
  if (match === undefined) {
    return claimFailure(id, label, code, `${claim} has none of: ${expected.join(', ')}`, found, expected);
  }
  return pass(id, label, `Has "${match}"`, { actual: found, expected });
}

// ---------------------------------------------------------------------------------------------

/**
 * Verify a token the way aws-jwt-verify's CognitoJwtVerifier does, but as an ordered checklist
 * ({@link CHECK_IDS}) instead of a yes/no: every item passes, fails or is skipped with a reason and
 * the actual and expected values. Claim checks still run after a failed signature (informative),
 * but `valid` is true only if nothing failed and the signature was verified; `firstFailure` is the
 * cause to show first. It resolves for any token; it throws (a `VerifyError` with
 * `ERR_VERIFY_OPTIONS`) only when options or deps are missing.
 *
 * @example
 * ```ts
 * const result = await verifyToken(
 *   token,
 *   { issuer: deriveAcceptedIssuers({ userPoolId }), tokenUse: 'id', clientId, groups: null, scopes: null },
 *   { now: Date.now, jwks: cache.source(jwksUri) }
 * );
 * result.valid; // false
 * result.firstFailure?.id; // 'exp'
 * ```
 */
export async function verifyToken(
  token: unknown,
  options: VerifyOptions,
  deps: VerifyDeps
): Promise<VerificationResult> {
  assertVerifyOptions(options);
  assertVerifyDeps(deps);
  const checkedAt = deps.now();
  const nowSeconds = checkedAt / 1000;
  const tolerance = options.clockToleranceSeconds ?? 0;
  const labels = labelsFor(tolerance);
  const result = (items: CheckItem[], decoded?: DecodedToken, jwk?: Jwk): VerificationResult => {
    const firstFailure = items.find((item) => item.status === 'fail');
    const signature = items.find((item) => item.id === 'signature');
    return {
      valid: firstFailure === undefined && signature?.status === 'pass',
      items,
      firstFailure,
      decoded,
      jwk,
      checkedAt,
      clockToleranceSeconds: tolerance
    };
  };
  const skipRest = (items: CheckItem[], reason: string): CheckItem[] => {
    const done = new Set(items.map((item) => item.id));
    const rest = (Object.keys(labels) as CheckId[]).filter((id) => !done.has(id));
    return [...items, ...rest.map((id) => skip(id, labels[id], reason))];
  };

  // 1. Structure
  let decoded: DecodedToken;
  try {
    decoded = decodeToken(token);
  } catch (err) {
    const error = isLensError(err)
      ? err
      : new VerifyError('ERR_UNEXPECTED', 'The token could not be decoded', { cause: err });
    return result(
      skipRest([fail('structure', labels.structure, error)], 'Not checked: the token could not be decoded')
    );
  }
  const structure = checkStructure(decoded, labels.structure);
  if (decoded.kind === 'jwe') {
    return result(skipRest([structure], 'Not checked: an encrypted token cannot be verified here'), decoded);
  }
  const jws = decoded;
  const items: CheckItem[] = [structure];

  // 2-4. kid, key, key type
  const kidItem = checkKid(jws, labels.kid);
  items.push(kidItem);
  let jwk: Jwk | undefined;
  let keyItem: CheckItem;
  if (kidItem.status === 'pass' && typeof kidItem.actual === 'string') {
    const found = await checkKey(kidItem.actual, deps, labels.key);
    keyItem = found.item;
    jwk = found.jwk;
  } else {
    keyItem = skip(
      'key',
      labels.key,
      jws.unsecured ? 'Not checked: the token is not signed' : 'Not checked: no kid to look up'
    );
  }
  items.push(keyItem);
  const keyTypeItem =
    jwk === undefined
      ? skip('key-type', labels['key-type'], 'Not checked: no key was found')
      : checkKeyType(jwk, labels['key-type']);
  items.push(keyTypeItem);

  // 5. Algorithm: always meaningful once decoded ("none" and HMAC are refused whatever else is wrong).
  const algorithmItem = checkAlgorithm(jws, jwk, labels.algorithm);
  items.push(algorithmItem);

  // 6. Signature: only with a usable key and an allowed algorithm.
  // Structure counts only when the token is unsigned: a mistyped claim does not stop the signature check.
  const blocker = [jws.unsecured ? structure : undefined, kidItem, keyItem, keyTypeItem, algorithmItem].find(
    (item) => item !== undefined && item.status !== 'pass'
  );
  if (blocker !== undefined || jwk === undefined) {
    const why = blocker === undefined ? 'no key' : `"${blocker.label}" did not pass`;
    items.push(skip('signature', labels.signature, `Not checked: ${why}`));
  } else {
    const alg = algorithmItem.actual as (typeof ALLOWED_ALGORITHMS)[number];
    items.push(await checkSignature(jws, jwk, alg, labels.signature));
  }

  // 7-13. Claims: evaluated even when the signature failed, because they help find the cause.
  items.push(checkExp(jws.payload, nowSeconds, tolerance, labels.exp));
  items.push(checkNbf(jws.payload, nowSeconds, tolerance, labels.nbf));
  // A token of another OpenID provider (an identity pool's, or an outside IdP's) is not a user pool's.
  const issuerLabel =
    options.tokenUse === 'not-user-pool' ? 'Issuer (iss) is the expected provider' : labels.issuer;
  items.push(checkIssuer(jws.payload, options.issuer, issuerLabel));
  items.push(checkTokenUse(jws.payload, options.tokenUse, labels['token-use']));
  items.push(checkClientId(jws.payload, options.clientId, labels['client-id'], options.tokenUse));
  items.push(
    checkOverlap(
      'groups',
      labels.groups,
      'cognito:groups',
      own(jws.payload, 'cognito:groups'),
      options.groups,
      'ERR_JWT_GROUPS'
    )
  );
  const scope = own(jws.payload, 'scope');
  items.push(
    checkOverlap(
      'scopes',
      labels.scopes,
      'scope',
      typeof scope === 'string' ? scope.split(' ') : scope,
      options.scopes,
      'ERR_JWT_SCOPES'
    )
  );
  return result(items, jws, jwk);
}
