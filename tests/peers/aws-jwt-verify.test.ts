// aws-jwt-verify (AWS Labs' JWT verifier) on the sandbox's tokens, set up as an app developer would: only the
// issuer and the JWKS fetcher differ from AWS (its default fetcher is https-only, so http needs a fetch-based one).
import { JwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { describe, expect, it } from 'vitest';
import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  issuer,
  preset,
  seedUser,
  signInWithPassword,
  signInWithSrp,
  userPoolClient
} from '../sandbox/support';

const fetcher = {
  async fetch(uri: string) {
    const response = await fetch(uri);
    if (!response.ok) throw new Error(`JWKS fetch ${uri}: ${response.status}`);
    return (await response.arrayBuffer()) as ArrayBuffer;
  }
};

const verifierFor = (tokenUse: 'id' | 'access', clientId: string = preset.clients.web.id) =>
  JwtVerifier.create(
    {
      issuer: issuer(),
      audience: tokenUse === 'id' ? clientId : null,
      jwksUri: `${issuer()}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== tokenUse) throw new Error(`token_use is ${String(payload.token_use)}`);
        if (tokenUse === 'access' && payload.client_id !== clientId) throw new Error('client_id');
      }
    },
    { jwksCache: new SimpleJwksCache({ fetcher }) }
  );

describe('aws-jwt-verify accepts the sandbox tokens', () => {
  it('verifies the id and access tokens of an SRP sign-in', async () => {
    const alice = seedUser('alice');
    const session = await signInWithSrp(alice.username, alice.password);
    const id = await verifierFor('id').verify(session.getIdToken().getJwtToken());
    expect(id['cognito:username']).toBe('alice');
    const access = await verifierFor('access').verify(session.getAccessToken().getJwtToken());
    expect(access.token_use).toBe('access');
  });

  it('rejects an id token whose signature was tampered with', async () => {
    const alice = seedUser('alice');
    const token = (await signInWithSrp(alice.username, alice.password)).getIdToken().getJwtToken();
    const [header, payload, signature = ''] = token.split('.');
    const flipped = (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1);
    await expect(verifierFor('id').verify(`${header}.${payload}.${flipped}`)).rejects.toThrow();
  });

  it('verifies the tokens of GetTokensFromRefreshToken with rotation, and rejects them for another client', async () => {
    const erin = seedUser('erin');
    const first = await signInWithPassword(erin.username, erin.password, 'rotating');
    const { AuthenticationResult } = await userPoolClient().send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: preset.clients.rotating.id,
        RefreshToken: first.RefreshToken
      })
    );
    const id = await verifierFor('id', preset.clients.rotating.id).verify(
      AuthenticationResult?.IdToken ?? ''
    );
    expect(id['cognito:username']).toBe('erin');
    await verifierFor('access', preset.clients.rotating.id).verify(AuthenticationResult?.AccessToken ?? '');
    await expect(verifierFor('id').verify(AuthenticationResult?.IdToken ?? '')).rejects.toThrow();
  });
});
