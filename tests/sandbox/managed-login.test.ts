// Issue 14: the sandbox's own managed login (escaped page, strict CSP) and the OAuth 2.0 / OIDC surface of a user
// pool domain: nonce, scopes narrowed to the request, code flow without PKCE, prompt, the managed login session
// shared by two app clients of one pool, /logout, /oauth2/userInfo, /oauth2/revoke, and discovery.
// Driven as a browser would: GET the page, POST the form, follow redirects by hand, keep cookies by hand.
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { Browser, decodeEntities } from './browser';
import { endpoint, issuer, preset, seedUser, signInWithPassword } from './support';

const web = preset.clients.web;
const adminApp = preset.clients.adminApp;
const webCallback = web.callbackUrls[0] ?? '';
const adminCallback = adminApp.callbackUrls[0] ?? '';
const XSS = `"><script>alert(document.domain)</script><img src=x onerror=alert(1)>'\``;

const authorizeUrl = (params: Record<string, string>) =>
  `/oauth2/authorize?${new URLSearchParams({ response_type: 'code', ...params }).toString()}`;

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function token(fields: Record<string, string>) {
  const response = await fetch(`${endpoint}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString()
  });
  return { status: response.status, body: (await response.json()) as Record<string, string | number> };
}

const codeOf = (response: Response) =>
  new URL(response.headers.get('location') ?? '').searchParams.get('code') ?? '';

/** Signs alice in through the web client's form; returns the browser (with its session cookie) and the code. */
async function signInAlice(params: Record<string, string> = {}) {
  const browser = new Browser();
  const page = await browser.fetch(
    authorizeUrl({ client_id: web.id, redirect_uri: webCallback, scope: 'openid email', ...params })
  );
  expect(page.status).toBe(200);
  const response = await browser.submitSignIn(await page.text(), 'alice', seedUser('alice').password);
  expect(response.status).toBe(302);
  return { browser, response, code: codeOf(response) };
}

describe('the managed login page', () => {
  it('escapes every reflected value and sends a strict CSP', async () => {
    const browser = new Browser();
    const response = await browser.fetch(
      authorizeUrl({
        client_id: web.id,
        redirect_uri: webCallback,
        scope: 'openid',
        state: XSS,
        nonce: XSS,
        code_challenge: XSS,
        code_challenge_method: 'S256'
      })
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;script&gt;alert(document.domain)&lt;/script&gt;');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain(`form-action 'self' ${new URL(webCallback).origin}`);
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');

    // The re-shown form after a failed sign-in reflects the username: escaped too.
    const again = await browser.submitSignIn(html, XSS, 'wrong');
    const retry = await again.text();
    expect(again.status).toBe(200);
    expect(retry).toContain('Incorrect username or password.');
    expect(retry).not.toContain('<script');
    expect(retry).not.toContain(XSS);
  });

  it('refuses a sign-in form posted from elsewhere (login CSRF: no XSRF-TOKEN cookie and _csrf pair)', async () => {
    // What another site's auto-submitting form sends: the right fields and a valid password, but no token.
    const forged = await fetch(`${endpoint}/oauth2/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: web.id,
        redirect_uri: webCallback,
        response_type: 'code',
        scope: 'openid',
        username: 'alice',
        password: seedUser('alice').password,
        _csrf: 'guessed'
      }).toString(),
      redirect: 'manual'
    });
    expect(forged.status).toBe(200);
    expect(await forged.text()).toContain('This sign-in form expired or did not come from this page.');
    expect(forged.headers.getSetCookie().some((line) => line.startsWith('cognito='))).toBe(false);
  });

  it('a scope or redirect_uri an attacker chose never reaches a page', async () => {
    const browser = new Browser();
    const badScope = await browser.fetch(
      authorizeUrl({ client_id: web.id, redirect_uri: webCallback, scope: XSS, state: 's1' })
    );
    expect(badScope.status).toBe(302);
    const location = new URL(badScope.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(webCallback);
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    expect(location.searchParams.get('state')).toBe('s1');

    const badRedirect = await browser.fetch(
      authorizeUrl({ client_id: web.id, redirect_uri: `javascript:alert(1)//${XSS}` })
    );
    expect(badRedirect.status).toBe(400);
    const page = await badRedirect.text();
    expect(page).toContain('redirect_mismatch');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('javascript:alert');

    const badClient = await browser.fetch(authorizeUrl({ client_id: XSS, redirect_uri: webCallback }));
    expect(badClient.status).toBe(400);
    expect(await badClient.text()).not.toContain(XSS);
  });

  it('names the pool and the app client, offers a way back, and is a labelled form', async () => {
    const response = await fetch(
      `${endpoint}${authorizeUrl({ client_id: adminApp.id, redirect_uri: adminCallback })}`
    );
    const html = await response.text();
    expect(html).toContain(`Sign in to ${adminApp.name}`);
    expect(html).toContain(preset.userPoolName);
    expect(html).toContain(adminApp.id);
    // A way back: to the app's callback with error=access_denied, as OAuth 2.0 reports a refusal.
    const back = /<a class="back" href="([^"]*)">Cancel and go back to lens-admin-app<\/a>/.exec(html);
    const cancel = new URL(decodeEntities(back?.[1] ?? ''));
    expect(`${cancel.origin}${cancel.pathname}`).toBe(adminCallback);
    expect(cancel.searchParams.get('error')).toBe('access_denied');
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toContain('<button type="submit">Sign in</button>');
    expect(html).toContain('prefers-color-scheme:dark');
  });
});

