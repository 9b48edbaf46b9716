// Issue 14, hostile input: a captured PASSWORD_VERIFIER answer cannot be replayed (challenge sessions are single
// use; Cognito: NotAuthorizedException "Invalid session for the user, session can only be used once."), SECRET_HASH
// is compared exactly (junk after the base64 padding is refused), and identity pool Logins accept only id tokens.
import { GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { SignJWT, decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKeys } from '../../sandbox/lib/keys.js';
import {
  endpoint,
  expectAwsError,
  identityClient,
  issuer,
  loginKey,
  preset,
  secretHash,
  seedUser,
  signInWithPassword,
  signInWithSrp,
  userPoolClient
} from './support';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('replay', () => {
  it('a captured PASSWORD_VERIFIER answer replays 0 times out of 5', async () => {
    // amazon-cognito-identity-js calls fetch; record the challenge answer it sends, as someone on the path could.
    const captured: { headers: Record<string, string>; body: string }[] = [];
    globalThis.fetch = (input, init) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      if (headers['X-Amz-Target']?.endsWith('.RespondToAuthChallenge')) {
        captured.push({ headers, body: String(init?.body) });
      }
      return realFetch(input, init);
    };
    const session = await signInWithSrp('erin', seedUser('erin').password);
    globalThis.fetch = realFetch;
    expect(session.isValid()).toBe(true);
    expect(captured).toHaveLength(1);

    const [answer] = captured;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: answer?.headers,
        body: answer?.body
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        __type: 'NotAuthorizedException',
        message: 'Invalid session for the user, session can only be used once.'
      });
    }
  });
});

describe('SECRET_HASH', () => {
  const signIn = (hash: string) =>
    userPoolClient().send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: preset.clients.withSecret.id,
        AuthParameters: { USERNAME: 'alice', PASSWORD: seedUser('alice').password, SECRET_HASH: hash }
      })
    );

  it('is compared exactly: junk after the padding is refused', async () => {
    const hash = secretHash('alice');
    expect(hash.endsWith('=')).toBe(true);
    for (const forged of [`${hash}junk`, `${hash}=`, `${hash} `, hash.replace(/=$/, '')]) {
      await expectAwsError(
        signIn(forged),
        'NotAuthorizedException',
        `Unable to verify secret hash for client ${preset.clients.withSecret.id}`
      );
    }
    await expect(signIn(hash)).resolves.toHaveProperty('AuthenticationResult.IdToken');
  });
});

describe('identity pool Logins', () => {
  const getId = (token: string) =>
    identityClient().send(
      new GetIdCommand({ IdentityPoolId: preset.identityPools.guests.id, Logins: { [loginKey]: token } })
    );

  it('refuse an access token', async () => {
    const { AccessToken } = await signInWithPassword('erin', seedUser('erin').password);
    await expectAwsError(getId(AccessToken), 'NotAuthorizedException', /^Invalid login token\./);
  });

  it('refuse a token signed with the id token key that is not an id token (token_use)', async () => {
    const { IdToken } = await signInWithPassword('erin', seedUser('erin').password);
    const keys = loadKeys(new URL('../../sandbox/seed/keys.json', import.meta.url));
    const claims = { ...decodeJwt(IdToken), token_use: 'access' };
    const notAnIdToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: keys.idToken.kid })
      .sign(keys.idToken.privateKey);
    expect(decodeJwt(notAnIdToken).iss).toBe(issuer());
    await expectAwsError(
      getId(notAnIdToken),
      'NotAuthorizedException',
      'Invalid login token. Not a valid OpenId Connect identity token.'
    );
    await expect(getId(IdToken)).resolves.toHaveProperty('IdentityId');
  });
});
