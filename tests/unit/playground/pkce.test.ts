import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  createPkce,
  encodeBase64Url,
  normalizeDomain,
  pkceChallenge,
  readCallback,
  tokenRequest
} from '../../../src/lib/playground/pkce';

const subtle = webcrypto.subtle as SubtleCrypto;
// RFC 7636 appendix B: the 32 random octets, their verifier and its S256 challenge.
const RFC_OCTETS = [
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
  240, 91, 88, 5, 88, 83, 132, 141, 121
];
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const DOMAIN = 'https://my-prefix.auth.us-east-1.amazoncognito.com';
const REDIRECT = 'http://localhost:5173/playground/callback';

/** A random source that hands out the RFC octets for 32 bytes and 0, 1, 2... for other sizes. */
function fixedRandom(n: number): Uint8Array {
  return n === 32 ? Uint8Array.from(RFC_OCTETS) : Uint8Array.from({ length: n }, (_, i) => i);
}

describe('PKCE', () => {
  it('derives the RFC 7636 appendix B challenge from its verifier', async () => {
    expect(await pkceChallenge(RFC_VERIFIER, subtle)).toBe(RFC_CHALLENGE);
  });

  it('createPkce: verifier from 32 random bytes, S256 challenge, state from 16 bytes', async () => {
    const requested: number[] = [];
    const pkce = await createPkce((n) => {
      requested.push(n);
      return fixedRandom(n);
    }, subtle);
    expect(pkce).toEqual({
      verifier: RFC_VERIFIER,
      challenge: RFC_CHALLENGE,
      state: 'AAECAwQFBgcICQoLDA0ODw'
    });
    expect(requested).toEqual([32, 16]);
  });

  it('createPkce with real randomness gives a 43-character verifier and fresh values', async () => {
    const random = (n: number) => webcrypto.getRandomValues(new Uint8Array(n));
    const a = await createPkce(random, subtle);
    const b = await createPkce(random, subtle);
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.state).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.challenge).toBe(await pkceChallenge(a.verifier, subtle));
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.state).not.toBe(b.state);
  });

  it('refuses a bad random source, a missing SubtleCrypto, and a bad verifier', async () => {
    await expect(createPkce(() => new Uint8Array(3), subtle)).rejects.toThrow(/Uint8Array of 32 bytes/);
    await expect(createPkce(fixedRandom, undefined as unknown as SubtleCrypto)).rejects.toThrow(
      /SubtleCrypto/
    );
    await expect(pkceChallenge('short', subtle)).rejects.toThrow(/43 to 128/);
  });

  it('encodeBase64Url has no padding and uses - and _', () => {
    expect(encodeBase64Url(new Uint8Array([]))).toBe('');
    expect(encodeBase64Url(new Uint8Array([0xfb]))).toBe('-w');
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(encodeBase64Url(new TextEncoder().encode('hello'))).toBe('aGVsbG8');
  });
});

describe('authorizeUrl', () => {
  it('builds the managed login URL with every parameter', () => {
    expect(
      authorizeUrl({
        domain: `${DOMAIN}/`,
        clientId: 'l2vncrxu1rw37fa8zaozr7d3rh',
        redirectUri: REDIRECT,
        challenge: RFC_CHALLENGE,
        state: 'AAECAwQFBgcICQoLDA0ODw',
        scopes: ['openid', 'email', 'profile']
      })
    ).toBe(
      `${DOMAIN}/oauth2/authorize?response_type=code&client_id=l2vncrxu1rw37fa8zaozr7d3rh&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fplayground%2Fcallback&scope=openid+email+profile&state=AAECAwQFBgcICQoLDA0ODw&code_challenge=${RFC_CHALLENGE}&code_challenge_method=S256`
    );
  });

  it('adds identity_provider when given, and works with the sandbox base URL', () => {
    const url = new URL(
      authorizeUrl({
        domain: 'http://127.0.0.1:9229',
        clientId: 'abc',
        redirectUri: REDIRECT,
        challenge: 'c',
        state: 's',
        scopes: ['openid'],
        identityProvider: 'Google'
      })
    );
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:9229/oauth2/authorize');
    expect(url.searchParams.get('identity_provider')).toBe('Google');
    expect(url.searchParams.get('scope')).toBe('openid');
  });

  it('refuses missing values', () => {
    const base = {
      domain: DOMAIN,
      clientId: 'abc',
      redirectUri: REDIRECT,
      challenge: 'c',
      state: 's',
      scopes: []
    };
    expect(() => authorizeUrl({ ...base, clientId: '' })).toThrow(/client id/);
    expect(() => authorizeUrl({ ...base, scopes: 'openid' as unknown as string[] })).toThrow(/scopes/);
    expect(() => authorizeUrl({ ...base, domain: '' })).toThrow(/domain/);
  });
});

