// User pool federation for real: the app (openid-client against the pool's /oauth2 endpoints) sends the browser to
// managed login with identity_provider=LensIdP; the pool sends it on to LensIdP, redeems LensIdP's code itself,
// verifies LensIdP's id token, creates or links the user, and the app receives the pool's own tokens.
// The `identities` claim's shape is the one in the developer guide's example id token
// (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html):
// every value a string, issuer null. Linking: AdminLinkProviderForUser
// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminLinkProviderForUser.html)
// and AdminDisableProviderForUser
// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableProviderForUser.html).
import {
  AdminDeleteUserCommand,
  AdminDisableProviderForUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  InitiateAuthCommand
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { Browser, idp, idpUser, playgroundRedirect } from './federation-support';
import {
  createConfirmedUser,
  endpoint,
  expectAwsError,
  idpUrl,
  issuer,
  preset,
  signInWithPassword,
  userPoolClient
} from './support';

const web = preset.clients.web;

async function events(after = 0) {
  const response = await fetch(`${endpoint}/sandbox/events?after=${after}`);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    events: {
      id: number;
      at: string;
      kind: string;
      summary: string;
      request?: { url: string; body?: string };
    }[];
    last: number;
  };
}

/** The app's side: openid-client against the pool, PKCE, and a browser that signs in at LensIdP. */
async function federatedSignIn(
  username: 'sam' | 'alice',
  extra: Record<string, string> = { identity_provider: idp.providerName },
  browser = new Browser()
) {
  const config = await oidc.discovery(new URL(issuer()), web.id, undefined, oidc.None(), {
    execute: [oidc.allowInsecureRequests]
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: playgroundRedirect,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...extra
  });
  const callback = await browser.signInAtIdp(
    url.toString(),
    playgroundRedirect,
    username,
    idpUser(username).password
  );
  const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
    pkceCodeVerifier: verifier,
    expectedState: state
  });
  return { tokens, claims: decodeJwt(String(tokens.id_token)), browser };
}

