// Direct identity pool federation's sign-in at an outside IdP, with the real oauth4webapi against a fake IdP
// (injected fetch): discovery, code + PKCE S256 as a public client, the callback's state, the code exchange.
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { isLensError } from '../../../src/lib/errors';
import { EMPTY_CONFIG } from '../../../src/lib/playground/link-trust';
import {
  finishIdpSignIn,
  IDP_LOGIN_KEY,
  isIdpCallback,
  providerNameOf,
  sandboxIdpIssuer,
  startIdpSignIn,
  takePendingIdpLogin
} from '../../../src/lib/playground/idp-federation';
import { MemoryStorage } from '../../../src/lib/playground/memory-storage';
import { sign } from '../../fixtures/tokens/corpus';

const ISSUER = 'http://127.0.0.1:9460';
const CLIENT = 'lens-playground';
const REDIRECT = 'http://127.0.0.1:4173/playground';

function fakeIdp(options: { tokenStatus?: number; aud?: string } = {}) {
  const calls: { method: string; url: string; body: string }[] = [];
  const fetchFn = (async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    const body = init?.body === undefined || init.body === null ? '' : String(init.body);
    calls.push({ method: init?.method ?? 'GET', url, body });
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (url === `${ISSUER}/.well-known/openid-configuration`) {
      return json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/auth`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: `${ISSUER}/jwks`,
        id_token_signing_alg_values_supported: ['RS256']
      });
    }
    if (url === `${ISSUER}/token`) {
      if (options.tokenStatus)
        return json(
          { error: 'invalid_grant', error_description: 'grant request is invalid' },
          options.tokenStatus
        );
      const now = Math.floor(Date.now() / 1000);
      const idToken = await sign({
        iss: ISSUER,
        sub: 'sam',
        aud: options.aud ?? CLIENT,
        iat: now,
        exp: now + 3600,
        email: 'sam@social.example',
        department: 'engineering'
      });
      return json({
        id_token: idToken,
        access_token: 'opaque-access',
        token_type: 'Bearer',
        expires_in: 3600
      });
    }
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
  return { calls, fetchFn };
}

async function started(idp = fakeIdp()) {
  const storage = new MemoryStorage();
  const named: string[] = [];
  const url = await startIdpSignIn(
    oauth,
    {
      issuer: ISSUER,
      clientId: CLIENT,
      redirectUri: REDIRECT,
      config: { ...EMPTY_CONFIG, region: 'us-east-1' }
    },
    {
      fetch: idp.fetchFn,
      storage,
      nameEndpoint: (method, endpoint, operation) => named.push(`${method} ${endpoint} ${operation}`)
    }
  );
  return { url: new URL(url), storage, named, idp };
}

describe('provider names and the sandbox issuer', () => {
  it('names the provider as Logins keys it: the issuer without scheme or trailing slash', () => {
    expect(providerNameOf('https://accounts.google.com')).toBe('accounts.google.com');
    expect(providerNameOf('https://example.auth0.com/')).toBe('example.auth0.com');
    expect(providerNameOf('http://127.0.0.1:9460')).toBe('127.0.0.1:9460');
  });
  it('puts the sandbox IdP on the next port, unless the build says otherwise', () => {
    expect(sandboxIdpIssuer('http://127.0.0.1:9229')).toBe('http://127.0.0.1:9230');
    expect(sandboxIdpIssuer('http://localhost:9459/')).toBe('http://localhost:9460');
    expect(sandboxIdpIssuer('http://127.0.0.1:9229', 'http://127.0.0.1:7000/')).toBe('http://127.0.0.1:7000');
    expect(sandboxIdpIssuer('not a url')).toBe('');
  });
});

describe('startIdpSignIn', () => {
  it('reads discovery and sends the browser to the IdP with code + PKCE S256, no secret', async () => {
    const { url, storage, named, idp } = await started();
    expect(idp.calls[0]?.url).toBe(`${ISSUER}/.well-known/openid-configuration`);
    expect(url.origin + url.pathname).toBe(`${ISSUER}/auth`);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(CLIENT);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const pending = JSON.parse(storage.getItem(IDP_LOGIN_KEY) ?? '{}');
    expect(pending.state).toBe(url.searchParams.get('state'));
    // The verifier stays in this tab: only its hash travels.
    expect(url.href).not.toContain(pending.verifier);
    expect(await oauth.calculatePKCECodeChallenge(pending.verifier)).toBe(
      url.searchParams.get('code_challenge')
    );
    expect(named).toContain(`POST ${ISSUER}/token POST IdP token`);
    expect(named).toContain(`GET ${ISSUER}/jwks GET IdP jwks`);
  });
  it('refuses without storage, before leaving the page', async () => {
    await expect(
      startIdpSignIn(
        oauth,
        { issuer: ISSUER, clientId: CLIENT, redirectUri: REDIRECT, config: EMPTY_CONFIG },
        { fetch: fakeIdp().fetchFn, storage: null }
      )
    ).rejects.toThrow(/blocks storage/);
  });
});

describe('the callback', () => {
  it('is the IdP coming back only when the state is the pending sign-in', async () => {
    const { url, storage } = await started();
    const state = url.searchParams.get('state');
    expect(isIdpCallback(new URL(`${REDIRECT}?code=abc&state=${state}`), storage)).toBe(true);
    expect(isIdpCallback(new URL(`${REDIRECT}?code=abc&state=managed-login-state`), storage)).toBe(false);
    expect(isIdpCallback(new URL(REDIRECT), storage)).toBe(false);
  });

  it('exchanges the code with the verifier and no client secret, and returns the IdP tokens', async () => {
    const { url, storage, idp } = await started();
    const pending = takePendingIdpLogin(storage);
    expect(pending).not.toBeNull();
    expect(storage.getItem(IDP_LOGIN_KEY)).toBeNull();
    const callback = new URL(
      `${REDIRECT}?code=the-code&state=${url.searchParams.get('state')}&iss=${encodeURIComponent(ISSUER)}`
    );
    const tokens = await finishIdpSignIn(oauth, pending!, callback, REDIRECT, { fetch: idp.fetchFn });
    expect(tokens.idToken.split('.')).toHaveLength(3);
    expect(tokens.refreshToken).toBeNull();
    const exchange = idp.calls.find((call) => call.url === `${ISSUER}/token`);
    const form = new URLSearchParams(exchange?.body);
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code')).toBe('the-code');
    expect(form.get('code_verifier')).toBe(pending!.verifier);
    expect(form.get('client_id')).toBe(CLIENT);
    expect(form.has('client_secret')).toBe(false);
  });

  it('refuses a callback whose state is not the pending one', async () => {
    const { storage, idp } = await started();
    const pending = takePendingIdpLogin(storage)!;
    await expect(
      finishIdpSignIn(oauth, pending, new URL(`${REDIRECT}?code=x&state=forged`), REDIRECT, {
        fetch: idp.fetchFn
      })
    ).rejects.toThrow();
    expect(idp.calls.some((call) => call.url.endsWith('/token'))).toBe(false);
  });

  it("turns the IdP's error redirect and its token endpoint error into OAuth errors", async () => {
    const { url, storage, idp } = await started(fakeIdp({ tokenStatus: 400 }));
    const pending = takePendingIdpLogin(storage)!;
    const state = url.searchParams.get('state');
    const denied = await finishIdpSignIn(
      oauth,
      pending,
      new URL(`${REDIRECT}?error=access_denied&error_description=User+said+no&state=${state}`),
      REDIRECT,
      { fetch: idp.fetchFn }
    ).catch((error: unknown) => error);
    expect(isLensError(denied)).toBe(true);
    expect((denied as Error).message).toBe('User said no');
    const refused = await finishIdpSignIn(
      oauth,
      pending,
      new URL(`${REDIRECT}?code=x&state=${state}`),
      REDIRECT,
      { fetch: idp.fetchFn }
    ).catch((error: unknown) => error);
    expect(isLensError(refused)).toBe(true);
    expect((refused as Error).message).toBe('grant request is invalid');
  });

  it('refuses an id token issued to another client (oauth4webapi checks aud)', async () => {
    const { url, storage, idp } = await started(fakeIdp({ aud: 'someone-else' }));
    const pending = takePendingIdpLogin(storage)!;
    await expect(
      finishIdpSignIn(
        oauth,
        pending,
        new URL(`${REDIRECT}?code=x&state=${url.searchParams.get('state')}`),
        REDIRECT,
        { fetch: idp.fetchFn }
      )
    ).rejects.toThrow(/aud/);
  });
});
