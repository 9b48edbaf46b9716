// The hosted sign-in round trip the playground will send a browser through: /oauth2/authorize (login form) and
// /oauth2/token (authorization code + S256 PKCE, then refresh_token).
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { Browser } from './browser';
import { endpoint, issuer, preset, seedUser } from './support';

const client = preset.clients.web;
const redirectUri = client.callbackUrls[0] ?? '';
const jwks = createRemoteJWKSet(new URL(`${issuer()}/.well-known/jwks.json`));

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (path: string, fields: Record<string, string>) =>
  fetch(`${endpoint}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form(fields),
    redirect: 'manual'
  });

/** Signs in through the hosted form and returns the authorization code and the PKCE verifier. */
async function authorize(username: string, password: string) {
  const verifier = randomBytes(32).toString('base64url');
  const params = {
    client_id: client.id,
    redirect_uri: redirectUri,
    response_type: 'code',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    scope: 'openid email',
    state: 'xyz'
  };
  const browser = new Browser();
  const page = await browser.fetch(`/oauth2/authorize?${form(params)}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<form method="POST" action="/oauth2/authorize">');
  const response = await browser.submitSignIn(html, username, password);
  return { response, verifier };
}

describe('hosted sign-in (/oauth2)', () => {
  it('completes the authorization code + PKCE round trip with Cognito-shaped tokens', async () => {
    const { response, verifier } = await authorize('alice', seedUser('alice').password);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('xyz');

    const token = await post('/oauth2/token', {
      grant_type: 'authorization_code',
      client_id: client.id,
      code: location.searchParams.get('code') ?? '',
      redirect_uri: redirectUri,
      code_verifier: verifier
    });
    expect(token.status).toBe(200);
    const tokens = (await token.json()) as Record<string, string | number>;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const { payload } = await jwtVerify(String(tokens.id_token), jwks, {
      issuer: issuer(),
      audience: client.id
    });
    expect(payload['cognito:preferred_role']).toBe(preset.roles.editors.arn);
    // Narrowed to the requested scopes (issue 14), not every scope the client is allowed.
    expect(decodeJwt(String(tokens.access_token)).scope).toBe('openid email');
    expect(String(tokens.refresh_token).split('.')).toHaveLength(5);

    const refreshed = await post('/oauth2/token', {
      grant_type: 'refresh_token',
      client_id: client.id,
      refresh_token: String(tokens.refresh_token)
    });
    expect(refreshed.status).toBe(200);
    const again = (await refreshed.json()) as Record<string, string>;
    expect(decodeJwt(String(again.id_token)).origin_jti).toBe(payload.origin_jti);
    expect(decodeJwt(String(again.access_token)).scope).toBe('openid email');
  });

  it('refuses a wrong verifier and a wrong password', async () => {
    const { response } = await authorize('alice', seedUser('alice').password);
    const code = new URL(response.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const token = await post('/oauth2/token', {
      grant_type: 'authorization_code',
      client_id: client.id,
      code,
      redirect_uri: redirectUri,
      code_verifier: 'not-the-verifier'
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: 'invalid_grant' });

    const wrong = await authorize('alice', 'Wrong-Passw0rd!');
    expect(wrong.response.status).toBe(200);
    expect(await wrong.response.text()).toContain('Incorrect username or password.');
  });

  it('refuses a disabled user', async () => {
    const { response } = await authorize('dave', seedUser('dave').password);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('User is disabled.');
  });

  it('makes a client with a secret authenticate at the token endpoint', async () => {
    const token = await post('/oauth2/token', {
      grant_type: 'refresh_token',
      client_id: preset.clients.withSecret.id,
      refresh_token: 'anything'
    });
    expect(token.status).toBe(401);
    expect(await token.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('publishes OpenID discovery for the pool', async () => {
    const response = await fetch(`${issuer()}/.well-known/openid-configuration`);
    expect(await response.json()).toMatchObject({
      issuer: issuer(),
      jwks_uri: `${issuer()}/.well-known/jwks.json`,
      authorization_endpoint: `${endpoint}/oauth2/authorize`,
      token_endpoint: `${endpoint}/oauth2/token`
    });
  });
});
