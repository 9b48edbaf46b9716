import { describe, expect, it } from 'vitest';
import { createTracedFetch, describeRequest, type TraceEntry } from '../../../src/lib/playground/trace';
import { fakeJwt } from './fake-tokens';

const ENDPOINT = 'https://cognito-idp.us-east-1.amazonaws.com/';
const PASSWORD = 'Alice-Passw0rd!';

describe('describeRequest', () => {
  it('names Cognito user pool calls by X-Amz-Target', () => {
    expect(
      describeRequest(ENDPOINT, { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' }, '{}')
    ).toEqual({ service: 'cognito-idp', operation: 'InitiateAuth' });
    expect(
      describeRequest(
        ENDPOINT,
        { 'x-amz-target': 'AWSCognitoIdentityProviderService.RespondToAuthChallenge' },
        '{}'
      )
    ).toEqual({ service: 'cognito-idp', operation: 'RespondToAuthChallenge' });
  });

  it('names identity pool calls by X-Amz-Target', () => {
    expect(
      describeRequest(
        'https://cognito-identity.us-east-1.amazonaws.com/',
        { 'X-AMZ-TARGET': 'AWSCognitoIdentityService.GetId' },
        '{}'
      )
    ).toEqual({ service: 'cognito-identity', operation: 'GetId' });
    expect(
      describeRequest(
        'http://127.0.0.1:9229/',
        { 'x-amz-target': 'AWSCognitoIdentityService.GetCredentialsForIdentity' },
        '{}'
      )
    ).toEqual({ service: 'cognito-identity', operation: 'GetCredentialsForIdentity' });
  });

  it('names STS calls by the form Action', () => {
    expect(
      describeRequest(
        'https://sts.us-east-1.amazonaws.com/',
        {},
        'Action=GetCallerIdentity&Version=2011-06-15'
      )
    ).toEqual({
      service: 'sts',
      operation: 'GetCallerIdentity'
    });
    expect(
      describeRequest(
        'http://127.0.0.1:9229/',
        {},
        'Version=2011-06-15&Action=AssumeRoleWithWebIdentity&RoleArn=x'
      )
    ).toEqual({
      service: 'sts',
      operation: 'AssumeRoleWithWebIdentity'
    });
  });

  it('names the OAuth 2.0 endpoints by path', () => {
    expect(
      describeRequest(
        'https://x.auth.us-east-1.amazoncognito.com/oauth2/token',
        {},
        'grant_type=authorization_code'
      )
    ).toEqual({
      service: 'oauth2',
      operation: 'POST /oauth2/token'
    });
    expect(describeRequest('https://x.auth.us-east-1.amazoncognito.com/oauth2/userInfo', {}, null)).toEqual({
      service: 'oauth2',
      operation: 'GET /oauth2/userInfo'
    });
    expect(
      describeRequest('https://x.auth.us-east-1.amazoncognito.com/oauth2/revoke', {}, 'token=x', 'post')
    ).toEqual({
      service: 'oauth2',
      operation: 'POST /oauth2/revoke'
    });
  });

  it('names key sets', () => {
    expect(
      describeRequest(
        'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC/.well-known/jwks.json',
        {},
        null
      )
    ).toEqual({
      service: 'jwks',
      operation: 'GET jwks.json'
    });
    expect(describeRequest('http://127.0.0.1:9229/cognito-identity/.well-known/jwks_uri', {}, null)).toEqual({
      service: 'jwks',
      operation: 'GET jwks_uri'
    });
  });

  it('names anything else by method and path', () => {
    expect(describeRequest('https://example.com/health?x=1', {}, null)).toEqual({
      service: 'other',
      operation: 'GET /health'
    });
    expect(describeRequest('https://example.com/api', {}, 'x', 'PUT')).toEqual({
      service: 'other',
      operation: 'PUT /api'
    });
    expect(describeRequest('not a url', {}, null)).toEqual({ service: 'other', operation: 'GET not a url' });
    expect(describeRequest(ENDPOINT, { 'x-amz-target': 'SomethingElse.Op' }, '{}')).toEqual({
      service: 'other',
      operation: 'POST /'
    });
  });
});

interface Harness {
  started: TraceEntry[];
  finished: TraceEntry[];
  calls: { input: RequestInfo | URL; init: RequestInit | undefined }[];
  tracedFetch: typeof fetch;
}

function harness(
  respond: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> | Response
): Harness {
  let clock = 1000;
  const started: TraceEntry[] = [];
  const finished: TraceEntry[] = [];
  const calls: Harness['calls'] = [];
  const tracedFetch = createTracedFetch({
    fetch: async (input, init) => {
      calls.push({ input, init });
      clock += 25;
      return respond(input, init);
    },
    now: () => {
      clock += 1;
      return clock;
    },
    onStart: (entry) => started.push(entry),
    onFinish: (entry) => finished.push(entry)
  });
  return { started, finished, calls, tracedFetch };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1' }
  });
}