describe('authorization code flow', () => {
  it('carries the nonce into the id token and narrows the access token to the requested scopes', async () => {
    const { verifier, challenge } = pkce();
    const { response, code } = await signInAlice({
      nonce: 'n-0S6_WzA2Mj',
      state: 'af0ifjsldkj',
      code_challenge: challenge,
      code_challenge_method: 'S256'
    });
    expect(new URL(response.headers.get('location') ?? '').searchParams.get('state')).toBe('af0ifjsldkj');
    const { status, body } = await token({
      grant_type: 'authorization_code',
      client_id: web.id,
      code,
      redirect_uri: webCallback,
      code_verifier: verifier
    });
    expect(status).toBe(200);
    expect(body.token_type).toBe('Bearer');
    expect(decodeJwt(String(body.id_token)).nonce).toBe('n-0S6_WzA2Mj');
    expect(decodeJwt(String(body.access_token)).scope).toBe('openid email');
  });

  it('accepts a code flow without PKCE, as Cognito does; a code works once', async () => {
    const { code } = await signInAlice();
    const exchange = () =>
      token({ grant_type: 'authorization_code', client_id: web.id, code, redirect_uri: webCallback });
    const first = await exchange();
    expect(first.status).toBe(200);
    expect(first.body.id_token).toBeDefined();
    const second = await exchange();
    expect(second.status).toBe(400);
    expect(second.body.error).toBe('invalid_grant');
  });

  it('returns no id token without the openid scope', async () => {
    const { code } = await signInAlice({ scope: 'aws.cognito.signin.user.admin' });
    const { body } = await token({
      grant_type: 'authorization_code',
      client_id: web.id,
      code,
      redirect_uri: webCallback
    });
    expect(body.access_token).toBeDefined();
    expect(body.id_token).toBeUndefined();
  });
});

