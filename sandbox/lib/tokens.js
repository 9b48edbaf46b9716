// @ts-check
// User pool tokens shaped like Cognito's: RS256 id and access tokens signed with two different keys (kids), and a
// refresh token that is a five-part JWE only the sandbox can decrypt. Pure crypto and claims; which tokens are
// still valid (revocation, sign-out) is sessions.js's business.
import { randomUUID } from 'node:crypto';
import { CompactEncrypt, SignJWT, compactDecrypt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { notAuthorized, ServiceError } from './errors.js';
import { identitiesClaim } from './federation.js';
import { schemaClaims, schemaOf } from './schema.js';

const HOUR = 3600;
const DAY = 24 * HOUR;
/** @type {Record<string, number>} */
const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: HOUR, days: DAY };

/**
 * @typedef {object} Session What stays the same across refreshes of one sign-in.
 * @property {string} originJti
 * @property {string} eventId
 * @property {number} authTime epoch seconds
 */

/**
 * @typedef {object} Group
 * @property {string} GroupName
 * @property {number} [Precedence]
 * @property {string} [RoleArn]
 */

/**
 * @typedef {object} User cognito-local's user record (the fields tokens need).
 * @property {string} Username
 * @property {{Name: string, Value?: string}[]} [Attributes]
 */

/**
 * @typedef {object} AppClient cognito-local's app client record (the fields tokens need).
 * @property {string} ClientId
 * @property {string} UserPoolId
 * @property {number} [IdTokenValidity]
 * @property {number} [AccessTokenValidity]
 * @property {number} [RefreshTokenValidity]
 * @property {{IdToken?: string, AccessToken?: string, RefreshToken?: string}} [TokenValidityUnits]
 */

/**
 * @typedef {object} RefreshClaims What a refresh token carries, readable only after decryption.
 * @property {string} username
 * @property {string} client_id
 * @property {string} pool
 * @property {string} origin_jti
 * @property {string} event_id
 * @property {number} auth_time
 * @property {number} exp
 * @property {string} [scope] the scopes managed login granted
 */

/**
 * `cognito:groups` ordered by precedence, every group role in `cognito:roles`, and `cognito:preferred_role` from the
 * group with the lowest precedence that has a role. A tie between different roles leaves it unset, as in Cognito.
 * @param {Group[]} groups
 * @returns {Record<string, unknown>}
 */
export function groupClaims(groups) {
  if (groups.length === 0) return {};
  const rank = (/** @type {Group} */ group) => group.Precedence ?? Number.POSITIVE_INFINITY;
  const sorted = [...groups].sort((a, b) => rank(a) - rank(b) || a.GroupName.localeCompare(b.GroupName));
  const withRoles = sorted.filter((group) => group.RoleArn);
  /** @type {Record<string, unknown>} */
  const claims = { 'cognito:groups': sorted.map((group) => group.GroupName) };
  const [first] = withRoles;
  if (first) {
    claims['cognito:roles'] = [...new Set(withRoles.map((group) => group.RoleArn))];
    const best = new Set(
      withRoles.filter((group) => rank(group) === rank(first)).map((group) => group.RoleArn)
    );
    if (best.size === 1) claims['cognito:preferred_role'] = first.RoleArn;
  }
  return claims;
}

/**
 * @param {AppClient} client
 * @param {'IdToken' | 'AccessToken' | 'RefreshToken'} token
 */
export function validitySeconds(client, token) {
  const value = client[`${token}Validity`];
  if (value === undefined) return token === 'RefreshToken' ? 30 * DAY : HOUR;
  const unit = client.TokenValidityUnits?.[token] ?? (token === 'RefreshToken' ? 'days' : 'hours');
  return value * (UNIT_SECONDS[unit] ?? HOUR);
}

/**
 * @param {{
 *   keys: import('./keys.js').SandboxKeys,
 *   issuerBase: string,
 *   schemaFor?: (poolId: string) => Map<string, import('./schema.js').SchemaAttribute>,
 *   now?: () => number
 * }} options
 *   `schemaFor` gives a pool's attribute schema: id tokens carry only attributes of it (Cognito's defaults when
 *   absent). `now` returns epoch seconds; tests pass a fixed clock to mint expired tokens.
 */
