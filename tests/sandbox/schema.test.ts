// Issue 14: the user pool's attribute schema is enforced, and tokens are built from it, so no caller can forge
// `sub`, `cognito:groups` or `cognito:preferred_role` and get another user's identity or the editors' credentials.
// Cognito's answers:
// - not in the schema: InvalidParameterException "Attributes did not conform to the schema: <name>: Attribute does
//   not exist in the schema.\n" (aws-amplify/amplify-flutter#509, aws-amplify/amplify-cli#1761); on an update
//   "user.<name>: ..." (aws-amplify/amplify-swift#3981 shows the `user.` form for an update);
// - not writable by the app client (sub, email_verified, phone_number_verified are never in an app client's
//   default write attributes, see UserPoolClientType.WriteAttributes in the API reference):
//   NotAuthorizedException "A client attempted to write unauthorized attribute" (aws/aws-sdk-js#1319).
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  UpdateUserAttributesCommand
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadKeys } from '../../sandbox/lib/keys.js';
import { createTokens } from '../../sandbox/lib/tokens.js';
import {
  createConfirmedUser,
  endpoint,
  expectAwsError,
  identityClient,
  loginKey,
  preset,
  roleArn,
  seedUser,
  signInWithPassword,
  uniqueName,
  userPoolClient
} from './support';

const client = userPoolClient();
const aliceSub = seedUser('alice').attributes.sub;
const editors = roleArn('editors');
const unauthorized = 'A client attempted to write unauthorized attribute';
const notInSchema = (...names: string[]) =>
  `Attributes did not conform to the schema: ${names.map((name) => `${name}: Attribute does not exist in the schema.\n`).join('')}`;

const signUp = (username: string, attributes: Record<string, string>) =>
  client.send(
    new SignUpCommand({
      ClientId: preset.clients.web.id,
      Username: username,
      Password: 'Forger-Passw0rd!',
      UserAttributes: [
        { Name: 'email', Value: `${username}@example.com` },
        ...Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }))
      ]
    })
  );

const userExists = (username: string) =>
  client.send(new AdminGetUserCommand({ UserPoolId: preset.userPoolId, Username: username })).then(
    () => true,
    () => false
  );

