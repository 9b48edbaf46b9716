// Issue 3, behaviour 3: sign-up, confirmation codes, unconfirmed users, NEW_PASSWORD_REQUIRED.
import { AdminCreateUserCommand, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoUser,
  CognitoUserAttribute,
  AuthenticationDetails,
  type CognitoUserSession,
  type ISignUpResult
} from 'amazon-cognito-identity-js';
import { describe, expect, it } from 'vitest';
import {
  cognitoUserPool,
  expectAwsError,
  preset,
  printedCodes,
  seedUser,
  signInWithPassword,
  signInWithSrp,
  uniqueName,
  userPoolClient
} from './support';

const pool = cognitoUserPool('web');

function signUp(username: string, password: string): Promise<ISignUpResult> {
  const attributes = [new CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` })];
  return new Promise((resolve, reject) =>
    pool.signUp(username, password, attributes, [], (error, result) =>
      error || !result ? reject(error) : resolve(result)
    )
  );
}

const cognitoUser = (username: string) => new CognitoUser({ Username: username, Pool: pool });

function confirm(username: string, code: string): Promise<unknown> {
  return new Promise((resolve, reject) =>
    cognitoUser(username).confirmRegistration(code, false, (error, result) =>
      error ? reject(error) : resolve(result)
    )
  );
}

function resendCode(username: string): Promise<{ CodeDeliveryDetails: Record<string, string> }> {
  return new Promise((resolve, reject) =>
    cognitoUser(username).resendConfirmationCode((error, result) => (error ? reject(error) : resolve(result)))
  );
}

/** SRP sign-in that expects NEW_PASSWORD_REQUIRED and answers it with completeNewPasswordChallenge. */
function signInSettingNewPassword(username: string, temporary: string, permanent: string) {
  const user = cognitoUser(username);
  return new Promise<{ challenge: Record<string, unknown>; session: CognitoUserSession }>(
    (resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: username, Password: temporary }), {
        onSuccess: () => reject(new Error('expected NEW_PASSWORD_REQUIRED')),
        onFailure: reject,
        newPasswordRequired: (userAttributes: Record<string, unknown>) => {
          // The library's documented recipe: send back no read-only attributes.
          const { email_verified: _verified, ...writable } = userAttributes;
          void _verified;
          user.completeNewPasswordChallenge(permanent, writable, {
            onSuccess: (session) => resolve({ challenge: userAttributes, session }),
            onFailure: reject
          });
        }
      });
    }
  );
}

describe('sign-up and confirmation', () => {
  it('signs up, refuses sign-in until confirmed, confirms with the printed code, then signs in', async () => {
    const username = uniqueName('newbie');
    const password = 'Newbie-Passw0rd!';
    const result = await signUp(username, password);
    expect(result.userConfirmed).toBe(false);
    expect(result.codeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'n***@e***'
    });

    await expectAwsError(
      signInWithPassword(username, password),
      'UserNotConfirmedException',
      'User is not confirmed.'
    );

    const [code = ''] = await printedCodes(username);
    expect(code).toBe(preset.confirmationCode);
    await expectAwsError(confirm(username, '000000'), 'CodeMismatchException');
    await expect(confirm(username, code)).resolves.toBe('SUCCESS');

    const session = await signInWithSrp(username, password);
    expect(session.getIdToken().payload.email).toBe(`${username}@example.com`);
  });

  it('signing in the seeded unconfirmed user with SRP answers UserNotConfirmedException', async () => {
    await expectAwsError(
      signInWithSrp('carol', seedUser('carol').password),
      'UserNotConfirmedException',
      'User is not confirmed.'
    );
  });

  it('resends a confirmation code and prints it again', async () => {
    const username = uniqueName('resend');
    await signUp(username, 'Resend-Passw0rd!');
    expect(await printedCodes(username)).toHaveLength(1);
    const resent = await resendCode(username);
    expect(resent.CodeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
    const codes = await printedCodes(username, 2);
    expect(codes).toHaveLength(2);
    await expect(confirm(username, codes[1] ?? '')).resolves.toBe('SUCCESS');
    await expectAwsError(resendCode(username), 'InvalidParameterException', 'User is already confirmed.');
  });

  it('enforces the password policy and refuses a taken username', async () => {
    await expectAwsError(
      signUp(uniqueName('weak'), 'weakpassword'),
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have uppercase characters'
    );
    await expectAwsError(
      signUp('alice', 'Alice-Passw0rd!'),
      'UsernameExistsException',
      'User already exists'
    );
  });
});

describe('admin-created users: NEW_PASSWORD_REQUIRED', () => {
  it('the seeded user bob sets a new password and gets tokens', async () => {
    const { challenge, session } = await signInSettingNewPassword(
      'bob',
      seedUser('bob').password,
      'Bob-New-Passw0rd!'
    );
    expect(challenge).toEqual({ email: 'bob@example.com', email_verified: 'true' });
    expect(session.isValid()).toBe(true);
    expect(session.getIdToken().payload['cognito:username']).toBe('bob');
    // The temporary password is gone, the new one works.
    await expectAwsError(signInWithPassword('bob', seedUser('bob').password), 'NotAuthorizedException');
    await expect(signInWithPassword('bob', 'Bob-New-Passw0rd!')).resolves.toHaveProperty('IdToken');
  });

  it('a user made with AdminCreateUser (cognito-local) goes through the same challenge', async () => {
    const username = uniqueName('admin-made');
    await userPoolClient().send(
      new AdminCreateUserCommand({
        UserPoolId: preset.userPoolId,
        Username: username,
        TemporaryPassword: 'Temp-Passw0rd!',
        MessageAction: 'SUPPRESS'
      })
    );
    // cognito-local alone issues the challenge without checking the temporary password; the sandbox checks it.
    await expectAwsError(
      signInWithPassword(username, 'Not-The-Temp-1!'),
      'NotAuthorizedException',
      'Incorrect username or password.'
    );
    const { session } = await signInSettingNewPassword(username, 'Temp-Passw0rd!', 'Final-Passw0rd!');
    expect(session.getAccessToken().payload.username).toBe(username);
    const admin = await userPoolClient().send(
      new AdminGetUserCommand({ UserPoolId: preset.userPoolId, Username: username })
    );
    expect(admin.UserStatus).toBe('CONFIRMED');
  });
});
