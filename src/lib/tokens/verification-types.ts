import type { LensError } from '../errors/lens-error';
import type { DecodedToken, Jwk, JwksSource } from './types';

/**
 * The checklist, in the order it is evaluated and shown.
 *
 * @example
 * ```ts
 * CHECK_IDS.indexOf('signature') < CHECK_IDS.indexOf('exp'); // true
 * ```
 */
export const CHECK_IDS = [
  'structure',
  'kid',
  'key',
  'key-type',
  'algorithm',
  'signature',
  'exp',
  'nbf',
  'issuer',
  'token-use',
  'client-id',
  'groups',
  'scopes'
] as const;

/**
 * One check of the checklist.
 *
 * @example
 * ```ts
 * const id: CheckId = 'signature';
 * ```
 */
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * `skipped` means not evaluated: the option was `null`, or a check it depends on failed (see `reason`).
 *
 * @example
 * ```ts
 * const icon = { pass: '✓', fail: '✗', skipped: '–' } satisfies Record<CheckStatus, string>;
 * ```
 */
export type CheckStatus = 'pass' | 'fail' | 'skipped';

/**
 * One line of the checklist.
 *
 * @example
 * ```ts
 * const item: CheckItem = { id: 'issuer', label: 'Issuer (iss) is the expected user pool', status: 'fail',
 *   reason: 'iss is https://... but ... was expected', actual: 'https://...', expected: ['https://...'] };
 * ```
 */
export interface CheckItem {
  readonly id: CheckId;
  /** Short human label; time checks state the clock tolerance. */
  readonly label: string;
  readonly status: CheckStatus;
  /** Why it passed, failed or was skipped, in a sentence. */
  readonly reason?: string;
  /** The value found in the token or key (JSON-serialisable). */
  readonly actual?: unknown;
  /** The value required (JSON-serialisable). */
  readonly expected?: unknown;
  /** For a failure: the typed error, ready for `explainError`. */
  readonly error?: LensError;
}

/**
 * A value, or several accepted values (any one of them is enough), or `null` to skip the check.
 *
 * @example
 * ```ts
 * const clientId: Accepted = ['client-a', 'client-b'];
 * ```
 */
export type Accepted = string | readonly string[] | null;

/**
 * What the token must satisfy. Every security option is required: pass `null` to skip a check on purpose
 * (it is then reported as `skipped`), as aws-jwt-verify requires; nothing is silently defaulted.
 *
 * @example
 * ```ts
 * const options: VerifyOptions = {
 *   issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz',
 *   tokenUse: 'id',
 *   clientId: '3n4b5urk1ft4fl3mg5e62d9ado',
 *   groups: null,
 *   scopes: null
 * };
 * ```
 */
export interface VerifyOptions {
  /** Accepted `iss` values (Cognito has two issuer forms, see `deriveAcceptedIssuers`). */
  readonly issuer: Accepted;
  /**
   * Required `token_use`. With `null`, `token_use` must still be `id` or `access`, as in aws-jwt-verify.
   * `'not-user-pool'` is for tokens that are not from a user pool (an identity pool's OpenID token): skipped.
   */
  readonly tokenUse: 'id' | 'access' | 'not-user-pool' | null;
  /** Accepted app client ids, compared with `aud` (id token) or `client_id` (access token). */
  readonly clientId: Accepted;
  /** The user must be in at least one of these groups (`cognito:groups`). */
  readonly groups: Accepted;
  /** The token must carry at least one of these scopes (`scope`). */
  readonly scopes: Accepted;
  /** Seconds of clock skew accepted on `exp` and `nbf`. Default 0, as aws-jwt-verify's `graceSeconds`. */
  readonly clockToleranceSeconds?: number;
}

/**
 * Side effects of verification, injected.
 *
 * @example
 * ```ts
 * const deps: VerifyDeps = { now: Date.now, jwks: cache.source(jwksUri) };
 * ```
 */
export interface VerifyDeps {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Where the signing key comes from (the fetch, if any, lives in there). */
  readonly jwks: JwksSource;
}

/**
 * The full checklist and its verdict.
 *
 * @example
 * ```ts
 * const result = await verifyToken(token, options, deps);
 * if (!result.valid) console.log(result.firstFailure?.id, result.firstFailure?.reason);
 * ```
 */
export interface VerificationResult {
  /** True only when no check failed and the signature was verified. */
  readonly valid: boolean;
  /** Every check of {@link CHECK_IDS}, in that order. */
  readonly items: readonly CheckItem[];
  /** The first failing check, the cause to show first. */
  readonly firstFailure: CheckItem | undefined;
  /** The decoded token, when it could be decoded. */
  readonly decoded: DecodedToken | undefined;
  /** The key the token points to, when it was found. */
  readonly jwk: Jwk | undefined;
  /** The instant the time checks used, in milliseconds. */
  readonly checkedAt: number;
  readonly clockToleranceSeconds: number;
}
