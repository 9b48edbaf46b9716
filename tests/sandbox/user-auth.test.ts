// Choice-based sign-in (AuthFlow USER_AUTH) with the AWS SDK: SELECT_CHALLENGE lists the first factors the pool
// allows, PREFERRED_CHALLENGE skips the choice, and PASSWORD, PASSWORD_SRP and EMAIL_OTP each lead to tokens.
//   https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
import {
  AdminInitiateAuthCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { expectAwsError, preset, printedCodes, seedUser, uniqueName, userPoolClient } from './support';

const client = userPoolClient();

const userAuth = (username: string, extra: Record<string, string> = {}, clientId = preset.clients.web.id) =>
  client.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, ...extra }
    })
  );

const respond = (ChallengeName: string, Session: string | undefined, responses: Record<string, string>) =>
  client.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: ChallengeName as never,
      ClientId: preset.clients.web.id,
      Session,
      ChallengeResponses: responses
    })
  );

describe('USER_AUTH', () => {
  it('offers the first factors of the sign-in policy (SELECT_CHALLENGE), then signs in with the password', async () => {
    const alice = seedUser('alice');
    const select = await userAuth(alice.username);
    expect(select.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(select.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    const done = await respond('SELECT_CHALLENGE', select.Session, {
      USERNAME: alice.username,
      ANSWER: 'PASSWORD',
      PASSWORD: alice.password
    });
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
  });

  // A captured SELECT_CHALLENGE answer must not sign in again: Cognito's sessions are single-use
  // ("Invalid session for the user, session can only be used once."), while a wrong password may be retried.
  it('lets a wrong password be retried on the SELECT_CHALLENGE Session, but never replays a right answer', async () => {
    const alice = seedUser('alice');
    const select = await userAuth(alice.username);
    await expectAwsError(
      respond('SELECT_CHALLENGE', select.Session, {
        USERNAME: alice.username,
        ANSWER: 'PASSWORD',
        PASSWORD: 'Wrong-Passw0rd!'
      }),
      'NotAuthorizedException',
      'Incorrect username or password.'
    );
    const answer = { USERNAME: alice.username, ANSWER: 'PASSWORD', PASSWORD: alice.password };
    const done = await respond('SELECT_CHALLENGE', select.Session, answer);
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
    await expectAwsError(
      respond('SELECT_CHALLENGE', select.Session, answer),
      'NotAuthorizedException',
      'Invalid session for the user, session can only be used once.'
    );
  });

  it('signs in with an emailed code (EMAIL_OTP as first factor, no password)', async () => {
    const erin = seedUser('erin');
    const select = await userAuth(erin.username);
    const otp = await respond('SELECT_CHALLENGE', select.Session, {
      USERNAME: erin.username,
      ANSWER: 'EMAIL_OTP'
    });
    expect(otp.ChallengeName).toBe('EMAIL_OTP');
    expect(otp.ChallengeParameters).toMatchObject({ CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL' });
    const [code] = (await printedCodes(erin.username, 1, 'sign-in code')).slice(-1);
    await expectAwsError(
      respond('EMAIL_OTP', otp.Session, { USERNAME: erin.username, EMAIL_OTP_CODE: '000000' }),
      'CodeMismatchException'
    );
    const done = await respond('EMAIL_OTP', otp.Session, {
      USERNAME: erin.username,
      EMAIL_OTP_CODE: code as string
    });
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('goes straight to the preferred challenge: PASSWORD signs in, PASSWORD_SRP answers PASSWORD_VERIFIER', async () => {
    const alice = seedUser('alice');
    const direct = await userAuth(alice.username, {
      PREFERRED_CHALLENGE: 'PASSWORD',
      PASSWORD: alice.password
    });
    expect(direct.AuthenticationResult?.IdToken).toBeTruthy();
    await expectAwsError(
      userAuth(alice.username, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Wrong-Passw0rd!' }),
      'NotAuthorizedException',
      'Incorrect username or password.'
    );
    const srp = await userAuth(alice.username, {
      PREFERRED_CHALLENGE: 'PASSWORD_SRP',
      SRP_A: 'ab'.repeat(384)
    });
    expect(srp.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(srp.ChallengeParameters).toHaveProperty('SRP_B');
    expect(srp.ChallengeParameters).toHaveProperty('SALT');
  });

  it('still asks for MFA after a password first factor', async () => {
    const frank = seedUser('frank');
    const result = await userAuth(frank.username, {
      PREFERRED_CHALLENGE: 'PASSWORD',
      PASSWORD: frank.password
    });
    expect(result.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('is refused for a client that does not allow ALLOW_USER_AUTH', async () => {
    await expectAwsError(
      userAuth('alice', {}, preset.clients.noPasswordAuth.id),
      'InvalidParameterException',
      'USER_AUTH flow not enabled for this client'
    );
  });

  // API_ConfirmSignUp: "A session identifier that you can use to immediately sign in the confirmed user"; passed
  // as InitiateAuth's Session with USER_AUTH.
  it('signs in with the Session of ConfirmSignUp, without the password, and only that user', async () => {
    const Username = uniqueName('autosignin');
    await client.send(
      new SignUpCommand({
        ClientId: preset.clients.web.id,
        Username,
        Password: 'Fresh-Passw0rd!',
        UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }]
      })
    );
    const [code] = await printedCodes(Username);
    const { Session } = await client.send(
      new ConfirmSignUpCommand({ ClientId: preset.clients.web.id, Username, ConfirmationCode: code ?? '' })
    );
    expect(Session).toBeTruthy();
    const signInWithSession = (USERNAME: string) =>
      client.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_AUTH',
          ClientId: preset.clients.web.id,
          Session,
          AuthParameters: { USERNAME }
        })
      );
    const signedIn = await signInWithSession(Username);
    expect(signedIn.AuthenticationResult?.IdToken).toBeTruthy();
    // The Session stands in for the password once: captured, it does not sign the user in again.
    await expectAwsError(
      signInWithSession(Username),
      'NotAuthorizedException',
      'Invalid session for the user, session can only be used once.'
    );
    await expectAwsError(
      signInWithSession('alice'),
      'NotAuthorizedException',
      'Invalid session for the user.'
    );
  });

  it('works the same through AdminInitiateAuth', async () => {
    const alice = seedUser('alice');
    const result = await client.send(
      new AdminInitiateAuthCommand({
        AuthFlow: 'USER_AUTH',
        UserPoolId: preset.userPoolId,
        ClientId: preset.clients.web.id,
        AuthParameters: {
          USERNAME: alice.username,
          PREFERRED_CHALLENGE: 'PASSWORD',
          PASSWORD: alice.password
        }
      })
    );
    expect(result.AuthenticationResult?.IdToken).toBeTruthy();
  });
});
