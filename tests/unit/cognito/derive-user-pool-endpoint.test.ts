import { describe, expect, it } from 'vitest';
import { deriveUserPoolEndpoint } from '../../../src/lib/cognito';

describe('deriveUserPoolEndpoint', () => {
  it('is https://cognito-idp.<region>.amazonaws.com/', () => {
    expect(deriveUserPoolEndpoint({ region: 'eu-central-2' })).toBe(
      'https://cognito-idp.eu-central-2.amazonaws.com/'
    );
  });

  it('uses the endpoint override', () => {
    expect(deriveUserPoolEndpoint({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9229' })).toBe(
      'http://127.0.0.1:9229/'
    );
  });
});
