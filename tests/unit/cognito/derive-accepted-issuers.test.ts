import { describe, expect, it } from 'vitest';
import { deriveAcceptedIssuers } from '../../../src/lib/cognito';

describe('deriveAcceptedIssuers', () => {
  it('accepts both AWS issuer forms, as aws-jwt-verify does', () => {
    expect(deriveAcceptedIssuers({ userPoolId: 'eu-west-1_AbC123xyz' })).toEqual([
      'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz',
      'https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz'
    ]);
  });

  it('accepts only the endpoint form with an override', () => {
    expect(deriveAcceptedIssuers({ userPoolId: 'local_AbC123', endpoint: 'http://localhost:9229' })).toEqual([
      'http://localhost:9229/local_AbC123'
    ]);
  });
});
