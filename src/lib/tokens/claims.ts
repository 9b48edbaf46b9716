// The claim dictionary: data, not code. One line of meaning per claim, and where to read more.

/**
 * Where a claim is defined.
 *
 * @example
 * ```ts
 * describeClaim('cognito:groups').source; // 'cognito'
 * ```
 */
export type ClaimSource = 'jwt' | 'oidc' | 'cognito' | 'custom' | 'header' | 'unknown';

/**
 * A link to the page that defines or documents a claim.
 *
 * @example
 * ```ts
 * const { href, title }: ClaimLink = describeClaim('exp').link;
 * ```
 */
export interface ClaimLink {
  readonly href: string;
  readonly title: string;
}

/**
 * What a claim (or a header parameter) means.
 *
 * @example
 * ```ts
 * const info: ClaimInfo = describeClaim('exp');
 * info.time; // true
 * ```
 */
export interface ClaimInfo {
  readonly name: string;
  /** One line, plain language. */
  readonly meaning: string;
  readonly source: ClaimSource;
  /** A NumericDate: seconds since 1970-01-01T00:00:00Z. */
  readonly time: boolean;
  readonly link: ClaimLink;
  /** False for a claim this dictionary does not know. */
  readonly known: boolean;
}

type Entry = Omit<ClaimInfo, 'name' | 'known'>;

const RFC7519 = (section: string, title: string): ClaimLink => ({
  href: `https://www.rfc-editor.org/rfc/rfc7519#section-${section}`,
  title: `RFC 7519 section ${section}: ${title}`
});
const RFC7515 = (section: string, title: string): ClaimLink => ({
  href: `https://www.rfc-editor.org/rfc/rfc7515#section-${section}`,
  title: `RFC 7515 section ${section}: ${title}`
});
const RFC7516 = (section: string, title: string): ClaimLink => ({
  href: `https://www.rfc-editor.org/rfc/rfc7516#section-${section}`,
  title: `RFC 7516 section ${section}: ${title}`
});
const OIDC_STANDARD: ClaimLink = {
  href: 'https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims',
  title: 'OpenID Connect Core 1.0, section 5.1: Standard Claims'
};
const OIDC_ID_TOKEN: ClaimLink = {
  href: 'https://openid.net/specs/openid-connect-core-1_0.html#IDToken',
  title: 'OpenID Connect Core 1.0, section 2: ID Token'
};
const OIDC_AT_HASH: ClaimLink = {
  href: 'https://openid.net/specs/openid-connect-core-1_0.html#CodeIDToken',
  title: 'OpenID Connect Core 1.0, section 3.1.3.6: ID Token (at_hash)'
};
const COGNITO_ID_TOKEN: ClaimLink = {
  href: 'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html',
  title: 'Amazon Cognito: understanding the ID token'
};
const COGNITO_ACCESS_TOKEN: ClaimLink = {
  href: 'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html',
  title: 'Amazon Cognito: understanding the access token'
};
const COGNITO_ROLES: ClaimLink = {
  href: 'https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html',
  title: 'Amazon Cognito: using role-based access control'
};
const COGNITO_AMR_ACR: ClaimLink = {
  href: 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-step-up-authentication.html',
  title: 'Amazon Cognito: authentication levels with ACR and AMR claims'
};
const COGNITO_CUSTOM_ATTRIBUTES: ClaimLink = {
  href: 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-custom-attributes',
  title: 'Amazon Cognito: custom attributes'
};
const COGNITO_PRE_TOKEN: ClaimLink = {
  href: 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html',
  title: 'Amazon Cognito: pre token generation Lambda trigger'
};

const claim = (meaning: string, source: ClaimSource, link: ClaimLink, time = false): Entry => ({
  meaning,
  source,
  link,
  time
});

/**
 * Payload claims by name. A Map, so that names like `__proto__` or `constructor` are never inherited.
 *
 * @example
 * ```ts
 * PAYLOAD_CLAIMS.get('auth_time')?.time; // true
 * ```
 */
