// Identity pool federation with an outside OpenID provider, from the browser: sign in at the IdP with the
// authorization code and PKCE (oauth4webapi, loaded only when this flow starts), read the IdP's own tokens, and
// name the provider the way an identity pool keys it in `Logins` (the issuer without its scheme, as IAM OIDC
// providers are named). What must survive the trip to the IdP's page waits in session storage, as for managed
// login. oauth4webapi, fetch, storage and the runner's endpoint naming are passed in.
//
// Logins key for an OIDC provider: "the issuer without https://", e.g. `accounts.google.com` or
// `example.auth0.com`: https://docs.aws.amazon.com/cognito/latest/developerguide/open-id.html
// Code + PKCE for public clients: RFC 7636 and https://datatracker.ietf.org/doc/html/rfc9700 (no implicit flow).

import type * as OAuth from 'oauth4webapi';
import { oauthError } from '../errors';
import { isLoopbackUrl, type PlaygroundConfig } from './config';

/**
 * What this module uses of oauth4webapi (the page passes `await import('oauth4webapi')`).
 *
 * @example
 * ```ts
 * const lib: OAuthLibrary = await import('oauth4webapi');
 * ```
 */
export type OAuthLibrary = Pick<
  typeof OAuth,
  | 'discoveryRequest'
  | 'processDiscoveryResponse'
  | 'generateRandomCodeVerifier'
  | 'calculatePKCECodeChallenge'
  | 'generateRandomState'
  | 'validateAuthResponse'
  | 'authorizationCodeGrantRequest'
  | 'processAuthorizationCodeResponse'
  | 'None'
  | 'allowInsecureRequests'
  | 'customFetch'
>;

/** The provider's endpoints this flow uses (from its discovery document). */
export type IdpServer = OAuth.AuthorizationServer;

/** Where the pending IdP sign-in waits during the round trip (session storage: this tab only). */
export const IDP_LOGIN_KEY = 'cognito-lens:idp-login';

/**
 * What the round trip needs to remember.
 *
 * @example
 * ```ts
 * const pending: PendingIdpLogin = { issuer: 'http://127.0.0.1:9230', clientId: 'lens-playground',
 *   verifier: 'dBjf…', state: 'xyz', config };
 * ```
 */
export interface PendingIdpLogin {
  issuer: string;
  clientId: string;
  verifier: string;
  state: string;
  config: PlaygroundConfig;
}

/**
 * The IdP's tokens, as its token endpoint returned them (the refresh token only when it issues one).
 *
 * @example
 * ```ts
 * const tokens: IdpTokens = { idToken: 'eyJ…', accessToken: 'eyJ…', refreshToken: null };
 * ```
 */
export interface IdpTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string | null;
}

/**
 * What the flow needs besides oauth4webapi: the (traced) fetch and a way to name the IdP's endpoints in the
 * trace once discovery has announced them.
 */
export interface IdpDeps {
  fetch: typeof fetch;
  nameEndpoint?: (method: string, url: string, operation: string) => void;
}

/**
 * The provider name an identity pool expects in `Logins` for an OpenID provider: its issuer without the
 * scheme and without a trailing slash.
 *
 * @example
 * ```ts
 * providerNameOf('https://accounts.google.com'); // 'accounts.google.com'
 * providerNameOf('http://127.0.0.1:9230'); // '127.0.0.1:9230'
 * ```
 */
export function providerNameOf(issuer: string): string {
  return issuer
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/+$/, '');
}

/**
 * The sandbox's IdP issuer for a sandbox endpoint: same host, port + 1 (the IDP contract), unless the build
 * sets one (`override`, from VITE_SANDBOX_IDP_ISSUER). `''` when the endpoint is not a URL.
 *
 * @example
 * ```ts
 * sandboxIdpIssuer('http://127.0.0.1:9229'); // 'http://127.0.0.1:9230'
 * ```
 */
export function sandboxIdpIssuer(endpoint: string, override?: string): string {
  if (override) return override.replace(/\/+$/, '');
  try {
    const url = new URL(endpoint);
    url.port = String(Number(url.port || (url.protocol === 'https:' ? 443 : 80)) + 1);
    return url.origin;
  } catch {
    return '';
  }
}

function requestOptions(lib: OAuthLibrary, issuer: string, deps: IdpDeps) {
  // Plain http only for a provider on this machine (the sandbox): oauth4webapi refuses it otherwise.
  return {
    [lib.customFetch]: deps.fetch,
    ...(isLoopbackUrl(issuer) && issuer.startsWith('http:') ? { [lib.allowInsecureRequests]: true } : {})
  };
}

/**
 * Read the provider's discovery document (`<issuer>/.well-known/openid-configuration`), check it names this
 * issuer, and name its token endpoint and keys for the trace.
 *
 * @example
 * ```ts
 * const server = await discoverIdp(lib, 'http://127.0.0.1:9230', { fetch: runner.fetch, nameEndpoint });
 * ```
 */
export async function discoverIdp(lib: OAuthLibrary, issuer: string, deps: IdpDeps): Promise<IdpServer> {
  const url = new URL(issuer);
  const response = await lib.discoveryRequest(url, {
    algorithm: 'oidc',
    ...requestOptions(lib, issuer, deps)
  });
  const server = await lib.processDiscoveryResponse(url, response);
  if (server.token_endpoint) deps.nameEndpoint?.('POST', server.token_endpoint, 'POST IdP token');
  if (server.jwks_uri) deps.nameEndpoint?.('GET', server.jwks_uri, 'GET IdP jwks');
  if (server.authorization_endpoint) {
    deps.nameEndpoint?.('GET', server.authorization_endpoint, 'GET IdP authorize');
  }
  return server;
}

