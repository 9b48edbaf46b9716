// @ts-check
// Managed login and the OAuth 2.0 / OIDC endpoints of a user pool domain, as Cognito serves them:
//   GET|POST /oauth2/authorize  sign-in page (login-page.js) and authorization codes
//   POST     /oauth2/token      authorization_code (PKCE optional, as Cognito accepts it) and refresh_token grants
//   GET|POST /oauth2/userInfo   the user's attributes, limited by the access token's scopes
//   POST     /oauth2/revoke     revokes a refresh token and the tokens issued from it
//   GET      /logout            ends the managed login session, then redirects to an allowed logout_uri
//   GET      /oauth2/idpresponse an identity provider's answer (federation.js): the app gets the pool's own code
// identity_provider= and idp_identifier= on /oauth2/authorize go straight to that identity provider, and the sign-in
// page offers "Continue with <provider>" for every identity provider the app client supports.
// Behaviour from the developer guide's endpoint pages:
//   https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html (scope, nonce, prompt,
//   code_challenge: S256 only; a code flow without PKCE is allowed),
//   https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html,
//   https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html (needs the openid scope;
//   openid alone returns every attribute, profile/email/phone narrow it),
//   https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html,
//   https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html (logout_uri must be one of the
//   client's sign-out URLs; redirect_uri sends the user to sign in again).
// The managed login session is a cookie, as on a Cognito domain: while it lasts (1 hour), any app client of the
// same pool that sends the user to /oauth2/authorize gets a code without the password being asked again.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ServiceError } from './errors.js';
import { errorPage, signInPage, signedOutPage } from './login-page.js';

/**
 * @typedef {object} OAuthResponse
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {string} body
 */

/** @typedef {import('./directory.js').ClientRecord} ClientRecord */

const CODE_SECONDS = 300;
const LOGIN_SESSION_SECONDS = 3600;
const COOKIE = 'cognito';
// Login CSRF protection, as Cognito's hosted pages do it: a random XSRF-TOKEN cookie, echoed in the form as _csrf.
// Another site can post a form here, but cannot know the cookie, so it cannot sign a browser in to its account.
const XSRF_COOKIE = 'XSRF-TOKEN';
// What userInfo returns for each scope besides `sub` and `username` (openid alone: every attribute).
/** @type {Record<string, string[]>} */
const SCOPE_ATTRIBUTES = {
  profile: [
    'name',
    'family_name',
    'given_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'updated_at',
    'address'
  ],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified']
};

/**
 * @typedef {object} AuthorizationRequest
 * @property {ClientRecord} client
 * @property {string} redirectUri
 * @property {string[]} scopes
 * @property {string | undefined} state
 * @property {string | undefined} nonce
 * @property {string | undefined} codeChallenge
 * @property {string | undefined} prompt
 * @property {Record<string, string>} fields the parameters to carry through the sign-in form
 */

