// Issue 3, behaviour 1: USER_SRP_AUTH with amazon-cognito-identity-js.
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { expectAwsError, preset, seedUser, signInWithSrp, userPoolClient } from './support';

const alice = seedUser('alice');

describe('USER_SRP_AUTH (PASSWORD_VERIFIER)', () => {
  it('signs alice in with the right password', async () => {
    const session = await signInWithSrp('alice', alice.password);
    expect(session.isValid()).toBe(true);
    expect(session.getIdToken().payload['cognito:username']).toBe('alice');
    expect(session.getAccessToken().payload.client_id).toBe(preset.clients.web.id);
  });

  it('answers a wrong password with NotAuthorizedException', async () => {
    await expectAwsError(
      signInWithSrp('alice', 'Not-Her-Passw0rd!'),
      'NotAuthorizedException',
      'Incorrect username or password.'
    );
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    await expectAwsError(
      signInWithSrp('nobody-here', 'Whatever-1!'),
      'NotAuthorizedException',
      'Incorrect username or password.'
    );
  });

  it('refuses a disabled user', async () => {
    await expectAwsError(
      signInWithSrp('dave', seedUser('dave').password),
      'NotAuthorizedException',
      'User is disabled.'
    );
  });

  it('sends the PASSWORD_VERIFIER challenge Cognito sends, with a salt that is stable per user', async () => {
    const initiate = () =>
      userPoolClient().send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: preset.clients.web.id,
          AuthParameters: { USERNAME: 'alice', SRP_A: 'abcdef0123456789'.repeat(48) }
        })
      );
    const [first, second] = await Promise.all([initiate(), initiate()]);
    expect(first.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(first.ChallengeParameters ?? {}).sort()).toEqual([
      'SALT',
      'SECRET_BLOCK',
      'SRP_B',
      'USERNAME',
      'USER_ID_FOR_SRP'
    ]);
    expect(first.ChallengeParameters?.USER_ID_FOR_SRP).toBe('alice');
    expect(first.ChallengeParameters?.SALT).toBe(second.ChallengeParameters?.SALT);
    expect(first.ChallengeParameters?.SRP_B).not.toBe(second.ChallengeParameters?.SRP_B);
  });
});
