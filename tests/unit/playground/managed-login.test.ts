import { webcrypto } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { OAuthError } from '../../../src/lib/errors';
import {
  checkCallback,
  exchangeCode,
  isManagedLoginCallback,
  MANAGED_LOGIN_KEY,
  startManagedLogin,
  takePendingLogin
} from '../../../src/lib/playground/managed-login';
import { MemoryStorage } from '../../../src/lib/playground/memory-storage';
import { fakeJwe, fakeJwt } from './fake-tokens';

const CONFIG = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbCdEf123',
  clientId: 'l2vncrxu1rw37fa8zaozr7d3rh',
  domain: 'my-prefix',
  identityPoolId: '',
  endpoint: '',
  idpIssuer: '',
  idpClientId: ''
};
const REDIRECT = 'https://lens.example/playground';

describe('startManagedLogin', () => {
  it('remembers state, verifier and config in the storage and sends the browser to the region’s own domain', async () => {
    const storage = new MemoryStorage();
    const url = new URL(await startManagedLogin(CONFIG, REDIRECT, { storage, crypto: webcrypto as Crypto }));
    expect(url.origin).toBe('https://my-prefix.auth.eu-west-1.amazoncognito.com');
    expect(url.pathname).toBe('/oauth2/authorize');
    const pending = JSON.parse(storage.getItem(MANAGED_LOGIN_KEY) ?? 'null');
    expect(pending.config).toEqual(CONFIG);
    expect(url.searchParams.get('state')).toBe(pending.state);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    // The verifier itself never travels in the URL, only its hash.
    expect(url.href).not.toContain(pending.verifier);
  });

  it('refuses to start when storage is blocked (the verifier could not survive the round trip)', async () => {
    await expect(
      startManagedLogin(CONFIG, REDIRECT, { storage: null, crypto: webcrypto as Crypto })
    ).rejects.toBeInstanceOf(OAuthError);
  });
});

describe('the callback', () => {
  const pending = { verifier: 'v'.repeat(43), state: 'expected-state', config: CONFIG };

  it('is recognised by a code or an error', () => {
    expect(isManagedLoginCallback(new URL(`${REDIRECT}?code=abc&state=x`))).toBe(true);
    expect(isManagedLoginCallback(new URL(`${REDIRECT}?error=access_denied`))).toBe(true);
    expect(isManagedLoginCallback(new URL(`${REDIRECT}?region=us-east-1`))).toBe(false);
  });

  it('takes the pending login once', () => {
    const storage = new MemoryStorage();
    storage.setItem(MANAGED_LOGIN_KEY, JSON.stringify(pending));
    expect(takePendingLogin(storage)).toEqual(pending);
    expect(takePendingLogin(storage)).toBeNull();
    storage.setItem(MANAGED_LOGIN_KEY, '{not json');
    expect(takePendingLogin(storage)).toBeNull();
    expect(takePendingLogin(null)).toBeNull();
  });

  it('gives the code only when the state matches the one this tab sent', () => {
    expect(checkCallback(new URL(`${REDIRECT}?code=abc&state=expected-state`), pending)).toEqual({
      code: 'abc'
    });
    const forged = checkCallback(new URL(`${REDIRECT}?code=abc&state=attacker`), pending);
    expect('error' in forged && forged.error.message).toMatch(/not the one this tab sent/);
    const unsolicited = checkCallback(new URL(`${REDIRECT}?code=abc&state=x`), null);
    expect('error' in unsolicited && unsolicited.error.message).toMatch(/No sign-in was started/);
    const denied = checkCallback(new URL(`${REDIRECT}?error=access_denied&error_description=no`), pending);
    expect('error' in denied && denied.error).toBeInstanceOf(OAuthError);
  });
});

describe('exchangeCode', () => {
  const request = { config: CONFIG, redirectUri: REDIRECT, code: 'the-code', verifier: 'the-verifier' };

  it('posts the code and verifier to the domain’s /oauth2/token and returns the tokens', async () => {
    const tokens = {
      id_token: fakeJwt({ token_use: 'id' }),
      access_token: fakeJwt({}),
      refresh_token: fakeJwe()
    };
    const fetchFn = vi.fn(async () => new Response(JSON.stringify(tokens), { status: 200 }));
    const result = await exchangeCode(request, fetchFn as unknown as typeof fetch);
    expect(result).toEqual({
      idToken: tokens.id_token,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token
    });
    const [url, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://my-prefix.auth.eu-west-1.amazoncognito.com/oauth2/token');
    const body = new URLSearchParams(String(init.body));
    expect(Object.fromEntries(body)).toEqual({
      grant_type: 'authorization_code',
      client_id: CONFIG.clientId,
      code: 'the-code',
      redirect_uri: REDIRECT,
      code_verifier: 'the-verifier'
    });
  });

  it('turns an error answer into the OAuth error, explained like any other', async () => {
    const fetchFn = async () =>
      new Response(JSON.stringify({ error: 'invalid_grant', error_description: 'Code expired' }), {
        status: 400
      });
    const failure = await exchangeCode(request, fetchFn as unknown as typeof fetch).catch((error) => error);
    expect(failure).toBeInstanceOf(OAuthError);
    expect(failure.message).toBe('Code expired');
    expect(failure.details).toEqual({ oauthError: 'invalid_grant' });
  });

  it('refuses an answer without the three tokens', async () => {
    const fetchFn = async () => new Response(JSON.stringify({ access_token: 'x' }), { status: 200 });
    await expect(exchangeCode(request, fetchFn as unknown as typeof fetch)).rejects.toBeInstanceOf(
      OAuthError
    );
  });
});

describe('user pool federation: managed login straight to an outside IdP', () => {
  it('adds identity_provider to the authorize URL and remembers the provider and start time', async () => {
    const storage = new MemoryStorage();
    const url = new URL(
      await startManagedLogin(CONFIG, 'https://lens.example/playground', {
        storage,
        crypto: globalThis.crypto,
        federated: { identityProvider: 'LensIdP', since: '2026-01-15T09:00:00.000Z' }
      })
    );
    expect(url.searchParams.get('identity_provider')).toBe('LensIdP');
    expect(takePendingLogin(storage)?.federated).toEqual({
      identityProvider: 'LensIdP',
      since: '2026-01-15T09:00:00.000Z'
    });
  });
  it('sends no identity_provider for the plain managed login', async () => {
    const storage = new MemoryStorage();
    const url = new URL(
      await startManagedLogin(CONFIG, 'https://lens.example/playground', {
        storage,
        crypto: globalThis.crypto
      })
    );
    expect(url.searchParams.has('identity_provider')).toBe(false);
    expect(takePendingLogin(storage)?.federated).toBeUndefined();
  });
});
