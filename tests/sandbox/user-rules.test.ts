// Cognito's answers where cognito-local's differ (issue 14, items 6 to 10), each checked against AWS's
// documentation or a recorded real response.
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  createConfirmedUser,
  expectAwsError,
  preset,
  printedCodes,
  uniqueName,
  userPoolClient
} from './support';

const client = userPoolClient();
const ClientId = preset.clients.web.id;
const UserPoolId = preset.userPoolId;

// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html: with
// PreventUserExistenceErrors ENABLED (every seeded client), "account confirmation and password recovery return a
// response indicating a code was sent to a simulated destination" instead of UserNotFoundException.
describe('PreventUserExistenceErrors outside sign-in', () => {
  const ghost = () => uniqueName('ghost');

  it('ForgotPassword and ResendConfirmationCode answer a simulated delivery for an unknown user', async () => {
    for (const send of [
      (Username: string) => client.send(new ForgotPasswordCommand({ ClientId, Username })),
      (Username: string) => client.send(new ResendConfirmationCodeCommand({ ClientId, Username }))
    ]) {
      const { CodeDeliveryDetails } = await send(ghost());
      expect(CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      expect(CodeDeliveryDetails?.Destination).toMatch(/^.\*\*\*@.\*\*\*$/);
    }
  });

  it('ConfirmSignUp and ConfirmForgotPassword answer as for a wrong code', async () => {
    await expectAwsError(
      client.send(new ConfirmSignUpCommand({ ClientId, Username: ghost(), ConfirmationCode: '123456' })),
      'CodeMismatchException',
      'Invalid verification code provided, please try again.'
    );
    await expectAwsError(
      client.send(
        new ConfirmForgotPasswordCommand({
          ClientId,
          Username: ghost(),
          ConfirmationCode: '123456',
          Password: 'Another-Passw0rd!'
        })
      ),
      'CodeMismatchException',
      'Invalid verification code provided, please try again.'
    );
  });
});

describe('ForgotPassword refuses where Cognito refuses', () => {
  // API_ForgotPassword: "If neither a verified phone number nor a verified email exists, Amazon Cognito responds with
  // an InvalidParameterException error"; the message as the service sends it: aws/aws-sdk-js-v3#7101.
  it('a user without a verified email or phone (carol)', async () => {
    await expectAwsError(
      client.send(new ForgotPasswordCommand({ ClientId, Username: 'carol' })),
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number'
    );
  });

  // Recorded from the service in aws-amplify/amplify-js#1340 and aws-amplify/amplify-flutter#3048.
  it('a user who must change a temporary password (FORCE_CHANGE_PASSWORD), even with a verified email', async () => {
    const Username = uniqueName('temporary');
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username,
        MessageAction: 'SUPPRESS',
        TemporaryPassword: 'Temp-Passw0rd!',
        UserAttributes: [
          { Name: 'email', Value: `${Username}@example.com` },
          { Name: 'email_verified', Value: 'true' }
        ]
      })
    );
    await expectAwsError(
      client.send(new ForgotPasswordCommand({ ClientId, Username })),
      'NotAuthorizedException',
      'User password cannot be reset in the current state.'
    );
  });

  it('still sends a code to a confirmed user with a verified email', async () => {
    const { CodeDeliveryDetails } = await client.send(
      new ForgotPasswordCommand({ ClientId, Username: 'erin' })
    );
    expect(CodeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'e***@e***'
    });
  });
});

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html: Limit (max 60),
// PaginationToken, AttributesToGet, and filters such as `status = "Disabled"`.
describe('ListUsers', () => {
  it('pages with Limit and PaginationToken through every user, once each', async () => {
    const seen: string[] = [];
    let PaginationToken: string | undefined;
    do {
      const page = await client.send(new ListUsersCommand({ UserPoolId, Limit: 3, PaginationToken }));
      expect(page.Users?.length).toBeLessThanOrEqual(3);
      seen.push(...(page.Users ?? []).map((user) => user.Username ?? ''));
      PaginationToken = page.PaginationToken;
    } while (PaginationToken);
    expect(new Set(seen).size).toBe(seen.length);
    for (const user of preset.users) expect(seen).toContain(user.username);
  });

  it('returns only AttributesToGet', async () => {
    const { Users } = await client.send(
      new ListUsersCommand({ UserPoolId, Filter: 'username = "alice"', AttributesToGet: ['email'] })
    );
    expect(Users?.map((user) => user.Attributes)).toEqual([[{ Name: 'email', Value: 'alice@example.com' }]]);
  });

  it('matches status = "Disabled" and "Enabled", and prefix filters', async () => {
    const { username } = await createConfirmedUser('tobedisabled');
    await client.send(new AdminDisableUserCommand({ UserPoolId, Username: username }));
    const disabled = await client.send(new ListUsersCommand({ UserPoolId, Filter: 'status = "Disabled"' }));
    const names = disabled.Users?.map((user) => user.Username);
    expect(names).toContain('dave');
    expect(names).toContain(username);
    expect(names).not.toContain('alice');
    const enabled = await client.send(new ListUsersCommand({ UserPoolId, Filter: 'status = "Enabled"' }));
    expect(enabled.Users?.map((user) => user.Username)).not.toContain('dave');
    const prefix = await client.send(new ListUsersCommand({ UserPoolId, Filter: 'email ^= "ali"' }));
    // alice, and (once federation.test.ts has run) LensIdP's alice, a separate user with the same email.
    expect(prefix.Users?.map((user) => user.Username)).toContain('alice');
    for (const user of prefix.Users ?? []) {
      expect(user.Attributes?.find((attribute) => attribute.Name === 'email')?.Value).toMatch(/^ali/);
    }
    expect(prefix.Users?.map((user) => user.Username)).not.toContain('erin');
  });

  it('refuses a Limit above 60', async () => {
    await expectAwsError(
      client.send(new ListUsersCommand({ UserPoolId, Limit: 61 })),
      'InvalidParameterException',
      /Member must have value less than or equal to 60/
    );
  });
});

