// Managed login (hosted UI): the authorization code flow with PKCE S256 (RFC 7636). Randomness and crypto are
// injected (crypto.getRandomValues, crypto.subtle in the browser), so tests are deterministic.

import { normalizeDomain } from '../cognito/parse-domain';
import { encodeBase64Url } from '../tokens/base64url';

export { encodeBase64Url, normalizeDomain };

/** Longest `error`/`error_description` kept from a callback URL: it is untrusted text for display. */
const MAX_CALLBACK_TEXT = 500;

function randomBytes(random: (n: number) => Uint8Array, n: number): Uint8Array {
  const bytes = random(n);
  if (!(bytes instanceof Uint8Array) || bytes.length !== n) {
    throw new TypeError(`The random source must return a Uint8Array of ${n} bytes`);
  }
  return bytes;
}

/**
 * The S256 code challenge of a verifier: base64url(SHA-256(ASCII verifier)).
 *
 * @example
 * ```ts
 * await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', crypto.subtle);
 * // 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' (RFC 7636 appendix B)
 * ```
 */
export async function pkceChallenge(verifier: string, subtle: SubtleCrypto): Promise<string> {
  if (typeof verifier !== 'string' || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) {
    throw new TypeError('A PKCE verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~');
  }
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return encodeBase64Url(new Uint8Array(digest));
}

/**
 * A fresh PKCE verifier (base64url of 32 random bytes: 43 characters), its S256 challenge, and a `state`
 * (base64url of 16 random bytes) that ties the callback to this browser tab. Keep verifier and state for the
 * callback (sessionStorage), never in the URL.
 *
 * @example
 * ```ts
 * const pkce = await createPkce((n) => crypto.getRandomValues(new Uint8Array(n)), crypto.subtle);
 * ```
 */
export async function createPkce(
  random: (n: number) => Uint8Array,
  subtle: SubtleCrypto
): Promise<{ verifier: string; challenge: string; state: string }> {
  if (typeof random !== 'function') throw new TypeError('createPkce needs a random source');
  if (subtle === null || typeof subtle !== 'object' || typeof subtle.digest !== 'function') {
    throw new TypeError('createPkce needs SubtleCrypto (crypto.subtle)');
  }
  const verifier = encodeBase64Url(randomBytes(random, 32));
  const state = encodeBase64Url(randomBytes(random, 16));
  return { verifier, challenge: await pkceChallenge(verifier, subtle), state };
}

function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${name} is required`);
  return value;
}

function baseUrl(domain: string): string {
  return requireText(domain, 'The domain').replace(/\/+$/, '');
}

/**
 * The managed login authorization URL: `{domain}/oauth2/authorize` with `response_type=code`, `client_id`,
 * `redirect_uri`, `scope` (space-separated, written `+`), `state`, `code_challenge`,
 * `code_challenge_method=S256`, and `identity_provider` when given (skip the provider choice: `Google`,
 * `COGNITO`, a SAML provider name...). `domain` is a base URL (see {@link normalizeDomain}).
 *
 * @example
 * ```ts
 * authorizeUrl({
 *   domain: 'https://my-prefix.auth.us-east-1.amazoncognito.com', clientId, redirectUri:
 *   'http://localhost:5173/playground/callback', challenge, state, scopes: ['openid', 'email']
 * });
 * // 'https://my-prefix.auth.us-east-1.amazoncognito.com/oauth2/authorize?response_type=code&client_id=...'
 * ```
 */
export function authorizeUrl(options: {
  domain: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  state: string;
  scopes: string[];
  identityProvider?: string;
}): string {
  if (!Array.isArray(options.scopes) || !options.scopes.every((scope) => typeof scope === 'string')) {
    throw new TypeError('scopes must be a list of strings');
  }
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: requireText(options.clientId, 'The client id'),
    redirect_uri: requireText(options.redirectUri, 'The redirect URI')
  });
  const scopes = options.scopes.filter((scope) => scope !== '');
  if (scopes.length > 0) params.set('scope', scopes.join(' '));
  params.set('state', requireText(options.state, 'The state'));
  params.set('code_challenge', requireText(options.challenge, 'The code challenge'));
  params.set('code_challenge_method', 'S256');
  if (options.identityProvider !== undefined && options.identityProvider !== '') {
    params.set('identity_provider', options.identityProvider);
  }
  return `${baseUrl(options.domain)}/oauth2/authorize?${params.toString()}`;
}

function clip(text: string): string {
  return text.length > MAX_CALLBACK_TEXT ? `${text.slice(0, MAX_CALLBACK_TEXT)}…` : text;
}

/**
 * Read the redirect back from managed login. Returns the `code`, or an error:
 * - what Cognito or the identity provider sent (`?error=access_denied&error_description=...`);
 * - `missing_code`: neither a code nor an error;
 * - `state_missing`: no sign-in was started from this tab (`expectedState` is `null`), so the code is refused;
 * - `state_mismatch`: the `state` differs from the one this tab sent (a stale tab, or a forged redirect).
 *
 * @example
 * ```ts
 * const result = readCallback(new URL(location.href), sessionStorage.getItem('pkce-state'));
 * if ('code' in result) exchange(result.code); else show(result.error, result.description);
 * ```
 */
export function readCallback(
  url: URL,
  expectedState: string | null
): { code: string } | { error: string; description: string } {
  if (!(url instanceof URL))
    return { error: 'invalid_callback', description: 'The callback URL could not be read.' };
  const query = url.searchParams;
  // Errors normally come in the query; some providers put them in the fragment.
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const error = query.get('error') ?? fragment.get('error');
  if (error !== null) {
    const description = query.get('error_description') ?? fragment.get('error_description') ?? '';
    return { error: clip(error), description: clip(description) };
  }
  const code = query.get('code');
  if (code === null || code === '') {
    return {
      error: 'missing_code',
      description: 'The redirect carried neither an authorization code nor an error.'
    };
  }
  if (expectedState === null) {
    return {
      error: 'state_missing',
      description:
        'No sign-in was started from this tab (or it was forgotten), so this code is not accepted. Start the managed login again.'
    };
  }
  const state = query.get('state');
  if (state !== expectedState) {
    return {
      error: 'state_mismatch',
      description:
        state === null
          ? 'The redirect has no state, so it cannot be tied to the sign-in this tab started. Start the managed login again.'
          : 'The state in the redirect is not the one this tab sent: it belongs to another sign-in attempt, or the redirect was forged. Start the managed login again.'
    };
  }
  return { code };
}

/**
 * The token request that exchanges the code: `POST {domain}/oauth2/token` with form body
 * `grant_type=authorization_code&client_id=...&code=...&redirect_uri=...&code_verifier=...`
 * (the redirect URI must be the one used in {@link authorizeUrl}).
 *
 * @example
 * ```ts
 * const { url, body } = tokenRequest({ domain, clientId, redirectUri, code, verifier });
 * await fetch(url, { method: 'POST', body }); // URLSearchParams: sent as application/x-www-form-urlencoded
 * ```
 */
export function tokenRequest(options: {
  domain: string;
  clientId: string;
  redirectUri: string;
  code: string;
  verifier: string;
}): { url: string; body: URLSearchParams } {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: requireText(options.clientId, 'The client id'),
    code: requireText(options.code, 'The code'),
    redirect_uri: requireText(options.redirectUri, 'The redirect URI'),
    code_verifier: requireText(options.verifier, 'The code verifier')
  });
  return { url: `${baseUrl(options.domain)}/oauth2/token`, body };
}