export const PAYLOAD_CLAIMS: ReadonlyMap<string, Entry> = new Map<string, Entry>([
  // RFC 7519 registered claims
  [
    'iss',
    claim(
      'Issuer: who created and signed the token; for Cognito, the user pool URL.',
      'jwt',
      RFC7519('4.1.1', 'iss')
    )
  ],
  [
    'sub',
    claim(
      'Subject: the user\u2019s unique, never reused id in this user pool (a UUID).',
      'jwt',
      RFC7519('4.1.2', 'sub')
    )
  ],
  [
    'aud',
    claim(
      'Audience: who the token is for; in a Cognito id token, the app client id.',
      'jwt',
      RFC7519('4.1.3', 'aud')
    )
  ],
  [
    'exp',
    claim('Expiration time: reject the token at or after this moment.', 'jwt', RFC7519('4.1.4', 'exp'), true)
  ],
  ['nbf', claim('Not before: reject the token before this moment.', 'jwt', RFC7519('4.1.5', 'nbf'), true)],
  [
    'iat',
    claim(
      'Issued at: when the token was created (a refresh gives a new one).',
      'jwt',
      RFC7519('4.1.6', 'iat'),
      true
    )
  ],
  [
    'jti',
    // Revocation keys on origin_jti, not jti: https://repost.aws/knowledge-center/cognito-revoke-refresh-tokens
    claim(
      'JWT id: a unique id for this very token; a refresh gives the new token a new one.',
      'jwt',
      RFC7519('4.1.7', 'jti')
    )
  ],
  // OpenID Connect
  [
    'auth_time',
    claim(
      'When the user actually signed in; unlike iat, it stays the same across refreshes.',
      'oidc',
      OIDC_ID_TOKEN,
      true
    )
  ],
  [
    'nonce',
    claim(
      'The random value the app sent when it started sign-in, echoed back to block replayed tokens.',
      'oidc',
      OIDC_ID_TOKEN
    )
  ],
  [
    'at_hash',
    claim(
      'Half of the SHA-256 hash of the access token issued with this id token, binding the two together.',
      'oidc',
      OIDC_AT_HASH
    )
  ],
  [
    'amr',
    claim(
      'Authentication methods references: how the user signed in (e.g. "pwd", "mfa"); in identity pool tokens, "authenticated" or "unauthenticated".',
      'oidc',
      COGNITO_AMR_ACR
    )
  ],
  [
    'acr',
    claim(
      'Authentication context class: the authentication level the sign-in reached.',
      'oidc',
      COGNITO_AMR_ACR
    )
  ],
  [
    'azp',
    claim(
      'Authorized party: the client the token was issued to, when it differs from the audience.',
      'oidc',
      OIDC_ID_TOKEN
    )
  ],
  ['name', claim('The user\u2019s full name (the "name" attribute).', 'oidc', OIDC_STANDARD)],
  ['given_name', claim('The user\u2019s first name.', 'oidc', OIDC_STANDARD)],
  ['family_name', claim('The user\u2019s last name.', 'oidc', OIDC_STANDARD)],
  ['middle_name', claim('The user\u2019s middle name.', 'oidc', OIDC_STANDARD)],
  ['nickname', claim('A casual name for the user.', 'oidc', OIDC_STANDARD)],
  [
    'preferred_username',
    claim(
      'The name the user likes to be called; in Cognito, an alias they can sign in with.',
      'oidc',
      OIDC_STANDARD
    )
  ],
  ['profile', claim('URL of the user\u2019s profile page.', 'oidc', OIDC_STANDARD)],
  ['picture', claim('URL of the user\u2019s picture.', 'oidc', OIDC_STANDARD)],
  ['website', claim('URL of the user\u2019s web site.', 'oidc', OIDC_STANDARD)],
  [
    'email',
    claim('The user\u2019s email address; trust it only if email_verified is true.', 'oidc', OIDC_STANDARD)
  ],
  [
    'email_verified',
    claim('Whether the user proved they own the email address (by a code or link).', 'oidc', OIDC_STANDARD)
  ],
  ['gender', claim('The user\u2019s gender, as they gave it.', 'oidc', OIDC_STANDARD)],
  ['birthdate', claim('The user\u2019s birthday, as YYYY-MM-DD (or YYYY).', 'oidc', OIDC_STANDARD)],
  ['zoneinfo', claim('The user\u2019s time zone, e.g. Europe/Paris.', 'oidc', OIDC_STANDARD)],
  ['locale', claim('The user\u2019s language and country, e.g. en-US.', 'oidc', OIDC_STANDARD)],
  [
    'phone_number',
    claim(
      'The user\u2019s phone number in E.164 form (+12065551234); trust it only if verified.',
      'oidc',
      OIDC_STANDARD
    )
  ],
  [
    'phone_number_verified',
    claim('Whether the user proved they own the phone number (by an SMS code).', 'oidc', OIDC_STANDARD)
  ],
  [
    'address',
    claim(
      'The user\u2019s postal address (an object with a "formatted" member in Cognito).',
      'oidc',
      OIDC_STANDARD
    )
  ],
  ['updated_at', claim('When the user\u2019s profile was last changed.', 'oidc', OIDC_STANDARD, true)],
  // Cognito
  [
    'token_use',
    claim(
      'Which Cognito token this is: "id" (who the user is) or "access" (what it may call).',
      'cognito',
      COGNITO_ID_TOKEN
    )
  ],
  [
    'client_id',
    claim(
      'The app client the access token was issued to (access tokens have no aud).',
      'cognito',
      COGNITO_ACCESS_TOKEN
    )
  ],
  [
    'scope',
    claim(
      'Space-separated permissions granted to the access token, e.g. "openid email aws.cognito.signin.user.admin".',
      'cognito',
      COGNITO_ACCESS_TOKEN
    )
  ],
  [
    'username',
    claim(
      'The user\u2019s username in the pool (access tokens; id tokens use cognito:username).',
      'cognito',
      COGNITO_ACCESS_TOKEN
    )
  ],
  [
    'cognito:username',
    claim(
      'The user\u2019s username in the pool; federated users get a provider prefix, e.g. "Google_1234".',
      'cognito',
      COGNITO_ID_TOKEN
    )
  ],
  [
    'cognito:groups',
    claim(
      'The user pool groups the user belonged to when this token was issued (at sign-in or at the last refresh).',
      'cognito',
      COGNITO_ID_TOKEN
    )
  ],
  [
    'cognito:roles',
    claim(
      'IAM role ARNs of the user\u2019s groups, which an identity pool may choose from.',
      'cognito',
      COGNITO_ROLES
    )
  ],
  [
    'cognito:preferred_role',
    claim(
      'The IAM role of the user\u2019s group with the best (lowest) precedence.',
      'cognito',
      COGNITO_ROLES
    )
  ],
  [
    'origin_jti',
    // Tokens refreshed from one sign-in share origin_jti; RevokeToken invalidates all of them for Cognito.
    // https://repost.aws/knowledge-center/cognito-revoke-refresh-tokens
    claim(
      'The id of the sign-in this token descends from, shared by every refreshed token; revocation uses it.',
      'cognito',
      COGNITO_ID_TOKEN
    )
  ],
  ['event_id', claim('The id of the sign-in event that produced this token.', 'cognito', COGNITO_ID_TOKEN)],
  [
    'identities',
    claim(
      'For users who signed in through an external provider (Google, SAML...): which one, and their id there.',
      'cognito',
      COGNITO_ID_TOKEN
    )
  ],
  [
    'device_key',
    claim(
      'The remembered device the user signed in from, when device tracking is on.',
      'cognito',
      COGNITO_ACCESS_TOKEN
    )
  ],
  [
    'version',
    // Ordinary access tokens carry "version": 2, customised or not (the sample payload on the access token page).
    // https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
    claim(
      'The version of the access token format; Cognito access tokens carry 2.',
      'cognito',
      COGNITO_ACCESS_TOKEN
    )
  ]
]);

