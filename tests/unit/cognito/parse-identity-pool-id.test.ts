import { describe, expect, it } from 'vitest';
import { parseIdentityPoolId } from '../../../src/lib/cognito';
import { inputError } from './helpers';

const ID = 'eu-west-1:1a2b3c4d-1111-2222-3333-444455556666';
const GUID = '1a2b3c4d-1111-2222-3333-444455556666';

describe('parseIdentityPoolId', () => {
  it('returns the id and its region', () => {
    expect(parseIdentityPoolId(ID)).toEqual({ identityPoolId: ID, region: 'eu-west-1' });
  });

  it('catches the classic mix-up: a user pool id in the identity pool field', () => {
    const error = inputError(() => parseIdentityPoolId('eu-west-1_AbC123xyz'));
    expect(error.code).toBe('ERR_IDENTITY_POOL_ID_IS_USER_POOL_ID');
    expect(error.message).toMatch(/is a user pool id \(region_letters\), not an identity pool id/);
  });

  it('says when the id and the configured region disagree', () => {
    const error = inputError(() => parseIdentityPoolId(ID, { region: 'us-east-1' }));
    expect(error.code).toBe('ERR_IDENTITY_POOL_ID_REGION_MISMATCH');
    expect(error.details).toMatchObject({
      poolRegion: 'eu-west-1',
      region: 'us-east-1',
      suggestion: 'eu-west-1'
    });
  });

  it('explains a bare GUID and suggests the prefix when the region is known', () => {
    const error = inputError(() => parseIdentityPoolId(GUID, { region: 'eu-west-1' }));
    expect(error.message).toMatch(/missing its region/);
    expect(error.details?.suggestion).toBe(ID);
  });

  it('extracts the id from an ARN', () => {
    const arn = `arn:aws:cognito-identity:eu-west-1:123456789012:identitypool/${ID}`;
    expect(inputError(() => parseIdentityPoolId(arn)).details?.suggestion).toBe(ID);
  });

  it('explains upper-case hex, a bad prefix and a bad GUID', () => {
    expect(
      inputError(() => parseIdentityPoolId(ID.toUpperCase().replace('EU-WEST-1', 'eu-west-1'))).details
        ?.suggestion
    ).toBe(ID);
    expect(inputError(() => parseIdentityPoolId(`euwest:${GUID}`)).message).toMatch(
      /"euwest", is not a region code/
    );
    expect(inputError(() => parseIdentityPoolId('eu-west-1:1234')).message).toMatch(/is not a GUID/);
    expect(inputError(() => parseIdentityPoolId('pool')).message).toMatch(/a region, a colon and a GUID/);
  });
});
