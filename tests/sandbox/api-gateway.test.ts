// Issue 16: the sandbox's API Gateway, called with plain fetch as a browser app calls an API.
// REST API with a Cognito user pool authorizer: no OAuth scopes on the method -> the id token; scopes -> an access
// token with one of them; any refusal 401 {"message":"Unauthorized"}
//   https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
//   https://repost.aws/questions/QUrEQW0PtJTZm34jx0UrnLlw/need-access-token-as-header-in-cognito
// HTTP API with a JWT authorizer: issuer, audience (aud, or client_id without aud), scopes; an invalid token 401 with
// www-authenticate, a valid token without the scope 403 {"message":"Forbidden"}
//   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
//   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html
//   https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer-methods.html
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKeys } from '../../sandbox/lib/keys.js';
import { createTokens } from '../../sandbox/lib/tokens.js';
import { endpoint, preset, seedUser, signInWithPassword } from './support';

const rest = (path: string) =>
  `${endpoint}/execute-api/${preset.apis.rest.id}/${preset.apis.rest.stage}${path}`;
const http = (path: string) => `${endpoint}/execute-api/${preset.apis.http.id}${path}`;

async function call(url: string, authorization?: string) {
  const response = await fetch(url, { headers: authorization ? { Authorization: authorization } : {} });
  return {
    status: response.status,
    body: await response.json(),
    wwwAuthenticate: response.headers.get('www-authenticate'),
    refusal: response.headers.get('x-sandbox-refusal')
  };
}

/** Tokens for alice, signed with the sandbox's key but minted by a clock of our choice. */
async function mintTokens(secondsAgo: number, issuerBase = endpoint) {
  const alice = seedUser('alice');
  const tokens = createTokens({
    keys: loadKeys(new URL('../../sandbox/seed/keys.json', import.meta.url)),
    issuerBase,
    now: () => Math.floor(Date.now() / 1000) - secondsAgo
  });
  return tokens.issue({
    user: {
      Username: 'alice',
      Attributes: Object.entries(alice.attributes).map(([Name, Value]) => ({ Name, Value }))
    },
    client: { ClientId: preset.clients.web.id, UserPoolId: preset.userPoolId },
    groups: [],
    session: tokens.newSession()
  });
}

let idToken: string;
let accessToken: string;

beforeAll(async () => {
  const tokens = await signInWithPassword('alice', seedUser('alice').password);
  idToken = tokens.IdToken;
  accessToken = tokens.AccessToken;
});

