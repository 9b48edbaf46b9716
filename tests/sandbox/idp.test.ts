// LensIdP, the sandbox's OpenID Connect provider, driven as an app drives Google or Auth0: openid-client (a
// certified relying party library) with discovery, authorization code + PKCE, refresh and userinfo, and the sign-in
// and consent pages filled in by a headless browser (fetch and a cookie jar).
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { Browser, idp, idpUser, playgroundRedirect } from './federation-support';
import { idpUrl } from './support';

const discover = () =>
  oidc.discovery(new URL(idpUrl), idp.publicClientId, undefined, oidc.None(), {
    execute: [oidc.allowInsecureRequests]
  });

async function authorizationStart(config: oidc.Configuration) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: playgroundRedirect,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state
  });
  return { verifier, state, url: url.toString() };
}

describe('LensIdP', () => {
  it('publishes discovery and keys, with CORS for a browser app', async () => {
    const response = await fetch(`${idpUrl}/.well-known/openid-configuration`, {
      headers: { origin: 'http://127.0.0.1:4173' }
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeTruthy();
    const document = await response.json();
    expect(document.issuer).toBe(idpUrl);
    expect(document.code_challenge_methods_supported).toEqual(['S256']);
    expect(document.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    const jwks = await fetch(document.jwks_uri, { headers: { origin: 'http://localhost:5173' } });
    expect(jwks.headers.get('access-control-allow-origin')).toBeTruthy();
    const { keys } = await jwks.json();
    expect(keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig' })]);
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('signs sam in with code + PKCE: an id token with his claims, verified against the JWKS; refresh; userinfo', async () => {
    const config = await discover();
    const { verifier, state, url } = await authorizationStart(config);
    const browser = new Browser();
    const callback = await browser.signInAtIdp(url, playgroundRedirect, 'sam', idpUser('sam').password);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: verifier,
      expectedState: state
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: idpUrl,
      aud: idp.publicClientId,
      sub: idpUser('sam').sub,
      email: 'sam@social.example',
      name: 'Sam Social',
      department: 'engineering'
    });
    expect(String(claims?.picture)).toBe(`${idpUrl}/pictures/sam.svg`);
    // Independently of openid-client: the signature verifies against the published keys.
    const keys = createRemoteJWKSet(new URL(`${idpUrl}/jwks`));
    await expect(jwtVerify(String(tokens.id_token), keys, { issuer: idpUrl })).resolves.toBeTruthy();

    const picture = await fetch(String(claims?.picture));
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');

    const info = await oidc.fetchUserInfo(config, tokens.access_token, idpUser('sam').sub);
    expect(info).toMatchObject({ email: 'sam@social.example', department: 'engineering' });

    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await oidc.refreshTokenGrant(config, String(tokens.refresh_token));
    expect(refreshed.claims()?.sub).toBe(idpUser('sam').sub);
    expect(refreshed.access_token).not.toBe(tokens.access_token);

    // A second sign-in in the same browser needs neither password nor consent (the IdP's session and grant).
    const again = await authorizationStart(config);
    const { url: next } = await browser.follow(again.url, playgroundRedirect);
    expect(new URL(next).searchParams.get('code')).toBeTruthy();
  });

  it('answers the token endpoint with CORS for the playground origin only', async () => {
    const config = await discover();
    const { verifier, state, url } = await authorizationStart(config);
    const callback = await new Browser().signInAtIdp(
      url,
      playgroundRedirect,
      'alice',
      idpUser('alice').password
    );
    const code = String(new URL(callback).searchParams.get('code'));
    expect(new URL(callback).searchParams.get('state')).toBe(state);
    const redeem = (origin: string) =>
      fetch(`${idpUrl}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: playgroundRedirect,
          client_id: idp.publicClientId,
          code_verifier: verifier
        })
      });
    const foreign = await redeem('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const own = await redeem('http://127.0.0.1:4173');
    expect(own.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
  });

  it('refuses a wrong password on its page, and a public client without PKCE', async () => {
    const config = await discover();
    const { url } = await authorizationStart(config);
    const browser = new Browser();
    const { response, url: page } = await browser.follow(url, playgroundRedirect);
    const action = /action="([^"]+\/login)"/.exec(await response.text())?.[1];
    const wrong = await browser.request(new URL(String(action), page).toString(), {
      form: { username: 'sam', password: 'not-his-password' }
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Incorrect username or password.');

    const noPkce = oidc.buildAuthorizationUrl(config, {
      redirect_uri: playgroundRedirect,
      scope: 'openid',
      state: 'x'
    });
    const { url: refused } = await new Browser().follow(noPkce.toString(), playgroundRedirect);
    const params = new URL(refused).searchParams;
    expect(params.get('error')).toBe('invalid_request');
    expect(params.get('error_description')).toMatch(/PKCE|code_challenge/i);
  });
});