/** @param {string | undefined} header @returns {Record<string, string>} */
function parseCookies(header) {
  /** @type {Record<string, string>} */
  const cookies = {};
  for (const part of String(header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return cookies;
}

/** @param {string} a @param {string} b */
const sameText = (a, b) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * @param {{
 *   directory: import('./directory.js').Directory,
 *   sessions: import('./sessions.js').Sessions,
 *   federation: import('./federation.js').Federation,
 *   onError?: (error: unknown) => void,
 *   now?: () => number
 * }} deps
 */
export function createOAuth2({
  directory,
  sessions,
  federation,
  onError = () => {},
  now = () => Math.floor(Date.now() / 1000)
}) {
  /** @type {Map<string, {clientId: string, pool: string, username: string, redirectUri: string,
   *   codeChallenge?: string, scope: string, nonce?: string, authTime: number, exp: number}>} */
  const codes = new Map();
  /** @type {Map<string, {pool: string, username: string, authTime: number, exp: number}>} */
  const logins = new Map();

  const prune = () => {
    const time = now();
    for (const [code, entry] of codes) if (entry.exp < time) codes.delete(code);
    for (const [id, entry] of logins) if (entry.exp < time) logins.delete(id);
  };

  /** @param {number} status @param {Record<string, unknown>} value @param {Record<string, string>} [headers] */
  const json = (status, value, headers = {}) => ({
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(value)
  });
  /** @param {string} error @param {string} description @param {number} [status] */
  const oauthError = (error, description, status = 400) =>
    json(status, { error, error_description: description });

  /** @param {string} location @param {Record<string, string>} [headers] @returns {OAuthResponse} */
  const redirect = (location, headers = {}) => ({
    status: 302,
    headers: { location, 'cache-control': 'no-store', ...headers },
    body: ''
  });

  /** @param {string} uri @param {Record<string, string | undefined>} params */
  function withParams(uri, params) {
    const url = new URL(uri);
    for (const [name, value] of Object.entries(params))
      if (value !== undefined) url.searchParams.set(name, value);
    return url.toString();
  }

  /**
   * A confidential client proves itself with HTTP Basic or client_secret in the form (RFC 6749 section 2.3.1).
   * @param {ClientRecord} client
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
    return sameText(secret ?? '', client.ClientSecret);
  }

  /**
   * The client a token, userInfo or revoke request comes from, authenticated, or an OAuth error response.
   * @param {Record<string, string>} form
   * @param {string | undefined} authorization
   * @returns {ClientRecord | OAuthResponse}
   */
  function authenticatedClient(form, authorization) {
    let clientId = form.client_id;
    if (!clientId && authorization?.startsWith('Basic ')) {
      clientId = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':')[0];
    }
    const client = clientId ? directory.client(clientId) : undefined;
    if (!client || !clientAuthenticated(client, form, authorization)) {
      return oauthError('invalid_client', 'Client authentication failed.', 401);
    }
    return client;
  }

  /**
   * Checks an authorization request. Until the redirect_uri is known to be the client's, errors are a page;
   * after that they go back to the app, as OAuth 2.0 requires (RFC 6749 section 4.1.2.1).
   * @param {Record<string, string>} params
   * @returns {AuthorizationRequest | OAuthResponse}
   */
  function authorizationRequest(params) {
    const client = params.client_id ? directory.client(params.client_id) : undefined;
    if (!client) return errorPage({ error: 'invalid_request', description: 'Invalid client_id.' });
    const redirectUri = params.redirect_uri ?? '';
    if (!client.CallbackURLs?.includes(redirectUri)) {
      return errorPage({
        error: 'redirect_mismatch',
        description: 'redirect_uri is not one of the callback URLs of this app client.'
      });
    }
    const state = params.state;
    /** @param {string} error @param {string} description */
    const refuse = (error, description) =>
      redirect(withParams(redirectUri, { error, error_description: description, state }));
    const flows = client.AllowedOAuthFlowsUserPoolClient ? (client.AllowedOAuthFlows ?? []) : [];
    if (params.response_type === 'token' && !flows.includes('implicit')) {
      return refuse('unauthorized_client', 'The client is not allowed the implicit grant.');
    }
    if (params.response_type !== 'code') {
      return refuse('unsupported_response_type', 'response_type must be code.');
    }
    if (!flows.includes('code'))
      return refuse('unauthorized_client', 'The client is not allowed the code grant.');
    const allowed = client.AllowedOAuthScopes ?? [];
    const requested = [...new Set((params.scope ?? '').split(' ').filter(Boolean))];
    const scopes = requested.length > 0 ? requested : allowed;
    if (scopes.some((scope) => !allowed.includes(scope))) {
      return refuse('invalid_scope', 'A requested scope is not allowed for this client.');
    }
    const codeChallenge = params.code_challenge || undefined;
    if (codeChallenge && params.code_challenge_method !== 'S256') {
      return refuse('invalid_request', 'code_challenge_method must be S256.');
    }
    if (!codeChallenge && params.code_challenge_method) {
      return refuse('invalid_request', 'code_challenge_method without code_challenge.');
    }
    const prompt = params.prompt || undefined;
    if (prompt && !['none', 'login', 'select_account', 'consent'].includes(prompt)) {
      return refuse('invalid_request', 'prompt must be none, login, select_account or consent.');
    }
    /** @type {Record<string, string>} */
    const fields = {};
    for (const name of [
      'client_id',
      'redirect_uri',
      'response_type',
      'scope',
      'state',
      'nonce',
      'code_challenge',
      'code_challenge_method'
    ]) {
      const value = params[name];
      if (typeof value === 'string' && value !== '') fields[name] = value;
    }
    return {
      client,
      redirectUri,
      scopes,
      state,
      nonce: params.nonce || undefined,
      codeChallenge,
      prompt,
      fields
    };
  }

  /** @param {AuthorizationRequest | OAuthResponse} value @returns {value is OAuthResponse} */
  const isResponse = (value) => 'status' in value;

  /**
   * The managed login session of this pool that the browser's cookie names, if it still holds.
   * @param {string | undefined} cookieHeader
   * @param {string} poolId
   */
  function loginSession(cookieHeader, poolId) {
    const id = parseCookies(cookieHeader)[COOKIE];
    const session = id ? logins.get(id) : undefined;
    if (!session || session.pool !== poolId || session.exp < now()) return undefined;
    const user = directory.user(session.pool, session.username);
    if (!user || user.Enabled === false) return undefined;
    return session;
  }

  /**
   * Redirects back to the app with a new authorization code.
   * @param {AuthorizationRequest} request
   * @param {{username: string, authTime: number}} who
   * @param {Record<string, string>} [headers]
   */
  function issueCode(request, who, headers) {
    prune();
    const code = randomUUID();
    codes.set(code, {
      clientId: request.client.ClientId,
      pool: request.client.UserPoolId,
      username: who.username,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      scope: request.scopes.join(' '),
      nonce: request.nonce,
      authTime: who.authTime,
      exp: now() + CODE_SECONDS
    });
    return redirect(withParams(request.redirectUri, { code, state: request.state }), headers);
  }

  /**
   * The sign-in form, with the browser's anti-forgery token (a new one, set as a cookie, if it has none).
   * @param {AuthorizationRequest} request
   * @param {string | undefined} cookie
   * @param {{username?: string, error?: string}} [extra]
   */
  function formFor(request, cookie, extra = {}) {
    const known = parseCookies(cookie)[XSRF_COOKIE];
    const xsrf = known && /^[\w-]{43}$/.test(known) ? known : randomBytes(32).toString('base64url');
    const page = signInPage({
      poolName: directory.poolOptions(request.client.UserPoolId)?.Name ?? request.client.UserPoolId,
      poolId: request.client.UserPoolId,
      clientName: request.client.ClientName ?? request.client.ClientId,
      clientId: request.client.ClientId,
      redirectUri: request.redirectUri,
      cancelUrl: withParams(request.redirectUri, {
        error: 'access_denied',
        error_description: 'The user cancelled the sign-in.',
        state: request.state
      }),
      fields: { ...request.fields, _csrf: xsrf },
      providers: federation.providersFor(request.client).map((provider) => ({
        name: provider.ProviderName,
        href: `/oauth2/authorize?${new URLSearchParams({ ...request.fields, identity_provider: provider.ProviderName })}`
      })),
      ...extra
    });
    if (xsrf === known) return page;
    return {
      ...page,
      headers: { ...page.headers, 'set-cookie': `${XSRF_COOKIE}=${xsrf}; Path=/; HttpOnly; SameSite=Lax` }
    };
  }

  /**
   * identity_provider= or idp_identifier=: straight to that identity provider (COGNITO: the pool's own sign-in).
   * @param {AuthorizationRequest} request
   * @param {Record<string, string>} query
   * @returns {Promise<OAuthResponse | undefined>} undefined: show the pool's own sign-in
   */
  async function toIdentityProvider(request, query) {
    const name = query.identity_provider || undefined;
    const identifier = query.idp_identifier || undefined;
    if ((!name && !identifier) || name === 'COGNITO') return undefined;
    const supported = federation.providersFor(request.client);
    const provider = name
      ? supported.find((candidate) => candidate.ProviderName === name)
      : supported.find((candidate) => candidate.IdpIdentifiers?.includes(String(identifier)));
    if (!provider) {
      return redirect(
        withParams(request.redirectUri, {
          error: 'invalid_request',
          error_description: name
            ? `The identity provider ${name} is not enabled for this app client.`
            : `No identity provider of this app client has the identifier ${identifier}.`,
          state: request.state
        })
      );
    }
    try {
      const { location, cookie } = await federation.begin({
        poolId: request.client.UserPoolId,
        provider,
        fields: request.fields
      });
      return redirect(location, { 'set-cookie': cookie });
    } catch (error) {
      onError(error);
      return errorPage({
        error: 'server_error',
        description: `The identity provider ${provider.ProviderName} cannot be reached.`,
        status: 502
      });
    }
  }

  /**
   * GET /oauth2/idpresponse: the identity provider's answer. A state this pool did not issue to this browser gets
   * an error page, never a redirect: nothing says where it is safe to send the browser.
   * @param {Record<string, string>} query
   * @param {string | undefined} cookie
   */
  async function idpResponse(query, cookie) {
    let result;
    try {
      result = await federation.complete(query, cookie);
    } catch (error) {
      onError(error);
      return errorPage({
        error: 'server_error',
        description: 'The identity provider cannot be reached.',
        status: 502
      });
    }
    if (result.kind === 'unknown-state') {
      return errorPage({
        error: 'invalid_request',
        description: 'The sign-in state is unknown, expired, already used, or belongs to another browser.'
      });
    }
    const request = authorizationRequest(result.fields);
    if (isResponse(request)) return request;
    if (result.kind === 'error') {
      return redirect(
        withParams(request.redirectUri, {
          error: result.error,
          error_description: result.description,
          state: request.state
        })
      );
    }
    // A federated sign-in opens a managed login session too.
    prune();
    const id = randomBytes(32).toString('base64url');
    logins.set(id, {
      pool: result.poolId,
      username: result.username,
      authTime: result.authTime,
      exp: result.authTime + LOGIN_SESSION_SECONDS
    });
    return issueCode(
      request,
      { username: result.username, authTime: result.authTime },
      { 'set-cookie': `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${LOGIN_SESSION_SECONDS}` }
    );
  }

  /** GET /oauth2/authorize @param {Record<string, string>} query @param {string | undefined} cookie */
  async function authorizePage(query, cookie) {
    const request = authorizationRequest(query);
    if (isResponse(request)) return request;
    const federated = await toIdentityProvider(request, query);
    if (federated) return federated;
    const session = loginSession(cookie, request.client.UserPoolId);
    if (request.prompt === 'none') {
      if (!session) {
        return redirect(
          withParams(request.redirectUri, {
            error: 'login_required',
            error_description: 'The user has no managed login session.',
            state: request.state
          })
        );
      }
      return issueCode(request, session);
    }
    if (session && request.prompt === undefined) return issueCode(request, session);
    return formFor(request, cookie);
  }

  /**
   * POST /oauth2/authorize: the sign-in form.
   * @param {Record<string, string>} form
   * @param {string | undefined} cookie
   */
  function signIn(form, cookie) {
    const request = authorizationRequest(form);
    if (isResponse(request)) return request;
    const username = form.username ?? '';
    const xsrf = parseCookies(cookie)[XSRF_COOKIE];
    if (!xsrf || typeof form._csrf !== 'string' || !sameText(form._csrf, xsrf)) {
      return formFor(request, undefined, {
        username,
        error: 'This sign-in form expired or did not come from this page. Sign in again.'
      });
    }
    const user = username ? directory.user(request.client.UserPoolId, username) : undefined;
    /** @param {string} error */
    const again = (error) => formFor(request, cookie, { username, error });
    if (
      !user?.Password ||
      user.PasswordSignInDisabled ||
      typeof form.password !== 'string' ||
      !sameText(form.password, user.Password)
    ) {
      return again('Incorrect username or password.');
    }
    if (user.Enabled === false) return again('User is disabled.');
    if (user.UserStatus === 'UNCONFIRMED') return again('User is not confirmed.');
    if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
      return again(
        'This user must set a new password first; the sandbox managed login cannot, sign in through the API.'
      );
    }
    if (user.UserStatus === 'RESET_REQUIRED') return again('Password reset required for the user');
    prune();
    const id = randomBytes(32).toString('base64url');
    const authTime = now();
    logins.set(id, {
      pool: request.client.UserPoolId,
      username: user.Username,
      authTime,
      exp: authTime + LOGIN_SESSION_SECONDS
    });
    return issueCode(
      request,
      { username: user.Username, authTime },
      {
        'set-cookie': `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${LOGIN_SESSION_SECONDS}`
      }
    );
  }

  /** @param {ClientRecord} client @param {Record<string, string>} form */
  async function codeGrant(client, form) {
    const entry = codes.get(form.code ?? '');
    if (entry) codes.delete(form.code ?? '');
    if (!entry || entry.exp < now() || entry.clientId !== client.ClientId) {
      return oauthError('invalid_grant', 'Authorization code expired or invalid.');
    }
    if (entry.redirectUri !== form.redirect_uri) return oauthError('invalid_grant', 'redirect_uri mismatch.');
    if (entry.codeChallenge) {
      const verifier = form.code_verifier ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!verifier || !sameText(challenge, entry.codeChallenge)) {
        return oauthError('invalid_grant', 'code_verifier does not match code_challenge.');
      }
    }
    const user = directory.user(entry.pool, entry.username);
    if (!user || user.Enabled === false) return oauthError('invalid_grant', 'User is disabled or deleted.');
    const result = await sessions.start({
      client,
      user,
      scope: entry.scope,
      nonce: entry.nonce,
      authTime: entry.authTime
    });
    return json(200, {
      ...(entry.scope.split(' ').includes('openid') ? { id_token: result.IdToken } : {}),
      access_token: result.AccessToken,
      refresh_token: result.RefreshToken,
      expires_in: result.ExpiresIn,
      token_type: 'Bearer'
    });
  }

  /** @param {ClientRecord} client @param {string} refreshToken */
  async function refreshGrant(client, refreshToken) {
    try {
      const result = await sessions.refresh({ client, token: refreshToken, authenticateClient: () => {} });
      return json(200, {
        id_token: result.IdToken,
        access_token: result.AccessToken,
        expires_in: result.ExpiresIn,
        token_type: 'Bearer'
      });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return oauthError('invalid_grant', error.message);
    }
  }

  /** @param {string | undefined} authorization */
  async function userInfo(authorization) {
    /** @param {string} error @param {string} description @param {number} status */
    const refuse = (error, description, status) =>
      json(
        status,
        { error, error_description: description },
        { 'www-authenticate': `Bearer error="${error}", error_description="${description}"` }
      );
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return refuse('invalid_request', 'Bearer token missing.', 401);
    let verified;
    try {
      verified = await sessions.verifyAccessToken(token);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return refuse(
        'invalid_token',
        'Access token is expired, disabled, or deleted, or the user has globally signed out.',
        401
      );
    }
    const scopes = String(verified.claims.scope ?? '').split(' ');
    if (!scopes.includes('openid')) {
      return refuse('insufficient_scope', 'The access token does not have the openid scope.', 403);
    }
    const narrowed = Object.keys(SCOPE_ATTRIBUTES).filter((scope) => scopes.includes(scope));
    const wanted =
      narrowed.length === 0 ? undefined : new Set(narrowed.flatMap((scope) => SCOPE_ATTRIBUTES[scope] ?? []));
    /** @type {Record<string, string>} */
    const info = {};
    for (const { Name, Value } of verified.user.Attributes ?? []) {
      if (Value === undefined) continue;
      const custom = Name.startsWith('custom:') && narrowed.includes('profile');
      if (Name === 'sub' || !wanted || wanted.has(Name) || custom) info[Name] = Value;
    }
    // Cognito's userInfo sends the attribute values as strings (email_verified: "true"), and the username.
    return json(200, { ...info, username: verified.user.Username });
  }

  /** @param {Record<string, string>} form @param {string | undefined} authorization */
  async function revoke(form, authorization) {
    const client = authenticatedClient(form, authorization);
    if ('status' in client) return client;
    if (!form.token) return oauthError('invalid_request', 'token is required.');
    try {
      await sessions.revokeToken({ client, token: form.token, clientSecret: client.ClientSecret });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      if (error.code === 'UnsupportedTokenTypeException') {
        return oauthError('unsupported_token_type', 'Only refresh tokens can be revoked.');
      }
      return oauthError('invalid_request', error.message);
    }
    return { status: 200, headers: { 'cache-control': 'no-store' }, body: '' };
  }

  /** GET /logout @param {Record<string, string>} query @param {string | undefined} cookie */
  function logout(query, cookie) {
    const client = query.client_id ? directory.client(query.client_id) : undefined;
    if (!client) return errorPage({ error: 'invalid_request', description: 'Invalid client_id.' });
    if (query.logout_uri && !client.LogoutURLs?.includes(query.logout_uri)) {
      return errorPage({
        error: 'invalid_request',
        description: 'logout_uri is not one of the sign-out URLs of this app client.'
      });
    }
    // The session ends on the server too, so a copy of the cookie is worth nothing afterwards.
    const id = parseCookies(cookie)[COOKIE];
    if (id) logins.delete(id);
    /** @param {OAuthResponse} response */
    const clearCookie = (response) => ({
      ...response,
      headers: { ...response.headers, 'set-cookie': `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` }
    });
    if (query.logout_uri) return clearCookie(redirect(query.logout_uri));
    if (query.redirect_uri) {
      // Sign in again: the parameters are those of the authorization request that follows.
      return clearCookie(redirect(`/oauth2/authorize?${new URLSearchParams(query).toString()}`));
    }
    return clearCookie(signedOutPage());
  }

  return {
    /**
     * @param {{method: string, path: string, query: Record<string, string>, form: Record<string, string>,
     *   authorization?: string, cookie?: string}} request
     * @returns {Promise<OAuthResponse | undefined>} undefined for unknown routes
     */
    async handle({ method, path, query, form, authorization, cookie }) {
      const route = `${method} ${path}`;
      switch (route) {
        case 'GET /oauth2/authorize':
          return authorizePage(query, cookie);
        case 'POST /oauth2/authorize':
          return signIn(form, cookie);
        case 'POST /oauth2/token': {
          const client = authenticatedClient(form, authorization);
          if ('status' in client) return client;
          if (form.grant_type === 'authorization_code') return codeGrant(client, form);
          if (form.grant_type === 'refresh_token') return refreshGrant(client, form.refresh_token ?? '');
          return oauthError(
            'unsupported_grant_type',
            'grant_type must be authorization_code or refresh_token.'
          );
        }
        case 'GET /oauth2/userInfo':
        case 'POST /oauth2/userInfo':
          return userInfo(authorization);
        case 'POST /oauth2/revoke':
          return revoke(form, authorization);
        case 'GET /logout':
          return logout(query, cookie);
        case 'GET /oauth2/idpresponse':
          return idpResponse(query, cookie);
        default:
          return undefined;
      }
    }
  };
}
