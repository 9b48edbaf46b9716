import { describe, expect, it } from 'vitest';
import { deriveJwksUri } from '../../../src/lib/cognito';
import { inputError } from './helpers';

describe('deriveJwksUri', () => {
  it('appends /.well-known/jwks.json to the issuer', () => {
    expect(deriveJwksUri('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz')).toBe(
      'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz/.well-known/jwks.json'
    );
    expect(deriveJwksUri('http://127.0.0.1:9229/local_AbC123/')).toBe(
      'http://127.0.0.1:9229/local_AbC123/.well-known/jwks.json'
    );
  });

  it('refuses an issuer that is not an http(s) URL', () => {
    expect(inputError(() => deriveJwksUri('cognito')).code).toBe('ERR_ISSUER_INVALID');
    expect(inputError(() => deriveJwksUri('javascript:alert(1)')).code).toBe('ERR_ISSUER_INVALID');
  });
});