/**
 * Header parameters by name (JWS and JWE).
 *
 * @example
 * ```ts
 * HEADER_PARAMETERS.get('kid')?.meaning;
 * ```
 */
export const HEADER_PARAMETERS: ReadonlyMap<string, Entry> = new Map<string, Entry>([
  [
    'alg',
    claim(
      'Algorithm: how the token was signed (RS256 for Cognito) or, in a JWE, how its key was encrypted.',
      'header',
      RFC7515('4.1.1', 'alg')
    )
  ],
  [
    'kid',
    claim('Key id: which key of the issuer\u2019s JWKS signed the token.', 'header', RFC7515('4.1.4', 'kid'))
  ],
  ['typ', claim('Type of the whole token, e.g. "JWT".', 'header', RFC7515('4.1.9', 'typ'))],
  [
    'cty',
    claim(
      'Content type: "JWT" means the content is itself a token (nested).',
      'header',
      RFC7515('4.1.10', 'cty')
    )
  ],
  ['enc', claim('Content encryption algorithm of a JWE, e.g. A256GCM.', 'header', RFC7516('4.1.2', 'enc'))],
  ['zip', claim('Compression applied before encryption, e.g. DEF.', 'header', RFC7516('4.1.3', 'zip'))],
  [
    'jku',
    claim(
      'URL of a JWKS with the key; never follow it blindly, use the issuer\u2019s known JWKS.',
      'header',
      RFC7515('4.1.2', 'jku')
    )
  ],
  [
    'jwk',
    claim(
      'The public key itself, embedded; never trust it, or anyone could sign.',
      'header',
      RFC7515('4.1.3', 'jwk')
    )
  ],
  ['x5u', claim('URL of an X.509 certificate chain for the key.', 'header', RFC7515('4.1.5', 'x5u'))],
  ['x5c', claim('An X.509 certificate chain for the key, embedded.', 'header', RFC7515('4.1.6', 'x5c'))],
  ['x5t', claim('SHA-1 thumbprint of the X.509 certificate of the key.', 'header', RFC7515('4.1.7', 'x5t'))],
  [
    'x5t#S256',
    claim('SHA-256 thumbprint of the X.509 certificate of the key.', 'header', RFC7515('4.1.8', 'x5t#S256'))
  ],
  [
    'crit',
    claim(
      'Extensions the recipient must understand, or else reject the token.',
      'header',
      RFC7515('4.1.11', 'crit')
    )
  ]
]);

