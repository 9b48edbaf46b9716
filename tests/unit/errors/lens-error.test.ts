import { describe, expect, it } from 'vitest';
import {
  CognitoInputError,
  isLensError,
  JwksError,
  LensError,
  TokenError,
  VerifyError
} from '../../../src/lib/errors';

describe('LensError', () => {
  it('carries a stable code, details and cause', () => {
    const cause = new TypeError('Failed to fetch');
    const error = new JwksError('ERR_JWKS_FETCH', 'Could not fetch', {
      details: { uri: 'https://x' },
      cause
    });
    expect(error).toBeInstanceOf(LensError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('ERR_JWKS_FETCH');
    expect(error.details).toEqual({ uri: 'https://x' });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('Could not fetch');
  });

  it('names each class with a literal, so minified bundles keep readable names', () => {
    expect(new TokenError('ERR_TOKEN_EMPTY', 'x').name).toBe('TokenError');
    expect(new JwksError('ERR_JWKS_JSON', 'x').name).toBe('JwksError');
    expect(new VerifyError('ERR_JWT_EXPIRED', 'x').name).toBe('VerifyError');
    expect(new CognitoInputError('ERR_INPUT_EMPTY', 'x').name).toBe('CognitoInputError');
  });

  it('has no details or cause unless given', () => {
    const error = new TokenError('ERR_TOKEN_EMPTY', 'The token is empty');
    expect(error.details).toBeUndefined();
    expect(error.cause).toBeUndefined();
  });
});

describe('isLensError', () => {
  it('narrows by class and, optionally, by code', () => {
    const error = new TokenError('ERR_TOKEN_PARTS', 'x');
    expect(isLensError(error)).toBe(true);
    expect(isLensError(error, 'ERR_TOKEN_PARTS')).toBe(true);
    expect(isLensError(error, 'ERR_TOKEN_EMPTY')).toBe(false);
    expect(isLensError(new Error('x'))).toBe(false);
    expect(isLensError({ code: 'ERR_TOKEN_PARTS' })).toBe(false);
  });
});