describe('createTracedFetch', () => {
  it('reports a JSON call with redacted bodies, returning the response untouched', async () => {
    const idToken = fakeJwt();
    const body = JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'l2vncrxu1rw37fa8zaozr7d3rh',
      AuthParameters: { USERNAME: 'alice', PASSWORD }
    });
    const answer = { AuthenticationResult: { IdToken: idToken, ExpiresIn: 3600 } };
    const h = harness(() => json(answer));
    const response = await h.tracedFetch(ENDPOINT, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth'
      },
      body
    });

    // The caller gets the real response, body unread.
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual(answer);
    // The real request went out unchanged.
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]?.init?.body).toBe(body);

    expect(h.started).toEqual([
      {
        id: 1,
        flow: null,
        startedAt: 1001,
        durationMs: null,
        method: 'POST',
        url: ENDPOINT,
        service: 'cognito-idp',
        operation: 'InitiateAuth',
        requestHeaders: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth'
        },
        requestBody:
          '{\n  "AuthFlow": "USER_PASSWORD_AUTH",\n  "ClientId": "l2vncrxu1rw37fa8zaozr7d3rh",\n  "AuthParameters": {\n    "USERNAME": "alice",\n    "PASSWORD": "«redacted: 15 chars»"\n  }\n}',
        status: null,
        responseBody: null,
        error: null
      }
    ]);
    const done = h.finished[0];
    expect(done?.id).toBe(1);
    expect(done?.durationMs).toBe(26);
    expect(done?.status).toBe(200);
    expect(done?.error).toBeNull();
    expect(done?.responseBody).toBe(
      `{\n  "AuthenticationResult": {\n    "IdToken": "${idToken.slice(0, 10)}…«redacted: ${idToken.length - 10} chars»",\n    "ExpiresIn": 3600\n  }\n}`
    );
    expect(done?.responseHeaders).toEqual({ 'content-type': 'application/x-amz-json-1.1' });
    // The started entry is not mutated: the finished one is a new object.
    expect(h.started[0]?.status).toBeNull();
  });

  it('never stores a raw secret in an entry (request, response, headers, URL, error)', async () => {
    const secrets = {
      password: PASSWORD,
      code: 'a1b2c3d4-code',
      verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      access: fakeJwt({ token_use: 'access' }, 'YWNjZXNzLXNpZ25hdHVyZS1vZi10aGUtdG9rZW4'),
      refresh: fakeJwt({ token_use: 'refresh' }, 'cmVmcmVzaC1zaWduYXR1cmUtb2YtdGhlLXRva2Vu'),
      secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      sessionToken: 'IQoJb3JpZ2luX2VjEAoaCXVzLWVhc3QtMSJHMEUCIQDexample'
    };
    const h = harness((input) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('fail')) throw new TypeError(`Failed to fetch ${url}`);
      return json({
        access_token: secrets.access,
        refresh_token: secrets.refresh,
        Credentials: { SecretKey: secrets.secretKey, SessionToken: secrets.sessionToken }
      });
    });
    await h.tracedFetch(`https://x.auth.us-east-1.amazoncognito.com/oauth2/token?code=${secrets.code}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secrets.access}`, 'x-amz-security-token': secrets.sessionToken },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: secrets.code,
        code_verifier: secrets.verifier
      })
    });
    await h
      .tracedFetch(`https://fail.example.com/?code=${secrets.code}`, {
        method: 'POST',
        body: JSON.stringify({ PASSWORD: secrets.password })
      })
      .catch(() => undefined);
    const stored = JSON.stringify([...h.started, ...h.finished]);
    for (const [name, secret] of Object.entries(secrets)) {
      expect(stored.includes(secret), name).toBe(false);
    }
  });

  it('reads a URLSearchParams body and gives it the form content type', async () => {
    const h = harness(() => new Response('{}', { headers: { 'content-type': 'application/json' } }));
    const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: 'abc', code: 'xyz123' });
    await h.tracedFetch('https://x.auth.us-east-1.amazoncognito.com/oauth2/token', { method: 'POST', body });
    expect(h.calls[0]?.init?.body).toBe(body);
    expect(h.finished[0]?.service).toBe('oauth2');
    expect(h.finished[0]?.operation).toBe('POST /oauth2/token');
    expect(h.finished[0]?.requestBody).toBe(
      'grant_type=authorization_code&client_id=abc&code=«redacted: 6 chars»'
    );
  });

  it('reads a Uint8Array body and leaves it intact', async () => {
    const h = harness(() => json({}));
    const bytes = new TextEncoder().encode('Action=GetCallerIdentity&Version=2011-06-15');
    await h.tracedFetch('https://sts.us-east-1.amazonaws.com/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: bytes
    });
    expect(h.finished[0]?.service).toBe('sts');
    expect(h.finished[0]?.operation).toBe('GetCallerIdentity');
    expect(h.finished[0]?.requestBody).toBe('Action=GetCallerIdentity&Version=2011-06-15');
    expect(new TextDecoder().decode(bytes)).toBe('Action=GetCallerIdentity&Version=2011-06-15');
  });

  it('reads a Request body from a clone, so the forwarded Request is still readable', async () => {
    let forwardedBody = '';
    const h = harness(async (input) => {
      forwardedBody = await (input as Request).text();
      return json({ IdentityId: 'us-east-1:11111111-2222-3333-4444-555555555555' });
    });
    const request = new Request('https://cognito-identity.us-east-1.amazonaws.com/', {
      method: 'POST',
      headers: {
        'x-amz-target': 'AWSCognitoIdentityService.GetId',
        'content-type': 'application/x-amz-json-1.1'
      },
      body: JSON.stringify({ IdentityPoolId: 'us-east-1:1a2b3c4d-1111-2222-3333-444455556666' })
    });
    await h.tracedFetch(request);
    expect(forwardedBody).toBe('{"IdentityPoolId":"us-east-1:1a2b3c4d-1111-2222-3333-444455556666"}');
    expect(h.finished[0]).toMatchObject({
      method: 'POST',
      service: 'cognito-identity',
      operation: 'GetId',
      requestBody: '{\n  "IdentityPoolId": "us-east-1:1a2b3c4d-1111-2222-3333-444455556666"\n}',
      status: 200
    });
  });

  it('accepts a URL object and a GET without body', async () => {
    const h = harness(() => new Response('{"keys":[]}', { headers: { 'content-type': 'application/json' } }));
    await h.tracedFetch(
      new URL('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC/.well-known/jwks.json')
    );
    expect(h.finished[0]).toMatchObject({
      method: 'GET',
      service: 'jwks',
      operation: 'GET jwks.json',
      requestBody: '',
      responseBody: '{\n  "keys": []\n}'
    });
  });

  it('reports an error response with its status and body', async () => {
    const h = harness(() =>
      json({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }, 400)
    );
    const response = await h.tracedFetch(ENDPOINT, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: '{}'
    });
    expect(response.status).toBe(400);
    expect(h.finished[0]?.status).toBe(400);
    expect(h.finished[0]?.responseBody).toContain('"__type": "NotAuthorizedException"');
  });

  it('on a network failure, reports the error with status null and rethrows it unchanged', async () => {
    const failure = new TypeError('Failed to fetch');
    const h = harness(() => {
      throw failure;
    });
    const result = h.tracedFetch(ENDPOINT, { method: 'POST', body: '{}' });
    await expect(result).rejects.toBe(failure);
    expect(h.started).toHaveLength(1);
    expect(h.finished).toEqual([
      expect.objectContaining({
        id: 1,
        status: null,
        responseBody: null,
        error: 'Failed to fetch',
        durationMs: 26
      })
    ]);
  });

  it('numbers entries from 1 per traced fetch', async () => {
    const first = harness(() => json({}));
    const second = harness(() => json({}));
    await first.tracedFetch(ENDPOINT);
    await first.tracedFetch(ENDPOINT);
    await second.tracedFetch(ENDPOINT);
    expect(first.finished.map((entry) => entry.id)).toEqual([1, 2]);
    expect(second.finished.map((entry) => entry.id)).toEqual([1]);
  });

  it('refuses missing dependencies', () => {
    expect(() => createTracedFetch({} as never)).toThrow(/deps\.fetch/);
  });
});
