import { describe, expect, it } from 'vitest';
import { JwksError } from '../../../src/lib/errors';
import { parseJwks } from '../../../src/lib/tokens';
import { JWKS } from '../../fixtures/tokens/corpus';

function parseError(text: unknown): JwksError {
  try {
    parseJwks(text);
  } catch (err) {
    if (err instanceof JwksError) return err;
    throw err;
  }
  throw new Error('parseJwks did not throw');
}

describe('parseJwks', () => {
  it('parses a JWKS as a user pool serves it', () => {
    const jwks = parseJwks(JSON.stringify(JWKS));
    expect(jwks.keys).toHaveLength(JWKS.keys.length);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
  });

  it('accepts an empty key set (it is well-formed; no kid will be found in it)', () => {
    expect(parseJwks('{"keys":[]}').keys).toEqual([]);
  });

  it('refuses text that is not JSON', () => {
    const error = parseError('{"keys": [');
    expect(error.code).toBe('ERR_JWKS_JSON');
    expect(error.details?.detail).toEqual(expect.any(String));
  });

  it('recognises a pasted PEM key', () => {
    const error = parseError('-----BEGIN PUBLIC KEY-----\nMIIB...\n-----END PUBLIC KEY-----');
    expect(error.code).toBe('ERR_JWKS_JSON');
    expect(error.details?.hint).toBe('pem');
  });

  it.each([
    ['not an object', '[1]', '', /not a JSON object/],
    ['no keys', '{"foo":1}', 'keys', /no "keys" member/],
    ['a single JWK', '{"kty":"RSA","n":"x","e":"AQAB"}', 'keys', /single key/],
    ['keys not an array', '{"keys":{}}', 'keys', /not an array/],
    ['a key that is not an object', '{"keys":[1]}', 'keys[0]', /not a JSON object/],
    ['a key without kty', '{"keys":[{"kid":"a"}]}', 'keys[0].kty', /no "kty"/],
    ['a key with a numeric kid', '{"keys":[{"kty":"RSA","kid":1}]}', 'keys[0].kid', /not a string/]
  ])('refuses %s', (_name, text, path, message) => {
    const error = parseError(text);
    expect(error.code).toBe('ERR_JWKS_SHAPE');
    expect(error.details?.path).toBe(path);
    expect(error.message).toMatch(message);
  });

  it('refuses non-text', () => {
    expect(parseError({ keys: [] }).code).toBe('ERR_JWKS_JSON');
  });
});
