// Managed login (the hosted UI) with the authorization code and PKCE, start to finish: the authorize URL, what
// must survive the round trip (state, verifier, config) in session storage, the callback, the code exchange at
// /oauth2/token and its errors. Storage, randomness and fetch are passed in.
// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html

import { oauthError, type LensError } from '../errors';
import type { PlaygroundConfig } from './config';
import { normalizeDomain } from '../cognito';
import { authorizeUrl, createPkce, readCallback, tokenRequest } from './pkce';
import type { SessionTokens } from './types';

/** Where the pending sign-in waits during the round trip (session storage: this tab only). */
export const MANAGED_LOGIN_KEY = 'cognito-lens:managed-login';

/**
 * What the round trip needs to remember.
 *
 * @example
 * ```ts
 * const pending: PendingLogin = { verifier: 'dBjf…', state: 'xyz', config };
 * ```
 */
export interface PendingLogin {
  verifier: string;
  state: string;
  config: PlaygroundConfig;
  /**
   * Set for user pool federation: the pool's name of the outside IdP the login went straight to
   * (`identity_provider=LensIdP`), and when it started (the sandbox's events of this sign-in come after).
   */
  federated?: { identityProvider: string; since: string };
}

/**
 * Start the managed login: make the PKCE pair and state, remember them (with the config) in `storage`, and
 * return the authorize URL to send the browser to.
 *
 * @example
 * ```ts
 * window.location.assign(await startManagedLogin(config, redirectUri, { storage: sessionStorage, crypto }));
 * ```
 */
export async function startManagedLogin(
  config: PlaygroundConfig,
  redirectUri: string,
  deps: {
    storage: Pick<Storage, 'setItem'> | null;
    crypto: Pick<Crypto, 'getRandomValues' | 'subtle'>;
    /** Straight to this outside IdP (user pool federation), with the time it starts. */
    federated?: { identityProvider: string; since: string };
  }
): Promise<string> {
  const domain = normalizeDomain(config.domain, config.region);
  const pkce = await createPkce((n) => deps.crypto.getRandomValues(new Uint8Array(n)), deps.crypto.subtle);
  const pending: PendingLogin = {
    verifier: pkce.verifier,
    state: pkce.state,
    config,
    ...(deps.federated ? { federated: deps.federated } : {})
  };
  if (deps.storage === null) {
    throw oauthError(
      'storage_blocked',
      'This browser blocks storage for this site, so the code verifier cannot survive the trip to the login page. Allow site data, or sign in with a password here instead.'
    );
  }
  deps.storage.setItem(MANAGED_LOGIN_KEY, JSON.stringify(pending));
  return authorizeUrl({
    domain,
    clientId: config.clientId.trim(),
    redirectUri,
    challenge: pkce.challenge,
    state: pkce.state,
    scopes: ['openid', 'email', 'profile'],
    identityProvider: deps.federated?.identityProvider
  });
}

/**
 * True when a URL is the managed login coming back (a `code` or an `error` in the query).
 *
 * @example
 * ```ts
 * isManagedLoginCallback(new URL('https://lens.example/playground?code=abc&state=xyz')); // true
 * ```
 */
export function isManagedLoginCallback(url: URL): boolean {
  return url.searchParams.has('code') || url.searchParams.has('error');
}

/**
 * Read and forget what `startManagedLogin` remembered (once: a second read finds nothing). `null` when nothing
 * was started from this tab or the entry is not readable.
 *
 * @example
 * ```ts
 * const pending = takePendingLogin(sessionStorage);
 * ```
 */
export function takePendingLogin(
  storage: Pick<Storage, 'getItem' | 'removeItem'> | null
): PendingLogin | null {
  if (storage === null) return null;
  const saved = storage.getItem(MANAGED_LOGIN_KEY);
  storage.removeItem(MANAGED_LOGIN_KEY);
  if (saved === null) return null;
  try {
    const value: unknown = JSON.parse(saved);
    if (value === null || typeof value !== 'object') return null;
    const { verifier, state, config, federated } = value as Record<string, unknown>;
    if (
      typeof verifier !== 'string' ||
      typeof state !== 'string' ||
      config === null ||
      typeof config !== 'object'
    ) {
      return null;
    }
    const pending: PendingLogin = { verifier, state, config: config as PlaygroundConfig };
    const fed = federated as Record<string, unknown> | null | undefined;
    if (fed && typeof fed.identityProvider === 'string' && typeof fed.since === 'string') {
      pending.federated = { identityProvider: fed.identityProvider, since: fed.since };
    }
    return pending;
  } catch {
    return null;
  }
}

/**
 * The callback checked against the pending login: the code, or the error to explain (the provider's, a state
 * that does not match, no pending login).
 *
 * @example
 * ```ts
 * const callback = checkCallback(new URL(location.href), pending);
 * if ('error' in callback) throw callback.error;
 * ```
 */
export function checkCallback(
  url: URL,
  pending: PendingLogin | null
): { code: string } | { error: LensError } {
  const callback = readCallback(url, pending?.state ?? null);
  if ('error' in callback) return { error: oauthError(callback.error, callback.description) };
  return { code: callback.code };
}

/**
 * The code exchange: POST /oauth2/token with the code and the verifier, through `fetchFn`. Resolves to the
 * tokens; an error answer becomes the OAuth error (`invalid_grant`...), explained like every other error.
 *
 * @example
 * ```ts
 * const tokens = await exchangeCode({ config, redirectUri, code, verifier }, runner.fetch);
 * ```
 */
export async function exchangeCode(
  request: { config: PlaygroundConfig; redirectUri: string; code: string; verifier: string },
  fetchFn: typeof fetch
): Promise<SessionTokens> {
  const { url, body } = tokenRequest({
    domain: normalizeDomain(request.config.domain, request.config.region),
    clientId: request.config.clientId.trim(),
    redirectUri: request.redirectUri,
    code: request.code,
    verifier: request.verifier
  });
  const response = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body
  });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw oauthError(
      String(answer.error ?? ''),
      String(answer.error_description ?? `HTTP ${response.status}`)
    );
  }
  const { id_token, access_token, refresh_token } = answer;
  if (typeof id_token !== 'string' || typeof access_token !== 'string' || typeof refresh_token !== 'string') {
    throw oauthError(
      'invalid_response',
      'The token endpoint answered without the id, access and refresh tokens.'
    );
  }
  return { idToken: id_token, accessToken: access_token, refreshToken: refresh_token };
}
