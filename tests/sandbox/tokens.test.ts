// Issue 3, behaviour 4: Cognito-shaped tokens, JWKS verification, refresh, GlobalSignOut, RevokeToken.
import {
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectAwsError,
  issuer,
  preset,
  roleArn,
  seedUser,
  signInWithPassword,
  signInWithSrp,
  userPoolClient
} from './support';

const webClientId = preset.clients.web.id;
const jwks = createRemoteJWKSet(new URL(`${issuer()}/.well-known/jwks.json`));

const refresh = (refreshToken: string, clientId = webClientId) =>
  userPoolClient().send(
    new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: refreshToken }
    })
  );

describe('tokens from an SRP sign-in', () => {
  let idToken: string;
  let accessToken: string;
  let refreshToken: string;

  beforeAll(async () => {
    const session = await signInWithSrp('alice', seedUser('alice').password);
    idToken = session.getIdToken().getJwtToken();
    accessToken = session.getAccessToken().getJwtToken();
    refreshToken = session.getRefreshToken().getToken();
  });

  it('has an id token that verifies against {iss}/.well-known/jwks.json and carries Cognito claims', async () => {
    const { payload, protectedHeader } = await jwtVerify(idToken, jwks, {
      issuer: issuer(),
      audience: webClientId
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      token_use: 'id',
      aud: webClientId,
      sub: seedUser('alice').attributes.sub,
      'cognito:username': 'alice',
      'cognito:groups': ['editors', 'readers'],
      'cognito:roles': [roleArn('editors'), roleArn('readers')],
      'cognito:preferred_role': roleArn('editors'),
      email: 'alice@example.com',
      email_verified: true,
      name: 'Alice Example'
    });
    expect(payload.exp).toBe(Number(payload.iat) + 3600);
    expect(payload.auth_time).toBe(payload.iat);
    for (const claim of ['jti', 'origin_jti', 'event_id']) expect(payload[claim]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('has an access token with client_id, scope and username but no aud, signed with another key', async () => {
    const { payload, protectedHeader } = await jwtVerify(accessToken, jwks, { issuer: issuer() });
    expect(payload).toMatchObject({
      token_use: 'access',
      client_id: webClientId,
      username: 'alice',
      scope: 'aws.cognito.signin.user.admin',
      'cognito:groups': ['editors', 'readers']
    });
    expect(payload).not.toHaveProperty('aud');
    expect(payload).not.toHaveProperty('cognito:roles');
    expect(payload.origin_jti).toBe(decodeJwt(idToken).origin_jti);
    expect(protectedHeader.kid).not.toBe(decodeProtectedHeader(idToken).kid);
  });

  it('has an opaque refresh token: a five-part JWE nobody else can read', () => {
    expect(refreshToken.split('.')).toHaveLength(5);
    expect(decodeProtectedHeader(refreshToken)).toEqual({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' });
    expect(() => decodeJwt(refreshToken)).toThrow();
  });

  it('refreshes into new id and access tokens of the same session', async () => {
    const { AuthenticationResult: result } = await refresh(refreshToken);
    expect(result?.RefreshToken).toBeUndefined();
    expect(result?.ExpiresIn).toBe(3600);
    expect(result?.TokenType).toBe('Bearer');
    const before = decodeJwt(idToken);
    const { payload: after } = await jwtVerify(result?.IdToken ?? '', jwks, {
      issuer: issuer(),
      audience: webClientId
    });
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.jti).not.toBe(before.jti);
    await jwtVerify(result?.AccessToken ?? '', jwks, { issuer: issuer() });
  });

  it('rejects a refresh token presented by another client', async () => {
    await expectAwsError(
      refresh(refreshToken, preset.clients.noPasswordAuth.id),
      'NotAuthorizedException',
      'Invalid Refresh Token'
    );
  });
});

describe('USER_PASSWORD_AUTH result', () => {
  it('reports ExpiresIn and TokenType, and a user in no group gets no group claims', async () => {
    const result = await signInWithPassword('erin', seedUser('erin').password);
    expect(result.ExpiresIn).toBe(3600);
    expect(result.TokenType).toBe('Bearer');
    const claims = decodeJwt(result.IdToken);
    expect(claims).not.toHaveProperty('cognito:groups');
    expect(claims).not.toHaveProperty('cognito:preferred_role');
  });
});

describe('ending sessions', () => {
  it('GlobalSignOut makes every refresh token of the user fail, and the access token too', async () => {
    const password = seedUser('erin').password;
    const [first, second] = await Promise.all([
      signInWithPassword('erin', password),
      signInWithPassword('erin', password)
    ]);
    await userPoolClient().send(new GlobalSignOutCommand({ AccessToken: first.AccessToken }));
    await expectAwsError(
      refresh(first.RefreshToken),
      'NotAuthorizedException',
      'Refresh Token has been revoked'
    );
    await expectAwsError(
      refresh(second.RefreshToken),
      'NotAuthorizedException',
      'Refresh Token has been revoked'
    );
    await expectAwsError(
      userPoolClient().send(new GetUserCommand({ AccessToken: second.AccessToken })),
      'NotAuthorizedException',
      'Access Token has been revoked'
    );
    // A new sign-in is unaffected.
    const fresh = await signInWithPassword('erin', password);
    await expect(refresh(fresh.RefreshToken)).resolves.toHaveProperty('AuthenticationResult.IdToken');
  });

  it('RevokeToken ends that session only', async () => {
    const password = seedUser('alice').password;
    const [revoked, kept] = await Promise.all([
      signInWithPassword('alice', password),
      signInWithPassword('alice', password)
    ]);
    await userPoolClient().send(
      new RevokeTokenCommand({ Token: revoked.RefreshToken, ClientId: webClientId })
    );
    await expectAwsError(
      refresh(revoked.RefreshToken),
      'NotAuthorizedException',
      'Refresh Token has been revoked'
    );
    await expectAwsError(
      userPoolClient().send(new GetUserCommand({ AccessToken: revoked.AccessToken })),
      'NotAuthorizedException',
      'Access Token has been revoked'
    );
    await expect(refresh(kept.RefreshToken)).resolves.toHaveProperty('AuthenticationResult.AccessToken');
    const user = await userPoolClient().send(new GetUserCommand({ AccessToken: kept.AccessToken }));
    expect(user.Username).toBe('alice');
  });

  it('GetUser checks the access token signature, unlike cognito-local alone', async () => {
    const { AccessToken } = await signInWithPassword('alice', seedUser('alice').password);
    const [header, , signature] = AccessToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(AccessToken), username: 'erin' })).toString(
      'base64url'
    );
    await expectAwsError(
      userPoolClient().send(new GetUserCommand({ AccessToken: `${header}.${forged}.${signature}` })),
      'NotAuthorizedException',
      'Invalid Access Token'
    );
  });
});