describe('user pool federation with LensIdP', () => {
  it('offers "Continue with LensIdP" on the managed login page of a client that supports it', async () => {
    const query = new URLSearchParams({
      client_id: web.id,
      redirect_uri: playgroundRedirect,
      response_type: 'code',
      scope: 'openid'
    });
    const page = await (await fetch(`${endpoint}/oauth2/authorize?${query}`)).text();
    expect(page).toContain('Continue with LensIdP</a>');
    expect(page).toMatch(/href="\/oauth2\/authorize\?[^"]*identity_provider&#61;LensIdP/);
  });

  it("signs sam in through LensIdP: a new EXTERNAL_PROVIDER user, the pool's own tokens with identities, and the hidden legs in the event feed", async () => {
    const before = (await events()).last;
    const { tokens, claims } = await federatedSignIn('sam');
    const sam = idpUser('sam');
    expect(claims.iss).toBe(issuer());
    expect(claims.aud).toBe(web.id);
    expect(claims['cognito:username']).toBe(`LensIdP_${sam.sub}`);
    expect(claims.sub).not.toBe(sam.sub);
    expect(claims).toMatchObject({
      email: 'sam@social.example',
      name: 'Sam Social',
      picture: `${idpUrl}/pictures/sam.svg`,
      token_use: 'id'
    });
    expect(claims.identities).toEqual([
      {
        userId: sam.sub,
        providerName: 'LensIdP',
        providerType: 'OIDC',
        issuer: null,
        primary: 'true',
        dateCreated: expect.stringMatching(/^\d{13}$/)
      }
    ]);
    // The app never holds LensIdP's tokens: only the pool's.
    expect(decodeJwt(tokens.access_token).iss).toBe(issuer());

    const user = await userPoolClient().send(
      new AdminGetUserCommand({ UserPoolId: preset.userPoolId, Username: `LensIdP_${sam.sub}` })
    );
    expect(user.UserStatus).toBe('EXTERNAL_PROVIDER');
    expect(user.UserAttributes?.find((a) => a.Name === 'email')?.Value).toBe('sam@social.example');

    const feed = await events(before);
    expect(feed.events.map((event) => event.kind)).toEqual([
      'idp-authorize-redirect',
      'idp-code-redeemed',
      'idp-token-verified',
      'federated-user-created'
    ]);
    const redeemed = feed.events[1];
    expect(redeemed?.request?.url).toBe(`${idpUrl}/token`);
    expect(redeemed?.request?.body).toContain('grant_type=authorization_code');
    expect(feed.last).toBe(feed.events.at(-1)?.id);

    // Again: the same user, updated, not a second one.
    const again = await federatedSignIn('sam');
    expect(again.claims.sub).toBe(claims.sub);
    expect((await events(feed.last)).events.map((event) => event.kind)).toContain('federated-user-updated');
  });

  it('goes straight to LensIdP with idp_identifier, and refuses an identity provider the client does not have', async () => {
    const base = {
      client_id: web.id,
      redirect_uri: playgroundRedirect,
      response_type: 'code',
      scope: 'openid',
      state: 'st'
    };
    const byIdentifier = await fetch(
      `${endpoint}/oauth2/authorize?${new URLSearchParams({ ...base, idp_identifier: idp.idpIdentifier })}`,
      { redirect: 'manual' }
    );
    expect(byIdentifier.status).toBe(302);
    const location = new URL(String(byIdentifier.headers.get('location')));
    expect(location.origin).toBe(idpUrl);
    expect(location.searchParams.get('client_id')).toBe(idp.poolClient.id);
    expect(location.searchParams.get('redirect_uri')).toBe(`${endpoint}/oauth2/idpresponse`);

    const unknown = await fetch(
      `${endpoint}/oauth2/authorize?${new URLSearchParams({ ...base, identity_provider: 'NoSuchIdP' })}`,
      { redirect: 'manual' }
    );
    const back = new URL(String(unknown.headers.get('location')));
    expect(`${back.origin}${back.pathname}`).toBe(playgroundRedirect);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe('st');
  });

  it('refuses an idpresponse whose state it did not issue, or that comes from another browser: a page, no redirect', async () => {
    const forged = await fetch(
      `${endpoint}/oauth2/idpresponse?${new URLSearchParams({ code: 'x', state: 'not-issued' })}`,
      { redirect: 'manual' }
    );
    expect(forged.status).toBe(400);
    expect(forged.headers.get('location')).toBeNull();
    expect(await forged.text()).toContain('invalid_request');

    // A real state, replayed without the browser's cookie (another browser, or a link someone was sent).
    const browser = new Browser();
    const start = await browser.request(
      `${endpoint}/oauth2/authorize?${new URLSearchParams({
        client_id: web.id,
        redirect_uri: 'https://evil.example/steal',
        response_type: 'code',
        identity_provider: 'LensIdP'
      })}`
    );
    expect(start.status).toBe(400); // not a callback URL of the client: no trip to the IdP at all
    const good = await browser.request(
      `${endpoint}/oauth2/authorize?${new URLSearchParams({
        client_id: web.id,
        redirect_uri: playgroundRedirect,
        response_type: 'code',
        identity_provider: 'LensIdP'
      })}`
    );
    const state = String(new URL(String(good.headers.get('location'))).searchParams.get('state'));
    const replayed = await fetch(
      `${endpoint}/oauth2/idpresponse?${new URLSearchParams({ code: 'x', state })}`,
      { redirect: 'manual' }
    );
    expect(replayed.status).toBe(400);
    expect(replayed.headers.get('location')).toBeNull();
  });

  it("returns the IdP's refusal to the app (cancel at LensIdP -> access_denied with the app's state)", async () => {
    const browser = new Browser();
    const query = new URLSearchParams({
      client_id: web.id,
      redirect_uri: playgroundRedirect,
      response_type: 'code',
      scope: 'openid',
      state: 'app-state',
      identity_provider: 'LensIdP'
    });
    const { response, url } = await browser.follow(
      `${endpoint}/oauth2/authorize?${query}`,
      playgroundRedirect
    );
    const abort = /action="([^"]+\/abort)"/.exec(await response.text())?.[1];
    const { url: back } = await browser.follow(new URL(String(abort), url).toString(), playgroundRedirect, {
      form: {}
    });
    const params = new URL(back).searchParams;
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBe('app-state');
    expect(params.get('code')).toBeNull();
  });

  it('never lets a federated user sign in with a password', async () => {
    const username = `LensIdP_${idpUser('sam').sub}`;
    await federatedSignIn('sam');
    await expectAwsError(
      userPoolClient().send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: web.id,
          AuthParameters: { USERNAME: username, PASSWORD: 'Any-Passw0rd!' }
        })
      ),
      'NotAuthorizedException',
      'Incorrect username or password.'
    );
    const form = await fetch(`${endpoint}/oauth2/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'XSRF-TOKEN=a' },
      body: new URLSearchParams({
        client_id: web.id,
        redirect_uri: playgroundRedirect,
        response_type: 'code',
        username,
        password: '',
        _csrf: 'a'
      }),
      redirect: 'manual'
    });
    expect(form.headers.get('location')).toBeNull();
  });

  it('does not link by itself; AdminLinkProviderForUser links, AdminDisableProviderForUser unlinks', async () => {
    const alice = idpUser('alice');
    const admin = userPoolClient();
    const federatedName = `LensIdP_${alice.sub}`;

    // 1. Same email as a native user, yet a separate federated user: Cognito never links by itself.
    const first = await federatedSignIn('alice');
    expect(first.claims['cognito:username']).toBe(federatedName);
    expect(first.claims.email).toBe(alice.claims.email);

    // 2. Linking an identity that already has its own user is refused; delete that user first.
    const native = await createConfirmedUser('linked');
    const link = () =>
      admin.send(
        new AdminLinkProviderForUserCommand({
          UserPoolId: preset.userPoolId,
          DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: native.username },
          SourceUser: {
            ProviderName: 'LensIdP',
            ProviderAttributeName: 'Cognito_Subject',
            ProviderAttributeValue: alice.sub
          }
        })
      );
    await expectAwsError(link(), 'InvalidParameterException', /Merging is not currently supported/);
    await admin.send(new AdminDeleteUserCommand({ UserPoolId: preset.userPoolId, Username: federatedName }));
    await link();

    // 3. Now a LensIdP sign-in yields the native user's tokens, with the linked identity.
    const before = (await events()).last;
    const linked = await federatedSignIn('alice');
    expect(linked.claims['cognito:username']).toBe(native.username);
    expect(linked.claims.identities).toEqual([
      expect.objectContaining({
        userId: alice.sub,
        providerName: 'LensIdP',
        providerType: 'OIDC',
        primary: 'false'
      })
    ]);
    expect((await events(before)).events.map((event) => event.kind)).toContain('federated-user-linked');
    // The native password still works.
    await expect(signInWithPassword(native.username, native.password)).resolves.toBeTruthy();

    // 4. Unlinked: the next LensIdP sign-in makes a new federated user again.
    await admin.send(
      new AdminDisableProviderForUserCommand({
        UserPoolId: preset.userPoolId,
        User: {
          ProviderName: 'LensIdP',
          ProviderAttributeName: 'Cognito_Subject',
          ProviderAttributeValue: alice.sub
        }
      })
    );
    const after = await federatedSignIn('alice');
    expect(after.claims['cognito:username']).toBe(federatedName);
    expect(after.claims.sub).not.toBe(first.claims.sub);
  });

  it("AdminDisableProviderForUser with ProviderName Cognito takes a native user's password sign-in away", async () => {
    const native = await createConfirmedUser('nopassword');
    await signInWithPassword(native.username, native.password);
    await userPoolClient().send(
      new AdminDisableProviderForUserCommand({
        UserPoolId: preset.userPoolId,
        User: {
          ProviderName: 'Cognito',
          ProviderAttributeName: 'Cognito_Subject',
          ProviderAttributeValue: native.username
        }
      })
    );
    await expectAwsError(
      signInWithPassword(native.username, native.password),
      'NotAuthorizedException',
      'Incorrect username or password.'
    );
  });
  it('refuses a disabled federated user at /oauth2/idpresponse: the app gets an error, no code', async () => {
    const username = `LensIdP_${idpUser('sam').sub}`;
    await federatedSignIn('sam');
    const admin = userPoolClient();
    await admin.send(new AdminDisableUserCommand({ UserPoolId: preset.userPoolId, Username: username }));
    try {
      const query = new URLSearchParams({
        client_id: web.id,
        redirect_uri: playgroundRedirect,
        response_type: 'code',
        scope: 'openid',
        identity_provider: 'LensIdP'
      });
      const back = await new Browser().signInAtIdp(
        `${endpoint}/oauth2/authorize?${query}`,
        playgroundRedirect,
        'sam',
        idpUser('sam').password
      );
      const params = new URL(back).searchParams;
      expect(params.get('code')).toBeNull();
      expect(params.get('error')).toBe('invalid_request');
      expect(params.get('error_description')).toBe('User is disabled.');
    } finally {
      await admin.send(new AdminEnableUserCommand({ UserPoolId: preset.userPoolId, Username: username }));
    }
  });
});
