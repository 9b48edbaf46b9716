// openid-client v6 (panva's certified OpenID relying party) against the sandbox's managed login, set up as an app
// developer would: discovery from the pool's issuer, a public client (no secret), and only `allowInsecureRequests`
// because the sandbox speaks http on loopback. The authorization step is the sign-in page, fetched and posted as
// a browser does (cookies by hand); everything else is the library's own requests and checks (issuer, audience,
// nonce, state, PKCE, userInfo subject).
import { decodeJwt } from 'jose';
import * as client from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../sandbox/browser';
import { issuer, preset, seedUser } from '../sandbox/support';

const web = preset.clients.web;
const redirectUri = web.callbackUrls[0] ?? '';
let config: client.Configuration;

beforeAll(async () => {
  config = await client.discovery(new URL(issuer()), web.id, undefined, client.None(), {
    execute: [client.allowInsecureRequests]
  });
});

/** The authorization request, the sign-in page, and the redirect back to the app, as a browser goes through them. */
async function signIn(browser: Browser, parameters: Record<string, string>) {
  const authorizationUrl = client.buildAuthorizationUrl(config, { redirect_uri: redirectUri, ...parameters });
  const page = await browser.fetch(authorizationUrl.href);
  expect(page.status).toBe(200);
  const alice = seedUser('alice');
  const response = await browser.submitSignIn(await page.text(), alice.username, alice.password);
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

describe('openid-client against managed login', () => {
  it('discovers the pool: issuer and every endpoint', () => {
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(issuer());
    for (const endpoint of [
      'authorization_endpoint',
      'token_endpoint',
      'userinfo_endpoint',
      'revocation_endpoint',
      'end_session_endpoint',
      'jwks_uri'
    ] as const) {
      expect(metadata[endpoint], endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
  });

  it('code + PKCE with a nonce, refresh, userInfo, revocation and end session', async () => {
    const browser = new Browser();
    const codeVerifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const state = client.randomState();
    const callback = await signIn(browser, {
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      nonce,
      state
    });

    // The library checks state, the code, PKCE, and the id token (issuer, audience, expiry, nonce).
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: codeVerifier,
      expectedNonce: nonce,
      expectedState: state,
      idTokenExpected: true
    });
    expect(tokens.token_type).toBe('bearer');
    const claims = tokens.claims();
    expect(claims?.nonce).toBe(nonce);
    expect(claims?.aud).toBe(web.id);
    expect(claims?.sub).toBe(seedUser('alice').attributes.sub);
    expect(decodeJwt(tokens.access_token).scope).toBe('openid email profile');

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token ?? '');
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(decodeJwt(refreshed.access_token).scope).toBe('openid email profile');
    expect(refreshed.claims()?.sub).toBe(claims?.sub);

    const userInfo = await client.fetchUserInfo(config, refreshed.access_token, String(claims?.sub));
    expect(userInfo).toMatchObject({ sub: claims?.sub, email: 'alice@example.com', username: 'alice' });

    await client.tokenRevocation(config, tokens.refresh_token ?? '', { token_type_hint: 'refresh_token' });
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toThrow();

    // End session: Cognito's /logout takes client_id and logout_uri (one of the client's sign-out URLs).
    const logoutUri = web.logoutUrls[0] ?? '';
    const endSession = client.buildEndSessionUrl(config, { logout_uri: logoutUri });
    expect(endSession.searchParams.get('client_id')).toBe(web.id);
    const loggedOut = await browser.fetch(endSession.href);
    expect(loggedOut.status).toBe(302);
    expect(loggedOut.headers.get('location')).toBe(logoutUri);
    // The managed login session is over: a silent sign-in now needs the user.
    const silent = await browser.fetch(
      client.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid', prompt: 'none' })
        .href
    );
    expect(new URL(silent.headers.get('location') ?? '').searchParams.get('error')).toBe('login_required');
  });
});
