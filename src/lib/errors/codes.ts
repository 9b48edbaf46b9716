/**
 * Every error code the pure modules can raise, grouped by the class that raises it.
 *
 * Codes are the stable contract: the page and the explainer switch on them, never on messages.
 * The lists are `as const` arrays (not enums) so tests can iterate them and prove that
 * `explainError` has an entry for every one.
 *
 * @example
 * ```ts
 * import { TOKEN_ERROR_CODES } from '$lib/errors';
 * TOKEN_ERROR_CODES.includes('ERR_TOKEN_PARTS'); // true
 * ```
 */
export const TOKEN_ERROR_CODES = [
  'ERR_TOKEN_NOT_STRING',
  'ERR_TOKEN_EMPTY',
  'ERR_TOKEN_TOO_LARGE',
  'ERR_TOKEN_PARTS',
  'ERR_TOKEN_PART_EMPTY',
  'ERR_TOKEN_BASE64URL',
  'ERR_TOKEN_UTF8',
  'ERR_TOKEN_JSON',
  'ERR_TOKEN_NOT_OBJECT',
  'ERR_TOKEN_ENCRYPTED',
  'ERR_TOKEN_UNSECURED',
  'ERR_TOKEN_CLAIM_TYPE'
] as const;

/**
 * Codes raised while fetching, parsing or searching a JSON Web Key Set.
 *
 * @example
 * ```ts
 * import { JWKS_ERROR_CODES } from '$lib/errors';
 * JWKS_ERROR_CODES.includes('ERR_JWKS_KID_NOT_FOUND'); // true
 * ```
 */
export const JWKS_ERROR_CODES = [
  'ERR_JWKS_FETCH',
  'ERR_JWKS_HTTP',
  'ERR_JWKS_JSON',
  'ERR_JWKS_SHAPE',
  'ERR_JWKS_KID_NOT_FOUND',
  'ERR_JWKS_BACKOFF',
  'ERR_JWK_KTY',
  'ERR_JWK_USE',
  'ERR_JWK_INVALID'
] as const;

/**
 * Codes raised by the verification checklist (one per failing check) and for a misuse of its options.
 *
 * @example
 * ```ts
 * import { VERIFY_ERROR_CODES } from '$lib/errors';
 * VERIFY_ERROR_CODES.includes('ERR_JWT_EXPIRED'); // true
 * ```
 */
export const VERIFY_ERROR_CODES = [
  'ERR_VERIFY_OPTIONS',
  'ERR_JWT_KID_MISSING',
  'ERR_JWT_ALG_NONE',
  'ERR_JWT_ALG_HMAC',
  'ERR_JWT_ALG_UNSUPPORTED',
  'ERR_JWT_ALG_MISMATCH',
  'ERR_JWT_SIGNATURE',
  'ERR_JWT_EXPIRED',
  'ERR_JWT_NOT_YET_VALID',
  'ERR_JWT_ISSUER',
  'ERR_JWT_TOKEN_USE',
  'ERR_JWT_CLIENT_ID',
  'ERR_JWT_GROUPS',
  'ERR_JWT_SCOPES',
  'ERR_UNEXPECTED'
] as const;

/**
 * Codes raised when parsing what a user typed into a Cognito settings field.
 *
 * @example
 * ```ts
 * import { COGNITO_INPUT_ERROR_CODES } from '$lib/errors';
 * COGNITO_INPUT_ERROR_CODES.includes('ERR_USER_POOL_ID_IS_IDENTITY_POOL_ID'); // true
 * ```
 */
export const COGNITO_INPUT_ERROR_CODES = [
  'ERR_INPUT_EMPTY',
  'ERR_INPUT_PADDED',
  'ERR_REGION_INVALID',
  'ERR_USER_POOL_ID_INVALID',
  'ERR_USER_POOL_ID_REGION_MISMATCH',
  'ERR_USER_POOL_ID_IS_IDENTITY_POOL_ID',
  'ERR_IDENTITY_POOL_ID_INVALID',
  'ERR_IDENTITY_POOL_ID_REGION_MISMATCH',
  'ERR_IDENTITY_POOL_ID_IS_USER_POOL_ID',
  'ERR_CLIENT_ID_INVALID',
  'ERR_CLIENT_ID_IS_POOL_ID',
  'ERR_CLIENT_ID_LOOKS_LIKE_SECRET',
  'ERR_ENDPOINT_INVALID',
  'ERR_PLAIN_PASSWORD_FOREIGN_HOST',
  'ERR_ISSUER_INVALID'
] as const;

/**
 * A code raised by the managed login (OAuth 2.0 authorization code + PKCE) round trip.
 *
 * @example
 * ```ts
 * OAUTH_ERROR_CODES.includes('ERR_OAUTH_STATE'); // true
 * ```
 */
export const OAUTH_ERROR_CODES = [
  'ERR_OAUTH_STATE',
  'ERR_OAUTH_DENIED',
  'ERR_OAUTH_CODE',
  'ERR_OAUTH_REDIRECT',
  'ERR_OAUTH_CLIENT',
  'ERR_OAUTH_SCOPE',
  'ERR_SIGN_IN_WINDOW_BLOCKED',
  'ERR_SIGN_IN_WINDOW_CLOSED',
  'ERR_OAUTH'
] as const;

/**
 * A code raised while decoding a compact token.
 *
 * @example
 * ```ts
 * const code: TokenErrorCode = 'ERR_TOKEN_BASE64URL';
 * ```
 */
export type TokenErrorCode = (typeof TOKEN_ERROR_CODES)[number];
/**
 * A code raised while fetching, parsing or searching a JWKS.
 *
 * @example
 * ```ts
 * const code: JwksErrorCode = 'ERR_JWKS_FETCH';
 * ```
 */
export type JwksErrorCode = (typeof JWKS_ERROR_CODES)[number];
/**
 * A code raised by the verification checklist.
 *
 * @example
 * ```ts
 * const code: VerifyErrorCode = 'ERR_JWT_SIGNATURE';
 * ```
 */
export type VerifyErrorCode = (typeof VERIFY_ERROR_CODES)[number];
/**
 * A code raised while parsing a Cognito settings field.
 *
 * @example
 * ```ts
 * const code: CognitoInputErrorCode = 'ERR_INPUT_PADDED';
 * ```
 */
export type CognitoInputErrorCode = (typeof COGNITO_INPUT_ERROR_CODES)[number];
/**
 * Any code a {@link LensError} can carry.
 *
 * @example
 * ```ts
 * function label(code: LensErrorCode): string { return code.replace(/^ERR_/, ''); }
 * ```
 */
/**
 * A code raised by the managed login round trip.
 *
 * @example
 * ```ts
 * const code: OAuthErrorCode = 'ERR_OAUTH_STATE';
 * ```
 */
export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];
export type LensErrorCode =
  TokenErrorCode | JwksErrorCode | VerifyErrorCode | CognitoInputErrorCode | OAuthErrorCode;

/**
 * All codes of the pure modules, in one list.
 *
 * @example
 * ```ts
 * import { LENS_ERROR_CODES } from '$lib/errors';
 * for (const code of LENS_ERROR_CODES) console.log(code);
 * ```
 */
export const LENS_ERROR_CODES: readonly LensErrorCode[] = [
  ...TOKEN_ERROR_CODES,
  ...JWKS_ERROR_CODES,
  ...VERIFY_ERROR_CODES,
  ...COGNITO_INPUT_ERROR_CODES,
  ...OAUTH_ERROR_CODES
];
