// GetTokensFromRefreshToken (the refresh Amplify v6 uses) and refresh token rotation as the app client configures it.
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
//   "When enabled, your app client issues new ID, access, and refresh tokens when users renew their sessions with
//   refresh tokens. When disabled, token refresh issues only ID and access tokens. [...] When
//   RetryGracePeriodSeconds is 0, [...] a successful request immediately invalidates the submitted refresh token."
import {
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { expectAwsError, preset, seedUser, signInWithPassword, userPoolClient } from './support';

const client = userPoolClient();
const refreshWith = (ClientId: string, RefreshToken: string) =>
  client.send(new GetTokensFromRefreshTokenCommand({ ClientId, RefreshToken }));

describe('GetTokensFromRefreshToken', () => {
  it('without rotation: new id and access tokens of the same session, no new refresh token', async () => {
    const alice = seedUser('alice');
    const first = await signInWithPassword(alice.username, alice.password);
    const { AuthenticationResult: result } = await refreshWith(preset.clients.web.id, first.RefreshToken);
    expect(result?.RefreshToken).toBeUndefined();
    expect(result?.TokenType).toBe('Bearer');
    expect(decodeJwt(result?.IdToken ?? '').origin_jti).toBe(decodeJwt(first.IdToken).origin_jti);
    const me = await client.send(new GetUserCommand({ AccessToken: result?.AccessToken }));
    expect(me.Username).toBe('alice');
    // The same refresh token keeps working.
    expect((await refreshWith(preset.clients.web.id, first.RefreshToken)).AuthenticationResult).toBeDefined();
  });

  it('with rotation (grace 0): a new refresh token each time, and the old one is refused at once', async () => {
    const erin = seedUser('erin');
    const first = await signInWithPassword(erin.username, erin.password, 'rotating');
    const rotated = (await refreshWith(preset.clients.rotating.id, first.RefreshToken)).AuthenticationResult;
    expect(rotated?.RefreshToken).toBeTruthy();
    expect(rotated?.RefreshToken).not.toBe(first.RefreshToken);
    await expectAwsError(
      refreshWith(preset.clients.rotating.id, first.RefreshToken),
      'NotAuthorizedException',
      'Refresh Token has been revoked'
    );
    const again = (await refreshWith(preset.clients.rotating.id, rotated?.RefreshToken ?? ''))
      .AuthenticationResult;
    expect(again?.RefreshToken).toBeTruthy();
    expect(decodeJwt(again?.AccessToken ?? '').origin_jti).toBe(decodeJwt(first.AccessToken).origin_jti);
  });

  it('with rotation, REFRESH_TOKEN_AUTH is refused ("must be completed with GetTokensFromRefreshToken")', async () => {
    const erin = seedUser('erin');
    const first = await signInWithPassword(erin.username, erin.password, 'rotating');
    await expectAwsError(
      client.send(
        new InitiateAuthCommand({
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: preset.clients.rotating.id,
          AuthParameters: { REFRESH_TOKEN: first.RefreshToken }
        })
      ),
      'InvalidParameterException'
    );
  });

  it('refuses a refresh token of another client', async () => {
    const alice = seedUser('alice');
    const first = await signInWithPassword(alice.username, alice.password);
    await expectAwsError(
      refreshWith(preset.clients.rotating.id, first.RefreshToken),
      'NotAuthorizedException',
      'Invalid Refresh Token'
    );
  });

  it('a client created with rotation and a grace period keeps it, and the old token works during the grace', async () => {
    const { UserPoolClient } = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: preset.userPoolId,
        ClientName: 'rotating-with-grace',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 }
      })
    );
    const clientId = UserPoolClient?.ClientId ?? '';
    expect(UserPoolClient?.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 30 });
    const described = await client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: preset.userPoolId, ClientId: clientId })
    );
    expect(described.UserPoolClient?.RefreshTokenRotation?.RetryGracePeriodSeconds).toBe(30);

    const erin = seedUser('erin');
    const { AuthenticationResult: first } = await client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: erin.username, PASSWORD: erin.password }
      })
    );
    const old = first?.RefreshToken ?? '';
    const rotated = (await refreshWith(clientId, old)).AuthenticationResult;
    expect(rotated?.RefreshToken).not.toBe(old);
    // Within RetryGracePeriodSeconds the rotated-out token still refreshes (a client retry).
    expect((await refreshWith(clientId, old)).AuthenticationResult?.AccessToken).toBeTruthy();
    expect(
      (await refreshWith(clientId, rotated?.RefreshToken ?? '')).AuthenticationResult?.RefreshToken
    ).toBeTruthy();
  });

  it('refuses a grace period above 60 seconds', async () => {
    await expectAwsError(
      client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: preset.userPoolId,
          ClientName: 'too-much-grace',
          RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 61 }
        })
      ),
      'InvalidParameterException'
    );
  });
});
