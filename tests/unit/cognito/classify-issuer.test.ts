import { describe, expect, it } from 'vitest';
import { classifyIssuer } from '../../../src/lib/cognito';

describe('classifyIssuer', () => {
  it('recognises a user pool issuer in the original AWS form', () => {
    expect(classifyIssuer('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz')).toEqual({
      kind: 'cognito',
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz',
      form: 'original',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_AbC123xyz',
      jwksUri: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz/.well-known/jwks.json'
    });
  });

  it('recognises the updated form', () => {
    const info = classifyIssuer('https://issuer-cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_Xyz');
    expect(info).toMatchObject({ kind: 'cognito', form: 'updated', region: 'us-gov-west-1' });
  });

  it.each(['http://127.0.0.1:9229/local_AbC123', 'http://localhost:9229/eu-west-1_AbC123xyz'])(
    'recognises the sandbox: %s',
    (issuer) => {
      const info = classifyIssuer(issuer);
      expect(info.kind).toBe('sandbox');
      expect(info.kind === 'sandbox' && info.jwksUri).toBe(`${issuer}/.well-known/jwks.json`);
    }
  );

  it.each([
    'https://accounts.google.com',
    'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz/',
    'https://cognito-idp.us-east-1.amazonaws.com/eu-west-1_AbC123xyz',
    'http://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz',
    'https://cognito-idp.eu-west-1.amazonaws.com.evil.example/eu-west-1_AbC123xyz',
    'http://192.168.1.5:9229/local_AbC123',
    'https://cognito-identity.amazonaws.com'
  ])('treats anything else as another issuer: %s', (issuer) => {
    expect(classifyIssuer(issuer)).toEqual({ kind: 'other', issuer });
  });

  it('never throws on odd values', () => {
    expect(classifyIssuer(undefined).kind).toBe('other');
    expect(classifyIssuer(42).kind).toBe('other');
  });
});