describe('readCallback', () => {
  const callback = (query: string) => new URL(`${REDIRECT}${query}`);

  it('returns the code when the state matches', () => {
    expect(readCallback(callback('?code=abc-123&state=s1'), 's1')).toEqual({ code: 'abc-123' });
  });

  it('returns the error Cognito or the provider sent', () => {
    expect(
      readCallback(
        callback('?error=access_denied&error_description=User+cancelled+the+sign-in&state=s1'),
        's1'
      )
    ).toEqual({ error: 'access_denied', description: 'User cancelled the sign-in' });
    expect(readCallback(callback('?error=invalid_request'), 's1')).toEqual({
      error: 'invalid_request',
      description: ''
    });
    expect(readCallback(callback('#error=server_error&error_description=oops'), null)).toEqual({
      error: 'server_error',
      description: 'oops'
    });
  });

  it('clips an oversized error description', () => {
    const result = readCallback(callback(`?error=x&error_description=${'a'.repeat(2000)}`), 's1');
    expect('description' in result && result.description.length).toBe(501);
  });

  it('reports a missing code', () => {
    expect(readCallback(callback('?state=s1'), 's1')).toMatchObject({ error: 'missing_code' });
    expect(readCallback(callback(''), 's1')).toMatchObject({ error: 'missing_code' });
  });

  it('reports a state mismatch, and a missing state in the redirect', () => {
    const mismatch = readCallback(callback('?code=abc&state=other'), 's1');
    expect(mismatch).toMatchObject({ error: 'state_mismatch' });
    expect('description' in mismatch && mismatch.description).toMatch(/not the one this tab sent/);
    const absent = readCallback(callback('?code=abc'), 's1');
    expect(absent).toMatchObject({ error: 'state_mismatch' });
    expect('description' in absent && absent.description).toMatch(/has no state/);
  });

  it('refuses a code when no sign-in was started in this tab', () => {
    const result = readCallback(callback('?code=abc&state=s1'), null);
    expect(result).toMatchObject({ error: 'state_missing' });
    expect('description' in result && result.description).toMatch(/No sign-in was started/);
  });

  it('tolerates a non-URL', () => {
    expect(readCallback('http://x/?code=1' as unknown as URL, null)).toMatchObject({
      error: 'invalid_callback'
    });
  });
});

describe('tokenRequest', () => {
  it('builds the code exchange', () => {
    const { url, body } = tokenRequest({
      domain: `${DOMAIN}/`,
      clientId: 'abc',
      redirectUri: REDIRECT,
      code: 'the-code',
      verifier: RFC_VERIFIER
    });
    expect(url).toBe(`${DOMAIN}/oauth2/token`);
    expect(body.toString()).toBe(
      `grant_type=authorization_code&client_id=abc&code=the-code&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fplayground%2Fcallback&code_verifier=${RFC_VERIFIER}`
    );
  });

  it('refuses a missing code or verifier', () => {
    const base = { domain: DOMAIN, clientId: 'abc', redirectUri: REDIRECT, code: 'c', verifier: 'v' };
    expect(() => tokenRequest({ ...base, code: '' })).toThrow(/code is required/);
    expect(() => tokenRequest({ ...base, verifier: '' })).toThrow(/verifier/);
  });
});

describe('normalizeDomain', () => {
  it('expands a prefix with the region', () => {
    expect(normalizeDomain('my-prefix', 'us-east-1')).toBe(DOMAIN);
    expect(normalizeDomain(' My-Prefix ', 'eu-west-1')).toBe(
      'https://my-prefix.auth.eu-west-1.amazoncognito.com'
    );
  });

  it('adds https to a host and keeps URLs without the trailing slash', () => {
    expect(normalizeDomain('my-prefix.auth.us-east-1.amazoncognito.com', 'us-east-1')).toBe(DOMAIN);
    expect(normalizeDomain('auth.example.com/', 'us-east-1')).toBe('https://auth.example.com');
    expect(normalizeDomain(`${DOMAIN}/`, 'us-east-1')).toBe(DOMAIN);
    expect(normalizeDomain('http://127.0.0.1:9229/', 'us-east-1')).toBe('http://127.0.0.1:9229');
  });

  it('throws on what it cannot use', () => {
    expect(() => normalizeDomain('', 'us-east-1')).toThrow(/domain/);
    expect(() => normalizeDomain('my-prefix', 'nowhere')).toThrow();
    expect(() => normalizeDomain('https://', 'us-east-1')).toThrow(/not a URL/);
  });
});
