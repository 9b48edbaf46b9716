// Issue 14: the user pool's administrative operations need a SigV4 signature by IAM credentials, as in AWS (the
// sandbox's are the `admin` pair in seed/preset.json), and their answers are not readable by other origins. The
// operations a user's browser calls stay unsigned, with open CORS.
// Errors as AWS JSON services send them: MissingAuthenticationTokenException for no signature (aws/aws-sdk-cpp#1622
// on ListUsers), UnrecognizedClientException for an unknown key, InvalidSignatureException for a wrong secret
// (aws/aws-sdk-js#1985 on AdminInitiateAuth).
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  ListUsersCommand
} from '@aws-sdk/client-cognito-identity-provider';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { endpoint, expectAwsError, preset, region, userPoolClient } from './support';

const clientWith = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
  new CognitoIdentityProviderClient({ region, endpoint, credentials });

const post = (target: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
      origin: 'http://evil.example',
      ...headers
    },
    body: JSON.stringify(body)
  });

describe('admin operations need the sandbox admin signature', () => {
  it('an unsigned ListUsers (what any web page could send) is refused and not readable cross-origin', async () => {
    const response = await post('ListUsers', { UserPoolId: preset.userPoolId });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token'
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the client secret of an app client does not leak to an unsigned DescribeUserPoolClient', async () => {
    const response = await post('DescribeUserPoolClient', {
      UserPoolId: preset.userPoolId,
      ClientId: preset.clients.withSecret.id
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).not.toContain(preset.clients.withSecret.secret);
  });

  it('an unknown access key and a wrong secret get AWS errors', async () => {
    await expectAwsError(
      clientWith({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }).send(
        new ListUsersCommand({ UserPoolId: preset.userPoolId })
      ),
      'UnrecognizedClientException',
      'The security token included in the request is invalid.'
    );
    await expectAwsError(
      clientWith({ accessKeyId: preset.admin.accessKeyId, secretAccessKey: 'not-the-secret' }).send(
        new AdminGetUserCommand({ UserPoolId: preset.userPoolId, Username: 'alice' })
      ),
      'InvalidSignatureException',
      /^The request signature we calculated does not match the signature you provided\./
    );
  });

  it('a tampered body breaks the signature', async () => {
    const client = userPoolClient();
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body: string };
        // Same length, so Content-Length still fits: only the signature can tell.
        request.body = request.body.replace('"alice"', '"carol"');
        return next(args);
      },
      { step: 'finalizeRequest', name: 'tamper', priority: 'low' }
    );
    await expectAwsError(
      client.send(new AdminGetUserCommand({ UserPoolId: preset.userPoolId, Username: 'alice' })),
      'InvalidSignatureException'
    );
  });

  it('a signature more than 15 minutes old is refused, as AWS refuses it', async () => {
    // Raw, because the SDK corrects its clock from the answer's Date header and retries, as it does with AWS.
    const url = new URL(endpoint);
    const body = JSON.stringify({ UserPoolId: preset.userPoolId });
    const signer = new SignatureV4({
      service: 'cognito-idp',
      region,
      credentials: preset.admin,
      sha256: Hash.bind(null, 'sha256')
    });
    const signed = await signer.sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        headers: {
          host: url.host,
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityProviderService.ListUsers'
        },
        body
      },
      { signingDate: new Date(Date.now() - 20 * 60 * 1000) }
    );
    const response = await fetch(endpoint, { method: 'POST', headers: signed.headers, body });
    expect(response.status).toBe(400);
    const error = (await response.json()) as { __type: string; message: string };
    expect(error.__type).toBe('InvalidSignatureException');
    expect(error.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/
    );
  });

  it('signed with the admin credentials, admin operations work', async () => {
    const client = userPoolClient();
    const { Username } = await client.send(
      new AdminGetUserCommand({ UserPoolId: preset.userPoolId, Username: 'alice' })
    );
    expect(Username).toBe('alice');
    const { UserPoolClient } = await client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: preset.userPoolId, ClientId: preset.clients.web.id })
    );
    expect(UserPoolClient?.ClientId).toBe(preset.clients.web.id);
  });

  it('public operations stay unsigned with open CORS, as a browser app calls them', async () => {
    const response = await post('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: preset.clients.web.id,
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'wrong' }
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('NotAuthorizedException');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
