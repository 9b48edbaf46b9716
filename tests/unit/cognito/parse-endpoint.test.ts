import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../../src/lib/cognito';
import { inputError } from './helpers';

describe('parseEndpoint', () => {
  it('returns the origin of the sandbox and of https endpoints', () => {
    expect(parseEndpoint('http://127.0.0.1:9229')).toBe('http://127.0.0.1:9229');
    expect(parseEndpoint('http://localhost:9229/')).toBe('http://localhost:9229');
    expect(parseEndpoint('https://cognito-idp.eu-west-1.amazonaws.com')).toBe(
      'https://cognito-idp.eu-west-1.amazonaws.com'
    );
  });

  it('allows plain http only on the loopback interface', () => {
    const error = inputError(() => parseEndpoint('http://example.com:9229'));
    expect(error.code).toBe('ERR_ENDPOINT_INVALID');
    expect(error.details?.suggestion).toBe('https://example.com:9229');
  });

  it('refuses a path, a scheme it cannot use, credentials, and non-URLs', () => {
    expect(inputError(() => parseEndpoint('http://127.0.0.1:9229/local_AbC123')).details?.suggestion).toBe(
      'http://127.0.0.1:9229'
    );
    expect(inputError(() => parseEndpoint('ftp://127.0.0.1')).message).toMatch(/not ftp/);
    expect(inputError(() => parseEndpoint('https://user:pw@example.com')).message).toMatch(
      /user name or password/
    );
    expect(inputError(() => parseEndpoint('127.0.0.1:9229')).details?.suggestion).toBe(
      'http://127.0.0.1:9229'
    );
    expect(inputError(() => parseEndpoint('localhost:9229')).details?.suggestion).toBe(
      'http://localhost:9229'
    );
  });
});
