import type {
  CognitoInputErrorCode,
  JwksErrorCode,
  LensErrorCode,
  OAuthErrorCode,
  TokenErrorCode,
  VerifyErrorCode
} from './codes';

/**
 * Structured facts about an error (e.g. `{ part: 2 }` or `{ actual, expected }`), for the page to show.
 *
 * @example
 * ```ts
 * const details: ErrorDetails = { part: 2, partName: 'payload' };
 * ```
 */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/**
 * Options accepted by every {@link LensError} constructor.
 *
 * @example
 * ```ts
 * new JwksError('ERR_JWKS_FETCH', 'Could not fetch', { details: { uri }, cause: err });
 * ```
 */
export interface LensErrorOptions {
  /** Facts the explainer and the page can use; never needed to understand the message. */
  readonly details?: ErrorDetails;
  /** The lower-level error this one wraps (a `TypeError` from `fetch`, a `SyntaxError` from JSON...). */
  readonly cause?: unknown;
}

/**
 * The base class of every error the pure modules throw. Switch on `code`, never on `message`:
 * messages are written for people and may change, codes are stable.
 *
 * @example
 * ```ts
 * try {
 *   decodeToken(text);
 * } catch (err) {
 *   if (err instanceof LensError && err.code === 'ERR_TOKEN_BASE64URL') highlight(err.details?.part);
 * }
 * ```
 */
export class LensError<C extends LensErrorCode = LensErrorCode> extends Error {
  // Names are literal strings, not `new.target.name`: a minifier renames classes in the browser bundle.
  override name: string = 'LensError';
  readonly code: C;
  readonly details: ErrorDetails | undefined;

  constructor(code: C, message: string, options: LensErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}

/**
 * A compact token could not be split, base64url-decoded or parsed; `details.part` says where (1-based).
 *
 * @example
 * ```ts
 * throw new TokenError('ERR_TOKEN_PARTS', 'Expected 3 or 5 parts, found 2', { details: { count: 2 } });
 * ```
 */
export class TokenError extends LensError<TokenErrorCode> {
  override name = 'TokenError';
}

/**
 * A JWKS could not be fetched or parsed, or a key in it is unusable or missing.
 *
 * @example
 * ```ts
 * throw new JwksError('ERR_JWKS_HTTP', 'The JWKS URL answered 404', { details: { status: 404 } });
 * ```
 */
export class JwksError extends LensError<JwksErrorCode> {
  override name = 'JwksError';
}

/**
 * A verification check failed, or `verifyToken` was called with incomplete options.
 *
 * @example
 * ```ts
 * throw new VerifyError('ERR_JWT_ISSUER', 'Issuer not allowed', { details: { actual, expected } });
 * ```
 */
export class VerifyError extends LensError<VerifyErrorCode> {
  override name = 'VerifyError';
}

/**
 * What was typed into a Cognito settings field (region, pool id, client id...) is not usable.
 * `details.suggestion`, when present, is a corrected value the page can offer.
 *
 * @example
 * ```ts
 * throw new CognitoInputError('ERR_INPUT_EMPTY', 'Enter a region', { details: { field: 'region' } });
 * ```
 */
export class CognitoInputError extends LensError<CognitoInputErrorCode> {
  override name = 'CognitoInputError';
}

/**
 * A failed managed login: the redirect came back with an error, the state did not match, or the code exchange
 * at `/oauth2/token` was refused. `details.oauthError` keeps the OAuth error string (`access_denied`...).
 *
 * @example
 * ```ts
 * throw oauthError('invalid_grant', 'Authorization code has expired');
 * ```
 */
export class OAuthError extends LensError<OAuthErrorCode> {
  override name = 'OAuthError';
}

const OAUTH_CODES: Readonly<Record<string, OAuthErrorCode>> = {
  state_missing: 'ERR_OAUTH_STATE',
  state_mismatch: 'ERR_OAUTH_STATE',
  access_denied: 'ERR_OAUTH_DENIED',
  invalid_grant: 'ERR_OAUTH_CODE',
  missing_code: 'ERR_OAUTH_CODE',
  redirect_mismatch: 'ERR_OAUTH_REDIRECT',
  invalid_client: 'ERR_OAUTH_CLIENT',
  unauthorized_client: 'ERR_OAUTH_CLIENT',
  invalid_scope: 'ERR_OAUTH_SCOPE'
};

/**
 * The typed error for an OAuth error string from a redirect or from `/oauth2/token`.
 *
 * @example
 * ```ts
 * oauthError('state_mismatch', 'The state differs').code; // 'ERR_OAUTH_STATE'
 * ```
 */
export function oauthError(error: string, description: string): OAuthError {
  const code = OAUTH_CODES[error] ?? 'ERR_OAUTH';
  return new OAuthError(code, description || error, { details: { oauthError: error } });
}

/**
 * Narrow an unknown thrown value to a {@link LensError}, optionally of one code.
 *
 * @example
 * ```ts
 * if (isLensError(err, 'ERR_JWKS_FETCH')) showOfflineHint();
 * ```
 */
export function isLensError<C extends LensErrorCode>(value: unknown, code?: C): value is LensError<C> {
  return value instanceof LensError && (code === undefined || value.code === code);
}
