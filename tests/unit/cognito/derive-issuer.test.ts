import { describe, expect, it } from 'vitest';
import { deriveIssuer } from '../../../src/lib/cognito';
import { inputError } from './helpers';

describe('deriveIssuer', () => {
  it('builds the original AWS form by default', () => {
    expect(deriveIssuer({ userPoolId: 'eu-west-1_AbC123xyz' })).toBe(
      'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz'
    );
  });

  it('builds the updated form on request', () => {
    expect(deriveIssuer({ userPoolId: 'us-east-1_Xyz' }, 'updated')).toBe(
      'https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Xyz'
    );
  });

  it('uses the endpoint override (the sandbox)', () => {
    expect(deriveIssuer({ userPoolId: 'local_AbC123', endpoint: 'http://127.0.0.1:9229/' })).toBe(
      'http://127.0.0.1:9229/local_AbC123'
    );
  });

  it('refuses an invalid pool id', () => {
    expect(
      inputError(() => deriveIssuer({ userPoolId: 'eu-west-1:1a2b3c4d-1111-2222-3333-444455556666' })).code
    ).toBe('ERR_USER_POOL_ID_IS_IDENTITY_POOL_ID');
  });
});
