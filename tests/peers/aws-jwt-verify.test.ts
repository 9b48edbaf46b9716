// aws-jwt-verify (AWS Labs' JWT verifier) on the sandbox's tokens, set up as an app developer would: only the
// issuer and the JWKS fetcher differ from AWS (its default fetcher is https-only, so http needs a fetch-based one).
import { JwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { describe, expect, it } from 'vitest';
import { issuer, preset, seedUser, signInWithSrp } from '../sandbox/support';

const fetcher = {
  async fetch(uri: string) {
    const response = await fetch(uri);
    if (!response.ok) throw new Error(`JWKS fetch ${uri}: ${response.status}`);
    return (await response.arrayBuffer()) as ArrayBuffer;
  }
};

const verifierFor = (tokenUse: 'id' | 'access') =>
  JwtVerifier.create(
    {
      issuer: issuer(),
      audience: tokenUse === 'id' ? preset.clients.web.id : null,
      jwksUri: `${issuer()}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== tokenUse) throw new Error(`token_use is ${String(payload.token_use)}`);
        if (tokenUse === 'access' && payload.client_id !== preset.clients.web.id)
          throw new Error('client_id');
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
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    await expect(verifierFor('id').verify(`${header}.${payload}.${flipped}`)).rejects.toThrow();
  });
});