export function createTokens({
  keys,
  issuerBase,
  schemaFor = () => schemaOf(undefined),
  now = () => Math.floor(Date.now() / 1000)
}) {
  const issuer = (/** @type {string} */ poolId) => `${issuerBase}/${poolId}`;

  /**
   * @param {import('./keys.js').RsaKey} key
   * @param {Record<string, unknown>} claims
   * @param {number} lifetime seconds
   */
  const sign = (key, claims, lifetime) => {
    const iat = now();
    return new SignJWT({ ...claims, iat, exp: iat + lifetime })
      .setProtectedHeader({ kid: key.kid, alg: 'RS256' })
      .setJti(randomUUID())
      .sign(key.privateKey);
  };

  return {
    issuer,

    /** @param {string} iss @returns {string} the user pool id of one of our issuers */
    poolIdOf: (iss) => iss.slice(issuerBase.length + 1),

    /** JWKS of a user pool: the id token key and the access token key. */
    jwks: () => ({ keys: [keys.idToken.publicJwk, keys.accessToken.publicJwk] }),

    /** @param {string} kid */
    publicKey: (kid) => [keys.idToken, keys.accessToken].find((key) => key.kid === kid)?.publicKey,

    /** A new sign-in: fresh origin_jti, event_id and auth_time. @returns {Session} */
    newSession: () => ({ originJti: randomUUID(), eventId: randomUUID(), authTime: now() }),

    /**
     * Id and access token for one sign-in session, as InitiateAuth and REFRESH_TOKEN_AUTH return them.
     * `nonce` (managed login) goes into the id token as the client sent it.
     * @param {{user: User, client: AppClient, groups: Group[], session: Session, scope?: string, nonce?: string}} input
     */
    async issue({ user, client, groups, session, scope = 'aws.cognito.signin.user.admin', nonce }) {
      const common = {
        sub: user.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value,
        iss: issuer(client.UserPoolId),
        origin_jti: session.originJti,
        event_id: session.eventId,
        auth_time: session.authTime
      };
      const fromGroups = groupClaims(groups);
      // Access tokens carry the groups but not their roles.
      const accessGroups = fromGroups['cognito:groups']
        ? { 'cognito:groups': fromGroups['cognito:groups'] }
        : {};
      // A federated or linked user's `identities` (stored as a JSON string attribute) is a list in the id token.
      const identities = identitiesClaim(user);
      const [IdToken, AccessToken] = await Promise.all([
        sign(
          keys.idToken,
          {
            ...schemaClaims(user.Attributes, schemaFor(client.UserPoolId)),
            ...(identities ? { identities } : {}),
            ...common,
            ...fromGroups,
            ...(nonce === undefined ? {} : { nonce }),
            'cognito:username': user.Username,
            aud: client.ClientId,
            token_use: 'id'
          },
          validitySeconds(client, 'IdToken')
        ),
        sign(
          keys.accessToken,
          {
            ...common,
            ...accessGroups,
            client_id: client.ClientId,
            token_use: 'access',
            scope,
            username: user.Username
          },
          validitySeconds(client, 'AccessToken')
        )
      ]);
      return { IdToken, AccessToken, ExpiresIn: validitySeconds(client, 'AccessToken'), TokenType: 'Bearer' };
    },

    /**
     * A JWE (RSA-OAEP + A256GCM, content type JWT) wrapping a signed JWT with the session, like Cognito's.
     * `scope`: what managed login granted, so refreshed access tokens keep it (API sign-ins have none).
     * @param {{user: User, client: AppClient, session: Session, scope?: string}} input
     */
    async refreshToken({ user, client, session, scope }) {
      const inner = await sign(
        keys.accessToken,
        {
          ...(scope === undefined ? {} : { scope }),
          username: user.Username,
          client_id: client.ClientId,
          pool: client.UserPoolId,
          origin_jti: session.originJti,
          event_id: session.eventId,
          auth_time: session.authTime
        },
        validitySeconds(client, 'RefreshToken')
      );
      return new CompactEncrypt(new TextEncoder().encode(inner))
        .setProtectedHeader({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })
        .encrypt(keys.refreshToken.publicKey);
    },

    /**
     * @param {string} token
     * @returns {Promise<RefreshClaims | undefined>} undefined unless the sandbox made it (expiry is not checked here)
     */
    async readRefreshToken(token) {
      try {
        const { plaintext } = await compactDecrypt(token, keys.refreshToken.privateKey);
        const { payload } = await jwtVerify(new TextDecoder().decode(plaintext), keys.accessToken.publicKey, {
          algorithms: ['RS256'],
          currentDate: new Date(0)
        });
        return /** @type {RefreshClaims} */ (/** @type {unknown} */ (payload));
      } catch {
        return undefined;
      }
    },

    /**
     * Signature, expiry and token_use of an access token, with Cognito's messages.
     * @param {string} token
     * @returns {Promise<import('jose').JWTPayload & {username: string, client_id: string, origin_jti: string}>}
     */
    async verifyAccessToken(token) {
      const invalid = () => notAuthorized('Invalid Access Token');
      let header;
      try {
        header = decodeProtectedHeader(token);
      } catch {
        throw invalid();
      }
      if (header.kid !== keys.accessToken.kid) throw invalid();
      try {
        const { payload } = await jwtVerify(token, keys.accessToken.publicKey, {
          algorithms: ['RS256'],
          currentDate: new Date(now() * 1000)
        });
        if (
          payload.token_use !== 'access' ||
          typeof payload.iss !== 'string' ||
          !payload.iss.startsWith(issuerBase)
        ) {
          throw invalid();
        }
        return /** @type {any} */ (payload);
      } catch (error) {
        if (error instanceof errors.JWTExpired) {
          throw notAuthorized('Access Token has expired');
        }
        throw error instanceof ServiceError ? error : invalid();
      }
    }
  };
}

/** @typedef {ReturnType<typeof createTokens>} Tokens */
