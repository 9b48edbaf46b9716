import { describe, expect, it } from 'vitest';
import { parseUserPoolId } from '../../../src/lib/cognito';
import { inputError } from './helpers';

describe('parseUserPoolId', () => {
  it('returns the id and its region', () => {
    expect(parseUserPoolId('eu-west-1_AbC123xyz')).toEqual({
      userPoolId: 'eu-west-1_AbC123xyz',
      region: 'eu-west-1'
    });
    expect(parseUserPoolId('us-gov-west-1_Xyz987', { region: 'us-gov-west-1' }).region).toBe('us-gov-west-1');
  });

  it('catches the classic mix-up: an identity pool id in the user pool field', () => {
    const error = inputError(() => parseUserPoolId('eu-west-1:1a2b3c4d-1111-2222-3333-444455556666'));
    expect(error.code).toBe('ERR_USER_POOL_ID_IS_IDENTITY_POOL_ID');
    expect(error.message).toMatch(/is an identity pool id \(region:GUID\), not a user pool id/);
  });

  it('says when the pool id and the configured region disagree', () => {
    const error = inputError(() => parseUserPoolId('eu-west-1_AbC123xyz', { region: 'us-east-1' }));
    expect(error.code).toBe('ERR_USER_POOL_ID_REGION_MISMATCH');
    expect(error.message).toBe('The user pool id is in eu-west-1, but the region is set to us-east-1');
    expect(error.details).toMatchObject({ poolRegion: 'eu-west-1', region: 'us-east-1' });
  });

  it.each([
    [
      'the issuer URL',
      'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz',
      /a URL; the user pool id is/
    ],
    [
      'the JWKS URL',
      'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz/.well-known/jwks.json',
      /a URL/
    ],
    ['the ARN', 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123xyz', /the pool ARN/]
  ])('extracts the id from %s', (_name, input, message) => {
    const error = inputError(() => parseUserPoolId(input));
    expect(error.code).toBe('ERR_USER_POOL_ID_INVALID');
    expect(error.message).toMatch(message);
    expect(error.details?.suggestion).toBe('eu-west-1_AbC123xyz');
  });

  it('recognises an app client id', () => {
    expect(inputError(() => parseUserPoolId('3n4b5urk1ft4fl3mg5e62d9ado')).message).toMatch(
      /looks like an app client id/
    );
  });

  it('explains a missing region prefix, and suggests one when the region is known', () => {
    const error = inputError(() => parseUserPoolId('AbC123xyz', { region: 'eu-west-1' }));
    expect(error.message).toMatch(/starts with its region and an underscore/);
    expect(error.details?.suggestion).toBe('eu-west-1_AbC123xyz');
    expect(inputError(() => parseUserPoolId('AbC123xyz')).details?.suggestion).toBeUndefined();
  });

  it('explains a bad prefix or suffix', () => {
    expect(inputError(() => parseUserPoolId('euwest1_AbC')).message).toMatch(
      /"euwest1", is not a region code/
    );
    expect(inputError(() => parseUserPoolId('eu-west-1_AbC-123')).message).toMatch(/only letters and digits/);
  });

  it('accepts sandbox ids only when asked', () => {
    expect(inputError(() => parseUserPoolId('local_AbC123')).message).toMatch(/need the sandbox endpoint/);
    expect(parseUserPoolId('local_AbC123', { sandbox: true })).toEqual({
      userPoolId: 'local_AbC123',
      region: 'local'
    });
  });

  it('refuses padding', () => {
    expect(inputError(() => parseUserPoolId("'eu-west-1_AbC123xyz'")).details).toMatchObject({
      suggestion: 'eu-west-1_AbC123xyz'
    });
  });
});