describe('AdminCreateUser', () => {
  it('creates nothing when the welcome message cannot be delivered', async () => {
    const Username = uniqueName('undeliverable');
    await expectAwsError(
      client.send(
        new AdminCreateUserCommand({
          UserPoolId,
          Username,
          DesiredDeliveryMediums: ['SMS'],
          UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }]
        })
      ),
      'InvalidParameterException'
    );
    const { Users } = await client.send(
      new ListUsersCommand({ UserPoolId, Filter: `username = "${Username}"` })
    );
    expect(Users).toEqual([]);
  });

  // API_AdminCreateUser lists UsernameExistsException; the message as AWS answers it, quoted in
  // https://github.com/localstack/localstack/issues/4465 ("An error occurred (UsernameExistsException) when calling
  // the AdminCreateUser operation: User account already exists").
  it('answers "User account already exists" for an existing username', async () => {
    await expectAwsError(
      client.send(new AdminCreateUserCommand({ UserPoolId, Username: 'alice', MessageAction: 'SUPPRESS' })),
      'UsernameExistsException',
      'User account already exists'
    );
  });
});

describe("Cognito's codes and messages", () => {
  // A real answer to ConfirmSignUp for a confirmed user, quoted in
  // https://github.com/furaiev/amazon-cognito-identity-dart-2/issues/80 (2020): NotAuthorizedException "User cannot
  // be confirmed. Current status is CONFIRMED" (older answers, 2018: "User cannot confirm because user status is not
  // UNCONFIRMED.", https://github.com/aws/aws-sdk-net/issues/925).
  it('ConfirmSignUp on a confirmed user: NotAuthorizedException "User cannot be confirmed. Current status is CONFIRMED"', async () => {
    await expectAwsError(
      client.send(new ConfirmSignUpCommand({ ClientId, Username: 'alice', ConfirmationCode: '123456' })),
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED'
    );
  });

  // API_AdminConfirmSignUp lists UserNotFoundException; "User does not exist." is Cognito's message for it, as
  // recorded in https://github.com/amazon-archives/amazon-cognito-identity-js/issues/192.
  it('AdminConfirmSignUp for an unknown user: UserNotFoundException', async () => {
    await expectAwsError(
      client.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: uniqueName('nobody') })),
      'UserNotFoundException',
      'User does not exist.'
    );
  });

  // API_SignUp: Username pattern [\p{L}\p{M}\p{S}\p{N}\p{P}]+ (no whitespace); the email attribute's format.
  it('validates the username pattern and the email format', async () => {
    await expectAwsError(
      client.send(new SignUpCommand({ ClientId, Username: 'has space', Password: 'Fresh-Passw0rd!' })),
      'InvalidParameterException',
      /Member must satisfy regular expression pattern/
    );
    await expectAwsError(
      client.send(
        new SignUpCommand({
          ClientId,
          Username: uniqueName('bademail'),
          Password: 'Fresh-Passw0rd!',
          UserAttributes: [{ Name: 'email', Value: 'not-an-email' }]
        })
      ),
      'InvalidParameterException',
      'Invalid email address format.'
    );
  });

  // API_InitiateAuth: AuthFlow is an enumeration, refused before anything runs.
  it('refuses an unknown AuthFlow with the enum validation message', async () => {
    await expectAwsError(
      client.send(
        new InitiateAuthCommand({
          AuthFlow: 'MAGIC_AUTH' as never,
          ClientId,
          AuthParameters: { USERNAME: 'alice' }
        })
      ),
      'InvalidParameterException',
      /^1 validation error detected: Value 'MAGIC_AUTH' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: \[USER_SRP_AUTH, .*USER_AUTH\]$/
    );
  });
});

