// MFA end to end with the AWS SDK: TOTP set up and used (codes computed with otplib from the secret the sandbox
// hands out, as an authenticator app would), SMS and email codes read from the sandbox's console, the user's
// preference, and the seeded users frank (TOTP) and grace (email MFA).
//   https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
import {
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  AssociateSoftwareTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand
} from '@aws-sdk/client-cognito-identity-provider';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  createConfirmedUser,
  expectAwsError,
  preset,
  printedCodes,
  seedUser,
  signInWithPassword,
  userPoolClient
} from './support';

const client = userPoolClient();
const clientId = preset.clients.web.id;

const passwordChallenge = (username: string, password: string) =>
  client.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password }
    })
  );

const answer = (ChallengeName: string, Session: string | undefined, responses: Record<string, string>) =>
  client.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: ChallengeName as never,
      ClientId: clientId,
      Session,
      ChallengeResponses: responses
    })
  );

/** A TOTP code for a secret that is not the current one, so a test of a wrong code cannot pass by luck. */
async function wrongTotp(secret: string) {
  const now = await generate({ secret });
  return now === '000000' ? '111111' : '000000';
}

describe('TOTP', () => {
  it('associates, verifies, becomes preferred, and is then asked for at every sign-in', async () => {
    const { username, password } = await createConfirmedUser('totp');
    const { AccessToken } = await signInWithPassword(username, password);
    const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    expect(SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    const secret = SecretCode as string;

    // Enabling TOTP before verifying it is refused (aws-amplify/amplify-js#944 records this message).
    await expectAwsError(
      client.send(
        new SetUserMFAPreferenceCommand({
          AccessToken,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true }
        })
      ),
      'InvalidParameterException',
      'User has not set up software token mfa'
    );
    await expectAwsError(
      client.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: await wrongTotp(secret) })),
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA'
    );
    const verified = await client.send(
      new VerifySoftwareTokenCommand({
        AccessToken,
        UserCode: await generate({ secret }),
        FriendlyDeviceName: 'phone'
      })
    );
    expect(verified.Status).toBe('SUCCESS');
    await client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true }
      })
    );
    const me = await client.send(new GetUserCommand({ AccessToken }));
    expect(me.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(me.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');

    const challenge = await passwordChallenge(username, password);
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(challenge.AuthenticationResult).toBeUndefined();
    await expectAwsError(
      answer('SOFTWARE_TOKEN_MFA', challenge.Session, {
        USERNAME: username,
        SOFTWARE_TOKEN_MFA_CODE: await wrongTotp(secret)
      }),
      'CodeMismatchException',
      'Invalid code or auth state for the user.'
    );
    const done = await answer('SOFTWARE_TOKEN_MFA', challenge.Session, {
      USERNAME: username,
      SOFTWARE_TOKEN_MFA_CODE: await generate({ secret })
    });
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('signs in the seeded user frank with the documented authenticator secret', async () => {
    const frank = seedUser('frank');
    const challenge = await passwordChallenge(frank.username, frank.password);
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await answer('SOFTWARE_TOKEN_MFA', challenge.Session, {
      USERNAME: frank.username,
      SOFTWARE_TOKEN_MFA_CODE: await generate({ secret: frank.mfa?.totpSecret ?? '' })
    });
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('does not accept a captured right answer twice (the Session is single-use once answered)', async () => {
    const frank = seedUser('frank');
    const challenge = await passwordChallenge(frank.username, frank.password);
    const responses = {
      USERNAME: frank.username,
      SOFTWARE_TOKEN_MFA_CODE: await generate({ secret: frank.mfa?.totpSecret ?? '' })
    };
    const first = await answer('SOFTWARE_TOKEN_MFA', challenge.Session, responses);
    expect(first.AuthenticationResult?.AccessToken).toBeTruthy();
    await expectAwsError(
      answer('SOFTWARE_TOKEN_MFA', challenge.Session, responses),
      'NotAuthorizedException',
      'Invalid session for the user, session can only be used once.'
    );
  });

  it('refuses a challenge session that was altered or belongs to another challenge', async () => {
    const frank = seedUser('frank');
    const challenge = await passwordChallenge(frank.username, frank.password);
    const code = await generate({ secret: frank.mfa?.totpSecret ?? '' });
    await expectAwsError(
      answer('SMS_MFA', challenge.Session, { USERNAME: frank.username, SMS_MFA_CODE: code }),
      'NotAuthorizedException',
      'Invalid session for the user.'
    );
    const session = challenge.Session as string;
    const i = Math.floor(session.length / 2);
    const altered = session.slice(0, i) + (session[i] === 'A' ? 'B' : 'A') + session.slice(i + 1);
    await expectAwsError(
      answer('SOFTWARE_TOKEN_MFA', altered, {
        USERNAME: frank.username,
        SOFTWARE_TOKEN_MFA_CODE: code
      }),
      'NotAuthorizedException',
      'Invalid session for the user.'
    );
  });
});

describe('email and SMS codes', () => {
  it('asks the seeded user grace for the code sent to her email', async () => {
    const grace = seedUser('grace');
    const challenge = await passwordChallenge(grace.username, grace.password);
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    expect(challenge.ChallengeParameters).toMatchObject({
      CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
      CODE_DELIVERY_DESTINATION: 'g***@e***'
    });
    const [code] = (await printedCodes(grace.username, 1, 'MFA code')).slice(-1);
    expect(code).toMatch(/^\d{6}$/);
    await expectAwsError(
      answer('EMAIL_OTP', challenge.Session, { USERNAME: grace.username, EMAIL_OTP_CODE: '000000' }),
      'CodeMismatchException'
    );
    const done = await answer('EMAIL_OTP', challenge.Session, {
      USERNAME: grace.username,
      EMAIL_OTP_CODE: code as string
    });
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('sends an SMS code once SMS MFA is enabled, and lets a user with two factors choose', async () => {
    const { username, password } = await createConfirmedUser('sms');
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: preset.userPoolId,
        Username: username,
        UserAttributes: [{ Name: 'phone_number', Value: '+15555550100' }]
      })
    );
    await client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: preset.userPoolId,
        Username: username,
        SMSMfaSettings: { Enabled: true, PreferredMfa: true }
      })
    );
    const sms = await passwordChallenge(username, password);
    expect(sms.ChallengeName).toBe('SMS_MFA');
    expect(sms.ChallengeParameters).toMatchObject({
      CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
      CODE_DELIVERY_DESTINATION: '+*******0100'
    });
    const [code] = await printedCodes(username, 1, 'MFA code');
    const done = await answer('SMS_MFA', sms.Session, { USERNAME: username, SMS_MFA_CODE: code as string });
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();

    // Email too, with no preference: the user chooses (SELECT_MFA_TYPE).
    await client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: preset.userPoolId,
        Username: username,
        SMSMfaSettings: { Enabled: true, PreferredMfa: false },
        EmailMfaSettings: { Enabled: true, PreferredMfa: false }
      })
    );
    const select = await passwordChallenge(username, password);
    expect(select.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(JSON.parse(select.ChallengeParameters?.MFAS_CAN_CHOOSE ?? '[]')).toEqual(['SMS_MFA', 'EMAIL_OTP']);
    const email = await answer('SELECT_MFA_TYPE', select.Session, {
      USERNAME: username,
      ANSWER: 'EMAIL_OTP'
    });
    expect(email.ChallengeName).toBe('EMAIL_OTP');
    const [emailCode] = (await printedCodes(username, 2, 'MFA code')).slice(-1);
    const signedIn = await answer('EMAIL_OTP', email.Session, {
      USERNAME: username,
      EMAIL_OTP_CODE: emailCode as string
    });
    expect(signedIn.AuthenticationResult?.IdToken).toBeTruthy();

    // Disabling both brings back sign-in with the password alone.
    await client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: preset.userPoolId,
        Username: username,
        SMSMfaSettings: { Enabled: false },
        EmailMfaSettings: { Enabled: false }
      })
    );
    expect((await passwordChallenge(username, password)).AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('refuses SMS MFA for a user without a phone number', async () => {
    const { username } = await createConfirmedUser('nophone');
    await expectAwsError(
      client.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: preset.userPoolId,
          Username: username,
          SMSMfaSettings: { Enabled: true, PreferredMfa: true }
        })
      ),
      'InvalidParameterException',
      'User does not have delivery config set to turn on SMS_MFA'
    );
  });
});
