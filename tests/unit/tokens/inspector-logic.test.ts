import { describe, expect, it } from 'vitest';
import { CONNECT_SRC, isConnectable } from '../../../src/lib/csp.js';
import {
  expectedFromToken,
  locateKeys,
  readTokenFragment,
  toVerifyOptions,
  EMPTY_EXPECTED
} from '../../../src/lib/tokens/inspector-logic';
import type { DecodedJws } from '../../../src/lib/tokens';

const POOL = 'us-east-1_AbCdEf123';
const jws = (
  payload: Record<string, unknown>,
  header: Record<string, unknown> = { kid: 'k1', alg: 'RS256' }
) => ({ kind: 'jws', header, payload, unsecured: false }) as unknown as DecodedJws;

describe('the CSP allow-list', () => {
  it('lists what svelte.config.js puts in connect-src', () => {
    expect(CONNECT_SRC).toContain('https://*.amazonaws.com');
    expect(CONNECT_SRC).toContain('http://127.0.0.1:*');
  });

  it.each([
    ['https://cognito-idp.us-east-1.amazonaws.com/x/.well-known/jwks.json', true],
    ['https://my-prefix.auth.eu-west-1.amazoncognito.com/oauth2/token', true],
    ['http://127.0.0.1:9229/x', true],
    ['http://localhost:5173/x', true],
    ['https://amazonaws.com.evil.example/x', false],
    ['https://evil.example/amazonaws.com/', false],
    ['http://cognito-idp.us-east-1.amazonaws.com/x', false],
    ['https://127.0.0.1:9229/x', false]
  ])('%s connectable: %s', (uri, expected) => {
    expect(isConnectable(uri)).toBe(expected);
  });

  it('allows the page’s own origin', () => {
    expect(isConnectable('https://lens.example/jwks.json', 'https://lens.example')).toBe(true);
    expect(isConnectable('https://lens.example.evil/jwks.json', 'https://lens.example')).toBe(false);
  });
});

describe('locateKeys', () => {
  it('fetches a Cognito pool’s keys without asking', () => {
    const location = locateKeys(jws({ iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL}` }), '');
    expect(location).toMatchObject({
      kind: 'issuer',
      automatic: true,
      reachable: true,
      uri: `https://cognito-idp.us-east-1.amazonaws.com/${POOL}/.well-known/jwks.json`
    });
  });

  it.each([
    ['the local sandbox', `http://127.0.0.1:9229/${POOL}`],
    ['another loopback port', `http://localhost:8080/${POOL}`],
    ['an OIDC provider', 'https://accounts.google.com'],
    ['a look-alike of Cognito', `https://cognito-idp.us-east-1.amazonaws.com.evil.example/${POOL}`]
  ])('asks before fetching keys from %s', (_name, iss) => {
    expect(locateKeys(jws({ iss }), '')).toMatchObject({ kind: 'issuer', automatic: false });
  });

  it('needs no keys for an unsigned token, uses pasted keys, and says why there is nowhere to look', () => {
    expect(locateKeys(jws({ iss: 'x' }, { alg: 'none' }), '')).toEqual({ kind: 'not-needed' });
    expect(locateKeys(jws({ iss: 'https://x.example' }), '{"keys":[]}')).toEqual({ kind: 'pasted' });
    expect(locateKeys(jws({}), '')).toMatchObject({
      kind: 'nowhere',
      reason: expect.stringContaining('no issuer')
    });
    expect(locateKeys(jws({ iss: 'urn:x' }), '')).toMatchObject({ kind: 'nowhere' });
  });
});

describe('expected values', () => {
  it('come from the token: the client from aud (id) or client_id (access)', () => {
    const iss = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`;
    expect(expectedFromToken(jws({ iss, aud: 'c1', token_use: 'id' }))).toMatchObject({
      issuer: iss,
      clientId: 'c1',
      tokenUse: 'id'
    });
    expect(expectedFromToken(jws({ iss, client_id: 'c2', token_use: 'access' }))).toMatchObject({
      clientId: 'c2',
      tokenUse: 'access'
    });
  });

  it('become verify options; an empty field skips its check, both Cognito issuer forms are accepted', () => {
    expect(toVerifyOptions(EMPTY_EXPECTED)).toEqual({
      issuer: null,
      tokenUse: null,
      clientId: null,
      groups: null,
      scopes: null,
      clockToleranceSeconds: 0
    });
    const options = toVerifyOptions({
      ...EMPTY_EXPECTED,
      issuer: `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`,
      groups: 'admins, editors',
      clockToleranceSeconds: -5
    });
    expect(options.issuer).toHaveLength(2);
    expect(options.groups).toEqual(['admins', 'editors']);
    expect(options.clockToleranceSeconds).toBe(0);
  });
});

describe('readTokenFragment', () => {
  it('reads #token=, decoded, and nothing else', () => {
    expect(readTokenFragment('#token=eyJ%2Ea')).toBe('eyJ.a');
    expect(readTokenFragment('a=1&token=abc')).toBe('abc');
    expect(readTokenFragment('#token=')).toBeNull();
    expect(readTokenFragment('#other=1')).toBeNull();
    expect(readTokenFragment('#token=%E0%A4%A')).toBe('%E0%A4%A');
  });
});