describe('the attribute schema', () => {
  it("SignUp cannot claim alice's sub, a verified email, or attributes outside the schema", async () => {
    const username = uniqueName('forger');
    await expectAwsError(signUp(username, { sub: aliceSub }), 'NotAuthorizedException', unauthorized);
    await expectAwsError(
      signUp(username, { email_verified: 'true' }),
      'NotAuthorizedException',
      unauthorized
    );
    await expectAwsError(
      signUp(username, { 'cognito:preferred_role': editors, 'cognito:groups': 'editors' }),
      'InvalidParameterException',
      notInSchema('cognito:preferred_role', 'cognito:groups')
    );
    expect(await userExists(username)).toBe(false);
  });

  it('a signed-in user cannot verify their own email or change sub, and unknown attributes are refused', async () => {
    const { username, password } = await createConfirmedUser('updater');
    const { AccessToken } = await signInWithPassword(username, password);
    const update = (Name: string, Value: string) =>
      client.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name, Value }] }));
    await expectAwsError(update('email_verified', 'true'), 'NotAuthorizedException', unauthorized);
    await expectAwsError(update('sub', aliceSub), 'NotAuthorizedException', unauthorized);
    await expectAwsError(
      update('cognito:preferred_role', editors),
      'InvalidParameterException',
      'user.cognito:preferred_role: Attribute does not exist in the schema.'
    );
    await expect(update('name', 'Allowed Name')).resolves.toBeDefined();
  });

  it('an administrator may verify an email, but not change sub or add attributes outside the schema', async () => {
    const { username } = await createConfirmedUser('admin-update');
    const update = (Name: string, Value: string) =>
      client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: preset.userPoolId,
          Username: username,
          UserAttributes: [{ Name, Value }]
        })
      );
    await expectAwsError(
      update('sub', aliceSub),
      'InvalidParameterException',
      'user.sub: Attribute cannot be updated. (changing an immutable attribute)'
    );
    await expectAwsError(
      update('cognito:groups', 'editors'),
      'InvalidParameterException',
      'user.cognito:groups: Attribute does not exist in the schema.'
    );
    await expectAwsError(
      client.send(
        new AdminCreateUserCommand({
          UserPoolId: preset.userPoolId,
          Username: uniqueName('admin-forged'),
          UserAttributes: [{ Name: 'cognito:preferred_role', Value: editors }],
          MessageAction: 'SUPPRESS'
        })
      ),
      'InvalidParameterException',
      notInSchema('cognito:preferred_role')
    );
  });

  it('the new-password step cannot smuggle attributes in through userAttributes.*', async () => {
    const username = uniqueName('newpass');
    const TemporaryPassword = 'Temp-Passw0rd!';
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: preset.userPoolId,
        Username: username,
        TemporaryPassword,
        UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
        MessageAction: 'SUPPRESS'
      })
    );
    const challenge = await client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: preset.clients.web.id,
        AuthParameters: { USERNAME: username, PASSWORD: TemporaryPassword }
      })
    );
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const respond = (attributes: Record<string, string>) =>
      client.send(
        new RespondToAuthChallengeCommand({
          ClientId: preset.clients.web.id,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: username, NEW_PASSWORD: 'Chosen-Passw0rd!', ...attributes }
        })
      );
    await expectAwsError(
      respond({ 'userAttributes.cognito:preferred_role': editors }),
      'InvalidParameterException',
      'user.cognito:preferred_role: Attribute does not exist in the schema.'
    );
    await expectAwsError(respond({ 'userAttributes.sub': aliceSub }), 'NotAuthorizedException', unauthorized);
    const done = await respond({ 'userAttributes.name': 'New Person' });
    const claims = decodeJwt(done.AuthenticationResult?.IdToken ?? '');
    expect(claims.name).toBe('New Person');
    expect(claims.sub).not.toBe(aliceSub);
    expect(claims['cognito:preferred_role']).toBeUndefined();
  });

  it("the forged-role attack no longer yields the editors' AWS credentials", async () => {
    // The attack: sign up claiming the editors' role, then ask the identity pool for it.
    const username = uniqueName('attacker');
    await expectAwsError(
      signUp(username, { 'cognito:preferred_role': editors, 'cognito:roles': editors }),
      'InvalidParameterException'
    );
    // The best an attacker can do is a plain account: its token names no role, and asking for one is refused.
    const { username: plain, password } = await createConfirmedUser('attacker');
    const { IdToken } = await signInWithPassword(plain, password);
    expect(decodeJwt(IdToken)['cognito:preferred_role']).toBeUndefined();
    const identity = identityClient();
    const Logins = { [loginKey]: IdToken };
    const { IdentityId } = await identity.send(
      new GetIdCommand({ IdentityPoolId: preset.identityPools.guests.id, Logins })
    );
    await expectAwsError(
      identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins, CustomRoleArn: editors })),
      'InvalidParameterException',
      "CustomRoleArn is not one of the roles in the token's cognito:roles claim."
    );
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('id token claims come from the schema: attributes outside it never reach a token', async () => {
    // A user record as an older sandbox could have stored it, with attributes no schema has.
    const tokens = createTokens({
      keys: loadKeys(new URL('../../sandbox/seed/keys.json', import.meta.url)),
      issuerBase: endpoint
    });
    const { IdToken } = await tokens.issue({
      user: {
        Username: 'mallory',
        Attributes: [
          { Name: 'sub', Value: 'mallory-sub' },
          { Name: 'email', Value: 'mallory@example.com' },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'cognito:preferred_role', Value: editors },
          { Name: 'cognito:groups', Value: 'editors' },
          { Name: 'token_use', Value: 'access' }
        ]
      },
      client: { ClientId: preset.clients.web.id, UserPoolId: preset.userPoolId },
      groups: [],
      session: tokens.newSession()
    });
    const claims = decodeJwt(IdToken);
    expect(claims).toMatchObject({ sub: 'mallory-sub', email: 'mallory@example.com', email_verified: true });
    expect(claims.token_use).toBe('id');
    expect(claims['cognito:preferred_role']).toBeUndefined();
    expect(claims['cognito:groups']).toBeUndefined();
  });
});