/**
 * Entry for `custom:<name>` attributes (and `dev:custom:<name>`, developer-only attributes).
 *
 * @example
 * ```ts
 * CUSTOM_ATTRIBUTE.source; // 'custom'
 * ```
 */
export const CUSTOM_ATTRIBUTE: Entry = claim(
  'A custom user attribute defined in this user pool.',
  'custom',
  COGNITO_CUSTOM_ATTRIBUTES
);

/**
 * Entry for a payload claim nobody defined: usually added by a pre token generation trigger.
 *
 * @example
 * ```ts
 * UNKNOWN_PAYLOAD_CLAIM.source; // 'unknown'
 * ```
 */
export const UNKNOWN_PAYLOAD_CLAIM: Entry = claim(
  'Not a standard or Cognito claim: added by a pre token generation Lambda trigger, or by another issuer.',
  'unknown',
  COGNITO_PRE_TOKEN
);

/**
 * Entry for an unknown header parameter.
 *
 * @example
 * ```ts
 * UNKNOWN_HEADER_PARAMETER.source; // 'unknown'
 * ```
 */
export const UNKNOWN_HEADER_PARAMETER: Entry = claim(
  'Not a registered header parameter; Cognito tokens only have kid and alg.',
  'unknown',
  RFC7515('4', 'JOSE Header')
);
