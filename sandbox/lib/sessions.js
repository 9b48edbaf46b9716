// @ts-check
// The life of a sign-in after the password: issuing tokens, REFRESH_TOKEN_AUTH, RevokeToken and GlobalSignOut.
//
// A refresh token is valid while it is listed in its user's RefreshTokens (cognito-local's own bookkeeping, kept so
// its OAuth2 endpoints agree). Revoking one, or signing out everywhere, also records the session's origin_jti in
// revocations.json, which is what makes the access and id tokens of that session stop working too.
import { ServiceError, notAuthorized } from './errors.js';

/** @typedef {import('./directory.js').ClientRecord} ClientRecord */
/** @typedef {import('./directory.js').UserRecord} UserRecord */

/**
 * @param {{
 *   directory: import('./directory.js').Directory,
 *   tokens: import('./tokens.js').Tokens,
 *   revocations: import('./store.js').JsonDocument,
 *   now?: () => number
 * }} deps
 */
export function createSessions({
  directory,
  tokens,
  revocations,
  now = () => Math.floor(Date.now() / 1000)
}) {
  /** @type {Record<string, number>} origin_jti -> epoch seconds after which nothing of that session is valid */
  const revoked = revocations.get('origins') ?? {};
  for (const [origin, until] of Object.entries(revoked)) if (until < now()) delete revoked[origin];

  /** @param {{origin_jti: string, exp: number}[]} sessions */
  const revoke = (sessions) => {
    for (const { origin_jti, exp } of sessions) revoked[origin_jti] = exp;
    return revocations.set('origins', revoked);
  };

  /** @param {ClientRecord} client @param {UserRecord} user */
  const groupsOf = (client, user) => directory.groupsOf(client.UserPoolId, user.Username);

  /**
   * Tokens for a new sign-in without recording the refresh token. Managed login passes the granted `scope`, the
   * client's `nonce` and the time the user signed in to the managed login session (`authTime`).
   * @param {{client: ClientRecord, user: UserRecord, scope?: string, nonce?: string, authTime?: number}} input
   */
  async function mint({ client, user, scope, nonce, authTime }) {
    const session = { ...tokens.newSession(), ...(authTime === undefined ? {} : { authTime }) };
    const [issued, RefreshToken] = await Promise.all([
      tokens.issue({ user, client, groups: groupsOf(client, user), session, scope, nonce }),
      tokens.refreshToken({ user, client, session, scope })
    ]);
    return { ...issued, RefreshToken };
  }

  return {
    mint,

    /** @param {string} originJti */
    isRevoked: (originJti) => Object.hasOwn(revoked, originJti),

    /**
     * A successful sign-in: tokens, with the refresh token recorded on the user.
     * @param {{client: ClientRecord, user: UserRecord, scope?: string, nonce?: string, authTime?: number}} input
     */
    async start({ client, user, ...grant }) {
      const result = await mint({ client, user, ...grant });
      await directory.updateUser(client.UserPoolId, user.Username, (current) => ({
        ...current,
        RefreshTokens: [...(current.RefreshTokens ?? []), result.RefreshToken]
      }));
      return result;
    },

    /**
     * REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken: new id and access tokens for the same session (same
     * auth_time and origin_jti). With `rotate`, also a new refresh token of that session; the one presented stops
     * working at once, or after the client's RetryGracePeriodSeconds
     * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html).
     * @param {{client: ClientRecord, token: string, authenticateClient: (user: UserRecord) => void, rotate?: boolean}} input
     *   `authenticateClient` throws unless the caller proved it is the client (SECRET_HASH, client secret)
     */
    async refresh({ client, token, authenticateClient, rotate = false }) {
      const claims = await tokens.readRefreshToken(token);
      if (!claims || claims.client_id !== client.ClientId) throw notAuthorized('Invalid Refresh Token');
      const user = directory.user(claims.pool, claims.username);
      if (!user) throw notAuthorized('Invalid Refresh Token');
      authenticateClient(user);
      if (claims.exp <= now()) throw notAuthorized('Refresh Token has expired');
      const inGrace = (user.RotatedRefreshTokens?.[token] ?? 0) > now();
      if (!(user.RefreshTokens?.includes(token) || inGrace) || Object.hasOwn(revoked, claims.origin_jti)) {
        throw notAuthorized('Refresh Token has been revoked');
      }
      if (user.Enabled === false) throw notAuthorized('User is disabled.');
      const session = { originJti: claims.origin_jti, eventId: claims.event_id, authTime: claims.auth_time };
      // The refreshed access token keeps the scopes the sign-in was granted.
      const issued = await tokens.issue({
        user,
        client,
        groups: groupsOf(client, user),
        session,
        scope: claims.scope
      });
      if (!rotate) return issued;
      const RefreshToken = await tokens.refreshToken({ user, client, session, scope: claims.scope });
      const grace = client.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0;
      await directory.updateUser(claims.pool, user.Username, (current) => {
        /** @type {Record<string, number>} */
        const rotated = Object.fromEntries(
          Object.entries(current.RotatedRefreshTokens ?? {}).filter(([, until]) => until > now())
        );
        if (grace > 0 && !inGrace) rotated[token] = now() + grace;
        return {
          ...current,
          RefreshTokens: [
            ...(current.RefreshTokens ?? []).filter((listed) => listed !== token),
            RefreshToken
          ],
          RotatedRefreshTokens: rotated
        };
      });
      return { ...issued, RefreshToken };
    },

    /**
     * RevokeToken: the refresh token and every token issued from it stop working.
     * @param {{client: ClientRecord, token: string, clientSecret: unknown}} input
     */
    async revokeToken({ client, token, clientSecret }) {
      if (client.ClientSecret && clientSecret !== client.ClientSecret) {
        throw notAuthorized(`Unable to verify client secret for client ${client.ClientId}`);
      }
      const claims = await tokens.readRefreshToken(token);
      if (!claims) {
        throw new ServiceError('UnsupportedTokenTypeException', 'The token is not a refresh token.');
      }
      if (claims.client_id !== client.ClientId) {
        throw new ServiceError('UnauthorizedException', 'The token was not issued to this client.');
      }
      await Promise.all([
        directory.updateUser(claims.pool, claims.username, (current) => ({
          ...current,
          RefreshTokens: (current.RefreshTokens ?? []).filter((listed) => listed !== token)
        })),
        revoke([claims])
      ]);
    },

    /**
     * GlobalSignOut / AdminUserGlobalSignOut: every session of the user ends.
     * @param {string} poolId
     * @param {string} username
     */
    async signOutEverywhere(poolId, username) {
      const listed = directory.user(poolId, username)?.RefreshTokens ?? [];
      const claims = await Promise.all(listed.map((token) => tokens.readRefreshToken(token)));
      await Promise.all([
        directory.updateUser(poolId, username, (current) => ({
          ...current,
          RefreshTokens: (current.RefreshTokens ?? []).filter((token) => !listed.includes(token))
        })),
        revoke(claims.filter((claim) => claim !== undefined))
      ]);
    },

    /**
     * What Cognito checks before GetUser, GlobalSignOut and the other calls made with an access token.
     * @param {unknown} token
     */
    async verifyAccessToken(token) {
      const claims = await tokens.verifyAccessToken(String(token));
      if (Object.hasOwn(revoked, claims.origin_jti)) throw notAuthorized('Access Token has been revoked');
      const poolId = tokens.poolIdOf(String(claims.iss));
      const user = directory.user(poolId, claims.username);
      if (!user) throw notAuthorized('User does not exist.');
      if (user.Enabled === false) throw notAuthorized('User is disabled.');
      return { claims, poolId, user };
    }
  };
}

/** @param {UserRecord} user */
export const subOf = (user) => user.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;

/** @typedef {ReturnType<typeof createSessions>} Sessions */