/**
 * Start the sign-in at the IdP: discovery, a PKCE pair and a state, remembered (with the config) in `storage`;
 * returns the authorize URL to send the browser to (`openid email profile`, code flow, S256).
 *
 * @example
 * ```ts
 * window.location.assign(await startIdpSignIn(lib, { issuer, clientId, redirectUri, config }, { fetch, storage }));
 * ```
 */
export async function startIdpSignIn(
  lib: OAuthLibrary,
  request: { issuer: string; clientId: string; redirectUri: string; config: PlaygroundConfig },
  deps: IdpDeps & { storage: Pick<Storage, 'setItem'> | null }
): Promise<string> {
  if (deps.storage === null) {
    throw oauthError(
      'storage_blocked',
      "This browser blocks storage for this site, so the code verifier cannot survive the trip to the IdP's sign-in page. Allow site data for this site."
    );
  }
  const server = await discoverIdp(lib, request.issuer, deps);
  if (!server.authorization_endpoint) {
    throw oauthError('invalid_configuration', `${request.issuer} announces no authorization endpoint.`);
  }
  const verifier = lib.generateRandomCodeVerifier();
  const state = lib.generateRandomState();
  const pending: PendingIdpLogin = {
    issuer: request.issuer,
    clientId: request.clientId,
    verifier,
    state,
    config: request.config
  };
  deps.storage.setItem(IDP_LOGIN_KEY, JSON.stringify(pending));
  const url = new URL(server.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', 'openid email profile');
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await lib.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return url.href;
}

/**
 * True when the URL is the IdP coming back to this tab: a pending IdP sign-in whose state is the URL's
 * (managed login uses the same callback address, with its own state).
 *
 * @example
 * ```ts
 * if (isIdpCallback(new URL(location.href), sessionStorage)) finishIdpSignIn(...);
 * ```
 */
export function isIdpCallback(url: URL, storage: Pick<Storage, 'getItem'> | null): boolean {
  if (storage === null || !(url.searchParams.has('code') || url.searchParams.has('error'))) return false;
  const pending = readPending(storage.getItem(IDP_LOGIN_KEY));
  return pending !== null && url.searchParams.get('state') === pending.state;
}

function readPending(saved: string | null): PendingIdpLogin | null {
  if (saved === null) return null;
  try {
    const value: unknown = JSON.parse(saved);
    if (value === null || typeof value !== 'object') return null;
    const { issuer, clientId, verifier, state, config } = value as Record<string, unknown>;
    if (
      typeof issuer !== 'string' ||
      typeof clientId !== 'string' ||
      typeof verifier !== 'string' ||
      typeof state !== 'string' ||
      config === null ||
      typeof config !== 'object'
    ) {
      return null;
    }
    return { issuer, clientId, verifier, state, config: config as PlaygroundConfig };
  } catch {
    return null;
  }
}

/**
 * Read and forget the pending IdP sign-in (once). `null` when none or unreadable.
 *
 * @example
 * ```ts
 * const pending = takePendingIdpLogin(sessionStorage);
 * ```
 */
export function takePendingIdpLogin(
  storage: Pick<Storage, 'getItem' | 'removeItem'> | null
): PendingIdpLogin | null {
  if (storage === null) return null;
  const saved = storage.getItem(IDP_LOGIN_KEY);
  storage.removeItem(IDP_LOGIN_KEY);
  return readPending(saved);
}

function describeOAuthFailure(error: unknown): never {
  const record = (error ?? {}) as { error?: unknown; error_description?: unknown; cause?: unknown };
  if (typeof record.error === 'string') {
    throw oauthError(record.error, String(record.error_description ?? ''));
  }
  const cause = record.cause as { error?: unknown; error_description?: unknown } | undefined;
  if (cause && typeof cause.error === 'string') {
    throw oauthError(cause.error, String(cause.error_description ?? ''));
  }
  throw error;
}

/**
 * The IdP came back: check the state, exchange the code (PKCE, no client secret: a public client) at the
 * IdP's token endpoint, and return the IdP's tokens. oauth4webapi checks the id token's iss, aud, exp and
 * iat; its signature is checked by the caller against the IdP's keys (the playground's one verifier).
 *
 * @example
 * ```ts
 * const tokens = await finishIdpSignIn(lib, pending, new URL(location.href), redirectUri, { fetch });
 * ```
 */
export async function finishIdpSignIn(
  lib: OAuthLibrary,
  pending: PendingIdpLogin,
  callback: URL,
  redirectUri: string,
  deps: IdpDeps
): Promise<IdpTokens & { jwksUri: string | null }> {
  const server = await discoverIdp(lib, pending.issuer, deps);
  const client: OAuth.Client = { client_id: pending.clientId };
  let params: URLSearchParams;
  try {
    params = lib.validateAuthResponse(server, client, callback, pending.state);
  } catch (error) {
    describeOAuthFailure(error);
  }
  try {
    const response = await lib.authorizationCodeGrantRequest(
      server,
      client,
      lib.None(),
      params,
      redirectUri,
      pending.verifier,
      requestOptions(lib, pending.issuer, deps)
    );
    const result = await lib.processAuthorizationCodeResponse(server, client, response, {
      requireIdToken: true
    });
    if (typeof result.id_token !== 'string') {
      throw oauthError('invalid_response', 'The IdP answered without an id token.');
    }
    return {
      idToken: result.id_token,
      accessToken: result.access_token,
      refreshToken: typeof result.refresh_token === 'string' ? result.refresh_token : null,
      jwksUri: server.jwks_uri ?? null
    };
  } catch (error) {
    describeOAuthFailure(error);
  }
}
