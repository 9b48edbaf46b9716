import { describe, expect, it } from 'vitest';
import { deriveIdentityPoolEndpoint } from '../../../src/lib/cognito';

describe('deriveIdentityPoolEndpoint', () => {
  it('is https://cognito-identity.<region>.amazonaws.com/, .com.cn in China', () => {
    expect(deriveIdentityPoolEndpoint({ region: 'eu-west-1' })).toBe(
      'https://cognito-identity.eu-west-1.amazonaws.com/'
    );
    expect(deriveIdentityPoolEndpoint({ region: 'cn-north-1' })).toBe(
      'https://cognito-identity.cn-north-1.amazonaws.com.cn/'
    );
  });

  it('uses the endpoint override', () => {
    expect(deriveIdentityPoolEndpoint({ region: 'eu-west-1', endpoint: 'http://localhost:4566' })).toBe(
      'http://localhost:4566/'
    );
  });
});
