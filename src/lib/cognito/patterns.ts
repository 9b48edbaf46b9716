// Internal: the shapes of Cognito identifiers, in one place.

/**
 * A region code: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, `eusc-de-east-1`...
 *
 * @example
 * ```ts
 * new RegExp(`^${REGION_SOURCE}$`).test('us-gov-west-1'); // true
 * ```
 */
export const REGION_SOURCE = '(?:[a-z]{2}|eusc-[a-z]{2})(?:-[a-z]+)+-\\d{1,2}';

/**
 * A whole string that is a region code.
 *
 * @example
 * ```ts
 * REGION.test('eu-central-2'); // true
 * ```
 */
export const REGION = new RegExp(`^${REGION_SOURCE}$`);

/**
 * The pseudo-region of pools created by the local sandbox (cognito-local uses `local`).
 *
 * @example
 * ```ts
 * new RegExp(`^${SANDBOX_REGION_SOURCE}$`).test('local'); // true
 * ```
 */
export const SANDBOX_REGION_SOURCE = '[A-Za-z0-9-]+';

/**
 * `<region>_<letters and digits>`, e.g. `eu-west-1_AbC123xyz`.
 *
 * @example
 * ```ts
 * USER_POOL_ID.exec('eu-west-1_AbC123xyz')?.groups?.region; // 'eu-west-1'
 * ```
 */
export const USER_POOL_ID = new RegExp(`^(?<region>${REGION_SOURCE})_(?<suffix>[A-Za-z0-9]+)$`);
/**
 * A sandbox user pool id: any pseudo-region, an underscore, letters and digits.
 *
 * @example
 * ```ts
 * SANDBOX_USER_POOL_ID.test('local_AbC123'); // true
 * ```
 */
export const SANDBOX_USER_POOL_ID = new RegExp(
  `^(?<region>${SANDBOX_REGION_SOURCE})_(?<suffix>[A-Za-z0-9]+)$`
);

/**
 * A GUID as Cognito writes it: lowercase hex.
 *
 * @example
 * ```ts
 * new RegExp(`^${GUID_SOURCE}$`).test('1a2b3c4d-1111-2222-3333-444455556666'); // true
 * ```
 */
export const GUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/**
 * A GUID in any case, to recognise one pasted in upper case.
 *
 * @example
 * ```ts
 * GUID_ANY_CASE.test('1A2B3C4D-1111-2222-3333-444455556666'); // true
 * ```
 */
export const GUID_ANY_CASE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * `<region>:<guid>`, e.g. `eu-west-1:1a2b3c4d-1111-2222-3333-444455556666`.
 *
 * @example
 * ```ts
 * IDENTITY_POOL_ID.exec('eu-west-1:1a2b3c4d-1111-2222-3333-444455556666')?.groups?.guid;
 * ```
 */
export const IDENTITY_POOL_ID = new RegExp(`^(?<region>${REGION_SOURCE}):(?<guid>${GUID_SOURCE})$`);

/**
 * Anything with a colon and something GUID-like after it: how an identity pool id looks at a glance.
 *
 * @example
 * ```ts
 * LOOKS_LIKE_IDENTITY_POOL_ID.test('eu-west-1:1A2B3C4D-1111-2222-3333-444455556666'); // true
 * ```
 */
export const LOOKS_LIKE_IDENTITY_POOL_ID = /^[A-Za-z0-9-]+:[0-9a-fA-F-]{30,40}$/;

/**
 * Anything with an underscore after a region-like prefix: how a user pool id looks at a glance.
 *
 * @example
 * ```ts
 * LOOKS_LIKE_USER_POOL_ID.test('eu-west-1_AbC123xyz'); // true
 * ```
 */
export const LOOKS_LIKE_USER_POOL_ID = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}_[A-Za-z0-9]+$/;

/**
 * What the CreateUserPoolClient API accepts as a ClientId: 1 to 128 of `[\w+]`.
 *
 * @example
 * ```ts
 * CLIENT_ID_API.test('abc_DEF+123'); // true
 * ```
 */
export const CLIENT_ID_API = /^[\w+]{1,128}$/;

/**
 * What real Cognito app client ids look like: 26 lowercase letters and digits.
 *
 * @example
 * ```ts
 * CLIENT_ID_REAL.test('3n4b5urk1ft4fl3mg5e62d9ado'); // true
 * ```
 */
export const CLIENT_ID_REAL = /^[a-z0-9]{26}$/;
