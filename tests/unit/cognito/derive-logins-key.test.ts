import { describe, expect, it } from 'vitest';
import { deriveLoginsKey } from '../../../src/lib/cognito';

describe('deriveLoginsKey', () => {
  it('is cognito-idp.<region>.amazonaws.com/<userPoolId>', () => {
    expect(deriveLoginsKey({ userPoolId: 'eu-west-1_AbC123xyz' })).toBe(
      'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz'
    );
  });

  it('keeps the AWS form for sandbox pools too: it names a provider, it is not called', () => {
    expect(deriveLoginsKey({ userPoolId: 'local_AbC123' })).toBe(
      'cognito-idp.local.amazonaws.com/local_AbC123'
    );
  });
});
