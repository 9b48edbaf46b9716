// Shared by the sandbox tests: the running sandbox's endpoint, the seed, and the official clients set up the way a
// browser app sets them up (only `endpoint` differs from talking to AWS).
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession
} from 'amazon-cognito-identity-js';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SignUpCommand,
  type AuthenticationResultType
} from '@aws-sdk/client-cognito-identity-provider';
import { STSClient } from '@aws-sdk/client-sts';
import { expect, inject } from 'vitest';
import preset from '../../sandbox/seed/preset.json';

declare module 'vitest' {
  export interface ProvidedContext {
    sandboxUrl: string;
    sandboxLog: string;
    idpUrl: string;
  }
}

export { preset };
export type ClientKey = keyof typeof preset.clients;
export type PoolKey = keyof typeof preset.identityPools;

export const endpoint = inject('sandboxUrl');
/** LensIdP's issuer (the local OpenID Connect provider). */
export const idpUrl = inject('idpUrl');
export const region = preset.region;
export const loginKey = `cognito-idp.${preset.region}.amazonaws.com/${preset.userPoolId}`;
export const issuer = (url = endpoint) => `${url}/${preset.userPoolId}`;
export const roleArn = (role: keyof typeof preset.roles) => preset.roles[role].arn;

export const seedUser = (username: string) => {
  const user = preset.users.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no seed user ${username}`);
  return user;
};

// Admin calls are SigV4-signed by the SDK with the sandbox's IAM credentials, which the sandbox checks as AWS does.
export const adminCredentials = preset.admin;

export const userPoolClient = (url = endpoint) =>
  new CognitoIdentityProviderClient({ region, endpoint: url, credentials: adminCredentials });

export const identityClient = (url = endpoint) => new CognitoIdentityClient({ region, endpoint: url });

export const stsClient = (credentials: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}) => new STSClient({ region, endpoint, credentials });

/** amazon-cognito-identity-js's pool object for one of the seeded app clients. */
export const cognitoUserPool = (client: ClientKey = 'web', url = endpoint) =>
  new CognitoUserPool({ UserPoolId: preset.userPoolId, ClientId: preset.clients[client].id, endpoint: url });

/** USER_SRP_AUTH through CognitoUser.authenticateUser; rejects with the library's error (`code`, `message`). */
export function signInWithSrp(
  username: string,
  password: string,
  options: { client?: ClientKey; url?: string } = {}
): Promise<CognitoUserSession> {
  const user = new CognitoUser({ Username: username, Pool: cognitoUserPool(options.client, options.url) });
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
      newPasswordRequired: () =>
        reject(Object.assign(new Error('NEW_PASSWORD_REQUIRED'), { code: 'NEW_PASSWORD_REQUIRED' }))
    });
  });
}

/** SECRET_HASH = base64(HMAC-SHA256(client secret, username + client id)). */
export function secretHash(username: string) {
  const { id, secret } = preset.clients.withSecret;
  return createHmac('sha256', secret)
    .update(username + id)
    .digest('base64');
}

/** USER_PASSWORD_AUTH with the SDK. */
export async function signInWithPassword(
  username: string,
  password: string,
  client: ClientKey = 'web'
): Promise<
  Required<Pick<AuthenticationResultType, 'IdToken' | 'AccessToken' | 'RefreshToken'>> &
    AuthenticationResultType
> {
  const AuthParameters: Record<string, string> = { USERNAME: username, PASSWORD: password };
  if (client === 'withSecret') AuthParameters.SECRET_HASH = secretHash(username);
  const response = await userPoolClient().send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: preset.clients[client].id,
      AuthParameters
    })
  );
  const result = response.AuthenticationResult;
  if (!result?.IdToken || !result.AccessToken || !result.RefreshToken) throw new Error('no tokens');
  return result as Required<Pick<AuthenticationResultType, 'IdToken' | 'AccessToken' | 'RefreshToken'>> &
    AuthenticationResultType;
}

/**
 * The confirmation codes the sandbox printed for a user, once at least `count` have appeared. Its console reaches
 * the log through a pipe, a moment after the API call that sent the code has answered.
 */
export async function printedCodes(
  username: string,
  count = 1,
  purpose: 'confirmation code' | 'MFA code' | 'sign-in code' = 'confirmation code'
): Promise<string[]> {
  const pattern = new RegExp(`${purpose} for ${username} \\(sent to [^)]*\\): (\\d+)`, 'g');
  const deadline = Date.now() + 3000;
  for (;;) {
    const codes = [...readFileSync(inject('sandboxLog'), 'utf8').matchAll(pattern)].map(
      (match) => match[1] ?? ''
    );
    if (codes.length >= count || Date.now() > deadline) return codes;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Expects a rejection carrying an AWS error code (SDK `name`, cognito-identity-js `code`) and exact message. */
export async function expectAwsError(promise: Promise<unknown>, code: string, message?: string | RegExp) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught as { name?: string; code?: string; message: string }
  );
  expect(error, `expected ${code}`).toBeDefined();
  expect(error?.code ?? error?.name).toBe(code);
  if (typeof message === 'string') expect(error?.message).toBe(message);
  else if (message) expect(error?.message).toMatch(message);
}

/** A unique username per test run, so tests never depend on each other's users. */
export const uniqueName = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

/** A new confirmed user (SignUp + AdminConfirmSignUp), for tests that change a user's state. */
export async function createConfirmedUser(prefix: string, url = endpoint) {
  const username = uniqueName(prefix);
  const password = 'Fresh-Passw0rd!';
  const client = userPoolClient(url);
  await client.send(
    new SignUpCommand({
      ClientId: preset.clients.web.id,
      Username: username,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }]
    })
  );
  await client.send(new AdminConfirmSignUpCommand({ UserPoolId: preset.userPoolId, Username: username }));
  return { username, password };
}
