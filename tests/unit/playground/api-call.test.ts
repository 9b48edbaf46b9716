// "Call an API with your tokens": URL checks, the call through an injected fetch, and the explanation of each
// answer. API Gateway's behaviour: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
// and https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
import { describe, expect, it } from 'vitest';
import {
  authorizationFor,
  callApi,
  explainApiCall,
  validateApiUrl,
  type ApiRoute
} from '../../../src/lib/playground/api-call';

const profile: ApiRoute = { method: 'GET', path: '/profile', scopes: [] };
const notes: ApiRoute = { method: 'GET', path: '/notes', scopes: ['aws.cognito.signin.user.admin'] };
const admin: ApiRoute = { method: 'GET', path: '/admin', scopes: ['lens-api/admin'] };
const answer = (
  status: number,
  extra: Partial<{ wwwAuthenticate: string; sandboxRefusal: string }> = {}
) => ({
  status,
  wwwAuthenticate: extra.wwwAuthenticate ?? null,
  sandboxRefusal: extra.sandboxRefusal ?? null
});

describe('validateApiUrl', () => {
  it('accepts an API Gateway invoke URL and a loopback emulator, without the trailing slash', () => {
    expect(validateApiUrl(' https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/ ')).toEqual({
      ok: true,
      url: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod'
    });
    expect(validateApiUrl('http://127.0.0.1:9229/execute-api/lensrest01/prod')).toEqual({
      ok: true,
      url: 'http://127.0.0.1:9229/execute-api/lensrest01/prod'
    });
  });

  it('refuses other hosts, plain http to AWS, queries and garbage', () => {
    for (const url of [
      'https://example.com/prod',
      'http://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod',
      'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com.evil.example/prod',
      'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod?x=1',
      'not a url'
    ]) {
      expect(validateApiUrl(url).ok, url).toBe(false);
    }
  });
});

describe('callApi', () => {
  it('sends the bare token to a REST API and Bearer to an HTTP API, and reads the claims the backend got', async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      seen.push({ url, authorization: new Headers(init?.headers).get('authorization') });
      const body = url.includes('rest')
        ? { requestContext: { authorizer: { claims: { sub: 'abc', 'cognito:groups': 'a,b' } } } }
        : { requestContext: { authorizer: { jwt: { claims: { sub: 'abc' }, scopes: ['s1'] } } } };
      return new Response(JSON.stringify(body), { status: 200 });
    }) as typeof fetch;
    const rest = await callApi(fakeFetch, {
      apiUrl: 'http://127.0.0.1/rest',
      route: profile,
      kind: 'rest-cognito',
      token: 'T'
    });
    const http = await callApi(fakeFetch, {
      apiUrl: 'http://127.0.0.1/http',
      route: notes,
      kind: 'http-jwt',
      token: 'T'
    });
    expect(seen).toEqual([
      { url: 'http://127.0.0.1/rest/profile', authorization: 'T' },
      { url: 'http://127.0.0.1/http/notes', authorization: 'Bearer T' }
    ]);
    expect(rest.claims).toEqual({ sub: 'abc', 'cognito:groups': 'a,b' });
    expect(http.claims).toEqual({ sub: 'abc' });
    expect(http.scopes).toEqual(['s1']);
    expect(authorizationFor('http-jwt', 'x')).toBe('Bearer x');
  });

  it('keeps no claims from a refusal and reads www-authenticate', async () => {
    const fakeFetch = (async () =>
      new Response('{"message":"Forbidden"}', {
        status: 403,
        headers: { 'www-authenticate': 'Bearer error="insufficient_scope"' }
      })) as unknown as typeof fetch;
    const result = await callApi(fakeFetch, {
      apiUrl: 'http://127.0.0.1/h',
      route: admin,
      kind: 'http-jwt',
      token: 'T'
    });
    expect(result).toMatchObject({ status: 403, claims: null, body: { message: 'Forbidden' } });
    expect(result.wwwAuthenticate).toBe('Bearer error="insufficient_scope"');
  });
});

describe('explainApiCall', () => {
  it('REST: an access token on a method without scopes, an id token on a method with scopes, a missing scope', () => {
    expect(
      explainApiCall({
        kind: 'rest-cognito',
        route: profile,
        tokenUse: 'access',
        tokenScopes: [],
        result: answer(401)
      }).title
    ).toBe('401: an access token on a method without scopes');
    expect(
      explainApiCall({
        kind: 'rest-cognito',
        route: notes,
        tokenUse: 'id',
        tokenScopes: [],
        result: answer(401)
      }).title
    ).toBe('401: an id token on a method with scopes');
    const missing = explainApiCall({
      kind: 'rest-cognito',
      route: admin,
      tokenUse: 'access',
      tokenScopes: ['aws.cognito.signin.user.admin'],
      result: answer(401)
    });
    expect(missing.title).toBe('401: the access token lacks the scope');
    expect(missing.why).toContain('lens-api/admin');
    expect(missing.why).toContain('aws.cognito.signin.user.admin');
  });

  it('HTTP API: 403 is a valid token without the scope; 401 names what www-authenticate says', () => {
    expect(
      explainApiCall({
        kind: 'http-jwt',
        route: admin,
        tokenUse: 'access',
        tokenScopes: [],
        result: answer(403)
      }).title
    ).toBe('403: valid token, missing scope');
    const invalid = explainApiCall({
      kind: 'http-jwt',
      route: profile,
      tokenUse: 'id',
      tokenScopes: [],
      result: answer(401, {
        wwwAuthenticate:
          'Bearer error="invalid_token" error_description="the token does not have a valid audience"'
      })
    });
    expect(invalid.allowed).toBe(false);
    expect(invalid.why).toContain('the token does not have a valid audience');
  });

  it('says why a 200 was allowed', () => {
    const ok = explainApiCall({
      kind: 'rest-cognito',
      route: notes,
      tokenUse: 'access',
      tokenScopes: [],
      result: answer(200)
    });
    expect(ok.allowed).toBe(true);
    expect(ok.why).toContain('aws.cognito.signin.user.admin');
  });
});
