// Issue 3, behaviour 2: app client rules (explicit auth flows, client secret).
import { InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  expectAwsError,
  preset,
  secretHash,
  seedUser,
  signInWithPassword,
  signInWithSrp,
  uniqueName,
  userPoolClient
} from './support';

const alice = seedUser('alice');
const passwordAuth = (client: keyof typeof preset.clients, parameters: Record<string, string>) =>
  userPoolClient().send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: preset.clients[client].id,
      AuthParameters: parameters
    })
  );

describe('USER_PASSWORD_AUTH and ExplicitAuthFlows', () => {
  it('works on a client that allows it', async () => {
    const result = await signInWithPassword('alice', alice.password, 'web');
    expect(result.IdToken.split('.')).toHaveLength(3);
  });

  it('is refused on a client that does not allow it', async () => {
    await expectAwsError(
      passwordAuth('noPasswordAuth', { USERNAME: 'alice', PASSWORD: alice.password }),
      'InvalidParameterException',
      'USER_PASSWORD_AUTH flow not enabled for this client'
    );
  });

  it('still checks the password before anything else on an allowed client', async () => {
    await expectAwsError(
      passwordAuth('web', { USERNAME: 'alice', PASSWORD: 'Wrong-Passw0rd!' }),
      'NotAuthorizedException',
      'Incorrect username or password.'
    );
  });
});

describe('a client with a secret', () => {
  const id = preset.clients.withSecret.id;

  it('refuses USER_PASSWORD_AUTH without SECRET_HASH', async () => {
    await expectAwsError(
      passwordAuth('withSecret', { USERNAME: 'alice', PASSWORD: alice.password }),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${id}`
    );
  });

  it('refuses a SECRET_HASH made for another user', async () => {
    await expectAwsError(
      passwordAuth('withSecret', {
        USERNAME: 'alice',
        PASSWORD: alice.password,
        SECRET_HASH: secretHash('erin')
      }),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${id}`
    );
  });

  it('accepts the right SECRET_HASH', async () => {
    const result = await signInWithPassword('alice', alice.password, 'withSecret');
    expect(result.AccessToken).toBeTruthy();
  });

  it('refuses SRP from amazon-cognito-identity-js, which cannot send SECRET_HASH', async () => {
    await expectAwsError(
      signInWithSrp('alice', alice.password, { client: 'withSecret' }),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${id}`
    );
  });

  it('refuses SignUp without SecretHash', async () => {
    await expectAwsError(
      userPoolClient().send(
        new SignUpCommand({ ClientId: id, Username: uniqueName('nosecret'), Password: 'Good-Passw0rd!' })
      ),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${id}`
    );
  });

  it('answers an unknown client id with ResourceNotFoundException', async () => {
    await expectAwsError(
      userPoolClient().send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: 'nosuchclient00000000000000',
          AuthParameters: { USERNAME: 'alice', PASSWORD: alice.password }
        })
      ),
      'ResourceNotFoundException',
      'User pool client nosuchclient00000000000000 does not exist.'
    );
  });
});