describe('REST API, Cognito user pool authorizer', () => {
  it('a method without scopes takes the id token and hands the backend its claims as strings', async () => {
    const { status, body } = await call(rest('/profile'), idToken);
    expect(status).toBe(200);
    const claims = body.requestContext.authorizer.claims;
    expect(claims.sub).toBe(seedUser('alice').attributes.sub);
    expect(claims['cognito:username']).toBe('alice');
    expect(claims.token_use).toBe('id');
    expect(claims.aud).toBe(preset.clients.web.id);
    // Lists reach a REST backend comma-separated, numbers as strings.
    expect(claims['cognito:groups']).toBe('editors,readers');
    expect(typeof claims.exp).toBe('string');
    expect(body.requestContext).toMatchObject({ resourcePath: '/profile', httpMethod: 'GET', stage: 'prod' });
  });

  it('also takes the id token after "Bearer "', async () => {
    expect((await call(rest('/profile'), `Bearer ${idToken}`)).status).toBe(200);
  });

  it('refuses the access token on a method without scopes: 401 Unauthorized', async () => {
    const result = await call(rest('/profile'), accessToken);
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ message: 'Unauthorized' });
    expect(result.refusal).toMatch(/takes only an id token/);
  });

  it('a method with scopes takes an access token carrying one of them, and refuses the id token', async () => {
    const ok = await call(rest('/notes'), accessToken);
    expect(ok.status).toBe(200);
    expect(ok.body.requestContext.authorizer.claims.scope).toBe('aws.cognito.signin.user.admin');
    expect(ok.body.requestContext.authorizer.claims.token_use).toBe('access');
    const refused = await call(rest('/notes'), idToken);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ message: 'Unauthorized' });
  });

  it('refuses an access token without the scope the method requires: 401', async () => {
    const result = await call(rest('/admin'), accessToken);
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ message: 'Unauthorized' });
    expect(result.refusal).toMatch(/include none of lens-api\/admin/);
  });

  it('refuses no token, a tampered token, an expired token and a token of another issuer', async () => {
    const [header, payload, signature] = idToken.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
        sub: 'someone-else'
      })
    ).toString('base64url');
    const expired = (await mintTokens(7200)).IdToken;
    const elsewhere = (await mintTokens(0, 'http://127.0.0.1:1')).IdToken;
    for (const token of [undefined, `${header}.${forgedPayload}.${signature}`, expired, elsewhere]) {
      const result = await call(rest('/profile'), token);
      expect(result.status).toBe(401);
      expect(result.body).toEqual({ message: 'Unauthorized' });
    }
    // The same minting with a fresh clock passes: the refusal above was the expiry.
    expect((await call(rest('/profile'), (await mintTokens(0)).IdToken)).status).toBe(200);
  });

  it('answers a method the API does not have as API Gateway does', async () => {
    const result = await call(rest('/nothing-here'), idToken);
    expect(result.status).toBe(403);
    expect(result.body).toEqual({ message: 'Missing Authentication Token' });
  });
});

describe('HTTP API, JWT authorizer', () => {
  it('a route without scopes takes either token whose aud or client_id is an audience', async () => {
    for (const token of [idToken, accessToken]) {
      const { status, body } = await call(http('/profile'), `Bearer ${token}`);
      expect(status).toBe(200);
      expect(body.requestContext.authorizer.jwt.claims.sub).toBe(seedUser('alice').attributes.sub);
      expect(body.routeKey).toBe('GET /profile');
    }
    const { body } = await call(http('/profile'), idToken);
    // Lists reach an HTTP API backend as "[a b]".
    expect(body.requestContext.authorizer.jwt.claims['cognito:groups']).toBe('[editors readers]');
    expect(body.requestContext.authorizer.jwt.scopes).toBeNull();
  });

  it('a route with scopes takes a token carrying one, and passes the scopes to the backend', async () => {
    const { status, body } = await call(http('/notes'), `Bearer ${accessToken}`);
    expect(status).toBe(200);
    expect(body.requestContext.authorizer.jwt.scopes).toEqual(['aws.cognito.signin.user.admin']);
  });

  it('answers a valid token without the route scope with 403 Forbidden', async () => {
    for (const [path, token] of [
      ['/notes', idToken],
      ['/admin', accessToken]
    ] as const) {
      const result = await call(http(path), `Bearer ${token}`);
      expect(result.status).toBe(403);
      expect(result.body).toEqual({ message: 'Forbidden' });
      expect(result.wwwAuthenticate).toContain('error="insufficient_scope"');
    }
  });

  it('refuses a token of an app client that is not an audience: 401 with the reason in www-authenticate', async () => {
    const other = await signInWithPassword('alice', seedUser('alice').password, 'rotating');
    const result = await call(http('/profile'), `Bearer ${other.IdToken}`);
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ message: 'Unauthorized' });
    expect(result.wwwAuthenticate).toBe(
      'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"'
    );
  });

  it('refuses an expired token and no token with 401 Unauthorized', async () => {
    const expired = await call(http('/profile'), `Bearer ${(await mintTokens(7200)).AccessToken}`);
    expect(expired.status).toBe(401);
    expect(expired.wwwAuthenticate).toContain('error="invalid_token"');
    const none = await call(http('/profile'));
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ message: 'Unauthorized' });
  });
});
