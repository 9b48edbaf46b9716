// Issue 3, behaviour 7: bad input gets a Cognito-style 400 and the sandbox keeps serving. Raw fetch, because the
// SDKs never send such requests.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { endpoint, preset, seedUser, signInWithPassword } from './support';

const USER_POOLS = 'AWSCognitoIdentityProviderService';

function post(target: string | undefined, body: string) {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
  if (target) headers['x-amz-target'] = target;
  return fetch(endpoint, { method: 'POST', headers, body });
}

async function expectCognitoError(response: Response, type: string, message: string | RegExp) {
  expect(response.status).toBe(400);
  expect(response.headers.get('x-amzn-errortype')).toBe(`${type}:`);
  const body = (await response.json()) as { __type: string; message: string };
  expect(body.__type).toBe(type);
  if (typeof message === 'string') expect(body.message).toBe(message);
  else expect(body.message).toMatch(message);
}

describe('bad input', () => {
  it('malformed JSON', async () => {
    await expectCognitoError(
      await post(`${USER_POOLS}.InitiateAuth`, '{"AuthFlow": "USER_PASSWORD_AUTH",'),
      'SerializationException',
      /^The request body is not valid JSON: /
    );
  });

  it('a body that is JSON but not an object', async () => {
    await expectCognitoError(
      await post(`${USER_POOLS}.InitiateAuth`, '["USER_PASSWORD_AUTH"]'),
      'SerializationException',
      'The request body must be a JSON object.'
    );
  });

  it('an unknown X-Amz-Target', async () => {
    await expectCognitoError(
      await post(`${USER_POOLS}.FlyToTheMoon`, '{}'),
      'UnknownOperationException',
      `The sandbox does not implement the operation ${USER_POOLS}.FlyToTheMoon.`
    );
    await expectCognitoError(
      await post('NotAService.GetId', '{}'),
      'UnknownOperationException',
      /NotAService\.GetId/
    );
  });

  it('no X-Amz-Target at all', async () => {
    await expectCognitoError(
      await post(undefined, '{}'),
      'UnknownOperationException',
      /^Missing X-Amz-Target header/
    );
  });

  it('a body over 1 MiB', async () => {
    const huge = JSON.stringify({ ClientId: preset.clients.web.id, Padding: 'x'.repeat(1024 * 1024) });
    await expectCognitoError(
      await post(`${USER_POOLS}.InitiateAuth`, huge),
      'InvalidParameterException',
      'The request body exceeds the limit of 1 MiB.'
    );
  });

  it('missing required fields, named as AWS names them', async () => {
    await expectCognitoError(
      await post(`${USER_POOLS}.InitiateAuth`, JSON.stringify({ AuthParameters: {} })),
      'InvalidParameterException',
      "2 validation errors detected: Value null at 'authFlow' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'clientId' failed to satisfy constraint: Member must not be null"
    );
    await expectCognitoError(
      await post('AWSCognitoIdentityService.GetId', '{}'),
      'InvalidParameterException',
      "1 validation error detected: Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null"
    );
  });

  it('a missing auth parameter', async () => {
    await expectCognitoError(
      await post(
        `${USER_POOLS}.InitiateAuth`,
        JSON.stringify({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: preset.clients.web.id,
          AuthParameters: { USERNAME: 'alice' }
        })
      ),
      'InvalidParameterException',
      'Missing required parameter PASSWORD'
    );
  });

  it('paths that are not URLs, and a bad Host, get an answer instead of stopping the process', async () => {
    const { hostname, port } = new URL(endpoint);
    const raw = (request: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(port), hostname);
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString('latin1')));
        socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
        socket.end(request);
      });
    for (const path of ['//', '///', '//%zz', '//evil:99999/x']) {
      expect(await raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)).toBe(
        'HTTP/1.1 404 Not Found'
      );
    }
    expect(await raw('GET / HTTP/1.1\r\nHost: [::bad\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 4/);
    expect((await fetch(`${endpoint}/health`)).status).toBe(200);
  });

  it('X-Amz-Target names that are properties of every JavaScript object name no operation', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      for (const target of [
        `${USER_POOLS}.${name}`,
        `${name}.${name}`,
        `AWSCognitoIdentityService.${name}`
      ]) {
        await expectCognitoError(await post(target, '{}'), 'UnknownOperationException', /does not implement/);
      }
    }
  });

  it('members of the wrong type are refused before any operation runs, as AWS deserializes against its model', async () => {
    const signUp = { ClientId: preset.clients.web.id, Username: 'typo', Password: 'Typo-Passw0rd!' };
    await expectCognitoError(
      await post(`${USER_POOLS}.SignUp`, JSON.stringify({ ...signUp, UserAttributes: { email: 'a@b.c' } })),
      'SerializationException',
      'Unexpected value: UserAttributes must be a list, not an object.'
    );
    await expectCognitoError(
      await post(
        `${USER_POOLS}.SignUp`,
        JSON.stringify({ ...signUp, UserAttributes: [{ Name: 'email', Value: 1 }] })
      ),
      'SerializationException',
      'Unexpected value: UserAttributes[0].Value must be a string, not a number.'
    );
    await expectCognitoError(
      await post(
        'AWSCognitoIdentityService.GetId',
        JSON.stringify({ IdentityPoolId: 'x', Logins: ['token'] })
      ),
      'SerializationException',
      'Unexpected value: Logins must be a map, not an array.'
    );
  });

  it('required members come from the model for operations the sandbox does not list (AddCustomAttributes {})', async () => {
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { Hash } = await import('@smithy/hash-node');
    const url = new URL(endpoint);
    const body = '{}';
    const signer = new SignatureV4({
      service: 'cognito-idp',
      region: preset.region,
      credentials: preset.admin,
      sha256: Hash.bind(null, 'sha256')
    });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${USER_POOLS}.AddCustomAttributes`
      },
      body
    });
    const response = await fetch(endpoint, { method: 'POST', headers: signed.headers, body });
    await expectCognitoError(
      response,
      'InvalidParameterException',
      "2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'customAttributes' failed to satisfy constraint: Member must not be null"
    );
  });

  it('keeps serving, and still signs people in', async () => {
    expect((await fetch(`${endpoint}/health`)).status).toBe(200);
    await expect(signInWithPassword('alice', seedUser('alice').password)).resolves.toHaveProperty('IdToken');
  });
});

describe('CORS', () => {
  it('answers a preflight with the headers the SDKs send', async () => {
    const response = await fetch(endpoint, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent,amz-sdk-invocation-id'
      }
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = response.headers.get('access-control-allow-headers')?.split(', ') ?? [];
    for (const name of [
      'x-amz-target',
      'x-amz-user-agent',
      'x-amz-security-token',
      'authorization',
      'amz-sdk-request'
    ]) {
      expect(allowed).toContain(name);
    }
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('exposes the request id on every response', async () => {
    const response = await post(`${USER_POOLS}.FlyToTheMoon`, '{}');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-amzn-requestid');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
