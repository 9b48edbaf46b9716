// @ts-check
// /oauth2/authorize and /oauth2/token (authorization code + S256 PKCE). cognito-local's handlers run the login
// form and the code grant, issuing the sandbox's Cognito-shaped tokens through its token generator hook. The
// sandbox adds what they skip: client authentication for clients with a secret, and a refresh_token grant that
// keeps the session (auth_time, origin_jti) and honours revocation and sign-out.
import { timingSafeEqual } from 'node:crypto';
import { ServiceError } from './errors.js';

/**
 * @param {{
 *   directory: import('./directory.js').Directory,
 *   sessions: import('./sessions.js').Sessions,
 *   cognitoLocal: import('./cognito-local.js').CognitoLocal
 * }} deps
 */
export function createOAuth2({ directory, sessions, cognitoLocal }) {
  /** @param {number} status @param {Record<string, unknown>} value */
  const json = (status, value) => ({
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(value)
  });
  /** @param {string} error @param {string} description */
  const oauthError = (error, description) => json(400, { error, error_description: description });

  /**
   * A confidential client proves itself with HTTP Basic or client_secret in the form (RFC 6749 section 2.3.1).
   * @param {import('./directory.js').ClientRecord} client
   * @param {Record<string, string>} form
   * @param {string | undefined} authorization
   */
  function clientAuthenticated(client, form, authorization) {
    if (!client.ClientSecret) return true;
    let secret = form.client_secret;
    if (authorization?.startsWith('Basic ')) {
      const [id, ...rest] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
      if (id === client.ClientId) secret = rest.join(':');
    }
    const given = Buffer.from(secret ?? '');
    const expected = Buffer.from(client.ClientSecret);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * Why a user with the right password still may not sign in through the hosted form, if so.
   * @param {Record<string, string>} form
   */
  function refusalFor(form) {
    const client = directory.client(form.client_id ?? '');
    const user = client && directory.user(client.UserPoolId, form.username ?? '');
    if (!user || user.Password !== form.password) return undefined;
    if (user.Enabled === false) return 'User is disabled.';
    if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
      return 'This user must set a new password first; the sandbox hosted form cannot, sign in through the API.';
    }
    return undefined;
  }

  /**
   * @param {import('./directory.js').ClientRecord} client already authenticated at the token endpoint
   * @param {string} refreshToken
   */
  async function refreshGrant(client, refreshToken) {
    try {
      const result = await sessions.refresh({ client, token: refreshToken, authenticateClient: () => {} });
      return json(200, {
        id_token: result.IdToken,
        access_token: result.AccessToken,
        token_type: result.TokenType,
        expires_in: result.ExpiresIn
      });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return oauthError('invalid_grant', error.message);
    }
  }

  return {
    /**
     * @param {{method: string, path: string, query: Record<string, string>, form: Record<string, string>,
     *   authorization?: string}} request
     * @returns {Promise<import('./cognito-local.js').OAuthResponse | undefined>} undefined for unknown routes
     */
    async handle({ method, path, query, form, authorization }) {
      if (method === 'POST' && path === '/oauth2/token') {
        let clientId = form.client_id;
        if (!clientId && authorization?.startsWith('Basic ')) {
          clientId = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':')[0];
        }
        const client = clientId ? directory.client(clientId) : undefined;
        if (!client || !clientAuthenticated(client, form, authorization)) {
          return json(401, { error: 'invalid_client', error_description: 'Client authentication failed.' });
        }
        if (form.grant_type === 'refresh_token') return refreshGrant(client, form.refresh_token ?? '');
        return cognitoLocal.oauth2(method, path, query, { ...form, client_id: client.ClientId });
      }
      if (method === 'POST' && path === '/oauth2/authorize') {
        const refusal = refusalFor(form);
        // cognito-local's form checks only the password. Let it re-show the form for a password that cannot match,
        // then put Cognito's reason in place of its message.
        if (refusal) {
          const page = await cognitoLocal.oauth2(method, path, query, {
            ...form,
            password: `${form.password}\0`
          });
          return page && { ...page, body: page.body.replace('Incorrect username or password.', refusal) };
        }
      }
      return cognitoLocal.oauth2(method, path, query, form);
    }
  };
}