describe('attributes', () => {
  // Email is not a required attribute of the sandbox pool: Cognito creates the user and sends nothing.
  it('SignUp without email or phone creates an unconfirmed user and reports no delivery', async () => {
    const Username = uniqueName('noemail');
    const result = await client.send(new SignUpCommand({ ClientId, Username, Password: 'Fresh-Passw0rd!' }));
    expect(result.UserConfirmed).toBe(false);
    expect(result.CodeDeliveryDetails).toBeUndefined();
    expect(result.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    const { Users } = await client.send(
      new ListUsersCommand({ UserPoolId, Filter: `username = "${Username}"` })
    );
    expect(Users?.[0]?.UserStatus).toBe('UNCONFIRMED');
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId, Username }));
    const signedIn = await client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId,
        AuthParameters: { USERNAME: Username, PASSWORD: 'Fresh-Passw0rd!' }
      })
    );
    expect(signedIn.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('AdminDeleteUserAttributes refuses an attribute outside the schema and an unknown user', async () => {
    const { username } = await createConfirmedUser('delattr');
    await expectAwsError(
      client.send(
        new AdminDeleteUserAttributesCommand({
          UserPoolId,
          Username: username,
          UserAttributeNames: ['custom:nope']
        })
      ),
      'InvalidParameterException'
    );
    await expectAwsError(
      client.send(
        new AdminDeleteUserAttributesCommand({
          UserPoolId,
          Username: uniqueName('nobody'),
          UserAttributeNames: ['name']
        })
      ),
      'UserNotFoundException',
      'User does not exist.'
    );
  });
});

describe('ConfirmSignUp verifies the attribute the code went to', () => {
  it('email_verified becomes true, so ForgotPassword can send there', async () => {
    const Username = uniqueName('verified');
    await client.send(
      new SignUpCommand({
        ClientId,
        Username,
        Password: 'Fresh-Passw0rd!',
        UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }]
      })
    );
    const [code] = await printedCodes(Username);
    await client.send(new ConfirmSignUpCommand({ ClientId, Username, ConfirmationCode: code ?? '' }));
    const { Users } = await client.send(
      new ListUsersCommand({ UserPoolId, Filter: `username = "${Username}"` })
    );
    expect(Users?.[0]?.Attributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
    const { CodeDeliveryDetails } = await client.send(new ForgotPasswordCommand({ ClientId, Username }));
    expect(CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
  });
});