describe('the managed login session', () => {
  it('signs the user in to a second app client of the same pool without the password', async () => {
    const { browser, code } = await signInAlice();
    const first = await token({
      grant_type: 'authorization_code',
      client_id: web.id,
      code,
      redirect_uri: webCallback
    });
    const sso = await browser.fetch(authorizeUrl({ client_id: adminApp.id, redirect_uri: adminCallback }));
    expect(sso.status).toBe(302);
    expect(sso.headers.get('location')).toMatch(new RegExp(`^${adminCallback}\\?code=`));
    const second = await token({
      grant_type: 'authorization_code',
      client_id: adminApp.id,
      code: codeOf(sso),
      redirect_uri: adminCallback
    });
    const claims = decodeJwt(String(second.body.id_token));
    expect(claims.aud).toBe(adminApp.id);
    expect(claims['cognito:username']).toBe('alice');
    // Same sign-in: the user authenticated once.
    expect(claims.auth_time).toBe(decodeJwt(String(first.body.id_token)).auth_time);
  });

  it('prompt=login asks again, prompt=none answers login_required without a session', async () => {
    const { browser } = await signInAlice();
    const login = await browser.fetch(
      authorizeUrl({ client_id: adminApp.id, redirect_uri: adminCallback, prompt: 'login' })
    );
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('<form method="POST"');

    const silent = await browser.fetch(
      authorizeUrl({ client_id: adminApp.id, redirect_uri: adminCallback, prompt: 'none', state: 'q' })
    );
    expect(silent.status).toBe(302);
    expect(codeOf(silent)).not.toBe('');

    const stranger = new Browser();
    const refused = await stranger.fetch(
      authorizeUrl({ client_id: adminApp.id, redirect_uri: adminCallback, prompt: 'none', state: 'q' })
    );
    const location = new URL(refused.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('login_required');
    expect(location.searchParams.get('state')).toBe('q');
  });

  it('/logout ends the session (even for a copied cookie) and returns to an allowed logout_uri', async () => {
    const { browser } = await signInAlice();
    const copied = new Browser();
    copied.cookies = new Map(browser.cookies);
    const silently = (who: Browser) =>
      who.fetch(authorizeUrl({ client_id: web.id, redirect_uri: webCallback, prompt: 'none' }));

    const refused = await browser.fetch(
      `/logout?${new URLSearchParams({ client_id: web.id, logout_uri: 'http://evil.example/' }).toString()}`
    );
    expect(refused.status).toBe(400);
    expect(codeOf(await silently(browser))).not.toBe('');

    const logoutUri = web.logoutUrls[0] ?? '';
    const response = await browser.fetch(
      `/logout?${new URLSearchParams({ client_id: web.id, logout_uri: logoutUri }).toString()}`
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(logoutUri);
    expect(browser.cookies.has('cognito')).toBe(false);
    for (const who of [browser, copied]) {
      const silent = await silently(who);
      expect(new URL(silent.headers.get('location') ?? '').searchParams.get('error')).toBe('login_required');
    }
  });
});

describe('userInfo and revocation', () => {
  const userInfo = (accessToken: string) =>
    fetch(`${endpoint}/oauth2/userInfo`, { headers: { authorization: `Bearer ${accessToken}` } });

  it('/oauth2/userInfo returns the attributes the scopes allow', async () => {
    const { code } = await signInAlice({ scope: 'openid email' });
    const { body } = await token({
      grant_type: 'authorization_code',
      client_id: web.id,
      code,
      redirect_uri: webCallback
    });
    const alice = seedUser('alice').attributes;
    const response = await userInfo(String(body.access_token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      sub: alice.sub,
      email: alice.email,
      email_verified: 'true',
      username: 'alice'
    });

    const all = await signInAlice({ scope: 'openid' });
    const tokens = await token({
      grant_type: 'authorization_code',
      client_id: web.id,
      code: all.code,
      redirect_uri: webCallback
    });
    expect(await (await userInfo(String(tokens.body.access_token))).json()).toMatchObject({
      name: alice.name
    });
  });

  it('/oauth2/userInfo refuses API access tokens (no openid scope) and bad tokens', async () => {
    const { AccessToken } = await signInWithPassword('alice', seedUser('alice').password);
    const api = await userInfo(AccessToken);
    expect(api.status).toBe(403);
    expect(api.headers.get('www-authenticate')).toContain('insufficient_scope');
    const bad = await userInfo(`${AccessToken.slice(0, -4)}AAAA`);
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('Bearer error="invalid_token"');
  });

  it('/oauth2/revoke ends the refresh token and the access tokens issued with it', async () => {
    const { code } = await signInAlice();
    const { body } = await token({
      grant_type: 'authorization_code',
      client_id: web.id,
      code,
      redirect_uri: webCallback
    });
    const revoke = await fetch(`${endpoint}/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: String(body.refresh_token), client_id: web.id }).toString()
    });
    expect(revoke.status).toBe(200);
    const refreshed = await token({
      grant_type: 'refresh_token',
      client_id: web.id,
      refresh_token: String(body.refresh_token)
    });
    expect(refreshed.body.error).toBe('invalid_grant');
    expect((await userInfo(String(body.access_token))).status).toBe(401);

    const accessTokenRevoke = await fetch(`${endpoint}/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: String(body.access_token), client_id: web.id }).toString()
    });
    expect(accessTokenRevoke.status).toBe(400);
    expect(await accessTokenRevoke.json()).toMatchObject({ error: 'unsupported_token_type' });
  });
});

describe('discovery', () => {
  it("publishes the members of Cognito's openid-configuration", async () => {
    const document = await (await fetch(`${issuer()}/.well-known/openid-configuration`)).json();
    // The members and values of a real pool's document (localstack/localstack#12914 records one, 2025).
    expect(document).toEqual({
      authorization_endpoint: `${endpoint}/oauth2/authorize`,
      end_session_endpoint: `${endpoint}/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
      issuer: issuer(),
      jwks_uri: `${issuer()}/.well-known/jwks.json`,
      response_types_supported: ['code', 'token'],
      revocation_endpoint: `${endpoint}/oauth2/revoke`,
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      token_endpoint: `${endpoint}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      userinfo_endpoint: `${endpoint}/oauth2/userInfo`
    });
  });
});
