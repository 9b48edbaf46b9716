// aws-amplify v6, configured as an app developer configures it for a real pool: only userPoolEndpoint and
// identityPoolEndpoint point at the sandbox. Amplify keeps its tokens and identity id in a key-value storage; in
// Node it gets the in-memory one it ships (sharedInMemoryStorage; defaultStorage falls back to memory without
// localStorage), cleared after every test so tests do not see each other's sessions.
// signInWithRedirect is not covered: Amplify builds https://<domain>/oauth2/authorize and cannot target
// http://127.0.0.1 (see sandbox/README.md).
import { GetTokensFromRefreshTokenCommand, GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { Amplify } from 'aws-amplify';
import {
  autoSignIn,
  confirmResetPassword,
  confirmSignIn,
  confirmSignUp,
  fetchAuthSession,
  fetchMFAPreference,
  fetchUserAttributes,
  getCurrentUser,
  resetPassword,
  setUpTOTP,
  signIn,
  signOut,
  signUp,
  updateMFAPreference,
  updatePassword,
  updateUserAttributes,
  verifyTOTPSetup
} from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { defaultStorage, sharedInMemoryStorage } from 'aws-amplify/utils';
import { generate } from 'otplib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createConfirmedUser,
  endpoint,
  expectAwsError,
  issuer,
  preset,
  printedCodes,
  seedUser,
  stsClient,
  uniqueName,
  userPoolClient
} from '../sandbox/support';

beforeAll(() => {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: preset.userPoolId,
        userPoolClientId: preset.clients.web.id,
        identityPoolId: preset.identityPools.guests.id,
        userPoolEndpoint: endpoint,
        identityPoolEndpoint: endpoint,
        allowGuestAccess: true
      }
    }
  });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage);
});

afterEach(async () => {
  await signOut().catch(() => undefined);
  await Promise.all([sharedInMemoryStorage.clear(), defaultStorage.clear()]);
});

/** The role behind Amplify's credentials, as STS sees it. */
async function roleOf(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  const { Arn } = await stsClient(credentials).send(new GetCallerIdentityCommand({}));
  return Arn?.split('/')[1];
}

async function tokens() {
  const session = await fetchAuthSession();
  const idToken = session.tokens?.idToken?.toString();
  const accessToken = session.tokens?.accessToken?.toString();
  if (!idToken || !accessToken) throw new Error('no tokens');
  return { idToken, accessToken, session };
}

/** The refresh token Amplify stored, read back through its token provider. */
async function storedRefreshToken() {
  const stored = await cognitoUserPoolsTokenProvider.authTokenStore.loadTokens();
  return stored?.refreshToken ?? '';
}

describe('signIn', () => {
  it('SRP (the default flow): signed in, tokens from the sandbox issuer, getCurrentUser', async () => {
    const alice = seedUser('alice');
    const result = await signIn({ username: alice.username, password: alice.password });
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const { session } = await tokens();
    expect(session.tokens?.idToken?.payload.iss).toBe(issuer());
    expect(session.tokens?.idToken?.payload['cognito:groups']).toEqual(['editors', 'readers']);
    expect((await getCurrentUser()).username).toBe('alice');
  });

  it('USER_PASSWORD_AUTH', async () => {
    const erin = seedUser('erin');
    const result = await signIn({
      username: erin.username,
      password: erin.password,
      options: { authFlowType: 'USER_PASSWORD_AUTH' }
    });
    expect(result.isSignedIn).toBe(true);
    expect((await tokens()).session.tokens?.accessToken.payload.username).toBe('erin');
  });

  it('USER_AUTH with the password as preferred challenge, SRP or plain', async () => {
    const alice = seedUser('alice');
    for (const preferredChallenge of ['PASSWORD_SRP', 'PASSWORD'] as const) {
      const result = await signIn({
        username: alice.username,
        password: alice.password,
        options: { authFlowType: 'USER_AUTH', preferredChallenge }
      });
      expect(result.isSignedIn, preferredChallenge).toBe(true);
      await signOut();
    }
  });

  it('USER_AUTH choosing EMAIL_OTP from the offered first factors', async () => {
    const erin = seedUser('erin');
    const first = await signIn({ username: erin.username, options: { authFlowType: 'USER_AUTH' } });
    expect(first.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
    if (first.nextStep.signInStep !== 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION') return;
    expect(first.nextStep.availableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    const codeStep = await confirmSignIn({ challengeResponse: 'EMAIL_OTP' });
    expect(codeStep.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    const [code] = (await printedCodes(erin.username, 1, 'sign-in code')).slice(-1);
    const done = await confirmSignIn({ challengeResponse: code ?? '' });
    expect(done.isSignedIn).toBe(true);
  });

  it('a wrong password is NotAuthorizedException', async () => {
    await expectAwsError(
      signIn({ username: 'alice', password: 'Wrong-Passw0rd!' }),
      'NotAuthorizedException'
    );
  });
});

describe('confirmSignIn', () => {
  it('sets a new password for an admin-created user (NEW_PASSWORD_REQUIRED)', async () => {
    const username = uniqueName('amplify-admin');
    const { AdminCreateUserCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await userPoolClient().send(
      new AdminCreateUserCommand({
        UserPoolId: preset.userPoolId,
        Username: username,
        TemporaryPassword: 'Temp-Passw0rd!',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }]
      })
    );
    const first = await signIn({ username, password: 'Temp-Passw0rd!' });
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
    const done = await confirmSignIn({ challengeResponse: 'Chosen-Passw0rd!' });
    expect(done.isSignedIn).toBe(true);
    await signOut();
    expect((await signIn({ username, password: 'Chosen-Passw0rd!' })).isSignedIn).toBe(true);
  });

  it('TOTP MFA (frank, the seeded authenticator secret)', async () => {
    const frank = seedUser('frank');
    const first = await signIn({ username: frank.username, password: frank.password });
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    await expectAwsError(confirmSignIn({ challengeResponse: '000000' }), 'CodeMismatchException');
    // A wrong code does not end the sign-in: Amplify keeps the challenge, as Cognito keeps its session.
    const done = await confirmSignIn({
      challengeResponse: await generate({ secret: frank.mfa?.totpSecret ?? '' })
    });
    expect(done.isSignedIn).toBe(true);
  });

  it('email MFA (grace, the code printed by the sandbox)', async () => {
    const grace = seedUser('grace');
    const first = await signIn({ username: grace.username, password: grace.password });
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    const [code] = (await printedCodes(grace.username, 1, 'MFA code')).slice(-1);
    expect((await confirmSignIn({ challengeResponse: code ?? '' })).isSignedIn).toBe(true);
  });
});

describe('MFA setup', () => {
  it('setUpTOTP, verifyTOTPSetup, updateMFAPreference, fetchMFAPreference, then TOTP at sign-in', async () => {
    const { username, password } = await createConfirmedUser('amplify-totp');
    await signIn({ username, password });
    const setup = await setUpTOTP();
    const secret = setup.sharedSecret;
    expect(setup.getSetupUri('CognitoLens', username).toString()).toContain(`secret=${secret}`);
    await verifyTOTPSetup({ code: await generate({ secret }) });
    await updateMFAPreference({ totp: 'PREFERRED' });
    expect(await fetchMFAPreference()).toEqual({ enabled: ['TOTP'], preferred: 'TOTP' });
    await signOut();
    const next = await signIn({ username, password });
    expect(next.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    expect((await confirmSignIn({ challengeResponse: await generate({ secret }) })).isSignedIn).toBe(true);
  });
});

describe('SMS and email MFA chosen at sign-in', () => {
  it('updateMFAPreference enables both, sign-in asks to choose, the SMS code is printed', async () => {
    const { username, password } = await createConfirmedUser('amplify-sms');
    await signIn({ username, password });
    await updateUserAttributes({ userAttributes: { phone_number: '+15555550123' } });
    await updateMFAPreference({ sms: 'ENABLED', email: 'ENABLED' });
    expect(await fetchMFAPreference()).toEqual({ enabled: ['SMS', 'EMAIL'] });
    await signOut();
    const first = await signIn({ username, password });
    expect(first.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_MFA_SELECTION');
    if (first.nextStep.signInStep !== 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION') return;
    expect(first.nextStep.allowedMFATypes).toEqual(['SMS', 'EMAIL']);
    const sms = await confirmSignIn({ challengeResponse: 'SMS' });
    expect(sms.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    if (sms.nextStep.signInStep !== 'CONFIRM_SIGN_IN_WITH_SMS_CODE') return;
    expect(sms.nextStep.codeDeliveryDetails?.destination).toBe('+*******0123');
    const [code] = (await printedCodes(username, 1, 'MFA code')).slice(-1);
    expect((await confirmSignIn({ challengeResponse: code ?? '' })).isSignedIn).toBe(true);
  });
});

describe('fetchAuthSession with the identity pool', () => {
  it('guest first, then signed in: the same identity, upgraded from the guest role', async () => {
    const { username, password } = await createConfirmedUser('amplify-guest');
    const guest = await fetchAuthSession();
    expect(guest.tokens).toBeUndefined();
    expect(guest.identityId).toMatch(/^us-east-1:/);
    expect(await roleOf(guest.credentials ?? { accessKeyId: '', secretAccessKey: '' })).toBe('LensGuest');

    await signIn({ username, password });
    const signedIn = await fetchAuthSession();
    expect(signedIn.identityId).toBe(guest.identityId);
    expect(await roleOf(signedIn.credentials ?? { accessKeyId: '', secretAccessKey: '' })).toBe(
      'LensAuthenticated'
    );
  });

  it("a returning user gets back their identity and their group's role (cognito:preferred_role)", async () => {
    const alice = seedUser('alice');
    await signIn({ username: alice.username, password: alice.password });
    const first = await fetchAuthSession();
    await signOut();
    await fetchAuthSession(); // a guest in between
    await signIn({ username: alice.username, password: alice.password });
    const again = await fetchAuthSession();
    expect(again.identityId).toBe(first.identityId);
    expect(await roleOf(again.credentials ?? { accessKeyId: '', secretAccessKey: '' })).toBe('LensEditors');
  });

  it('forceRefresh: new tokens of the same session through GetTokensFromRefreshToken', async () => {
    const alice = seedUser('alice');
    await signIn({ username: alice.username, password: alice.password });
    const before = await tokens();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new iat
    const after = await fetchAuthSession({ forceRefresh: true });
    const accessToken = after.tokens?.accessToken;
    expect(accessToken?.toString()).not.toBe(before.accessToken);
    expect(accessToken?.payload.origin_jti).toBe(before.session.tokens?.accessToken.payload.origin_jti);
    expect(after.credentials?.accessKeyId).toMatch(/^ASIA/);
  });
});

describe('signOut', () => {
  it('signs out locally and revokes the refresh token (RevokeToken)', async () => {
    const alice = seedUser('alice');
    await signIn({ username: alice.username, password: alice.password });
    const refreshToken = await storedRefreshToken();
    expect(refreshToken).not.toBe('');
    await signOut();
    expect((await fetchAuthSession()).tokens).toBeUndefined();
    await expectAwsError(
      userPoolClient().send(
        new GetTokensFromRefreshTokenCommand({ ClientId: preset.clients.web.id, RefreshToken: refreshToken })
      ),
      'NotAuthorizedException',
      'Refresh Token has been revoked'
    );
  });

  it('global signOut ends every session of the user (GlobalSignOut)', async () => {
    const { username, password } = await createConfirmedUser('amplify-global');
    await signIn({ username, password });
    const { accessToken } = await tokens();
    await signOut({ global: true });
    await expectAwsError(
      userPoolClient().send(new GetUserCommand({ AccessToken: accessToken })),
      'NotAuthorizedException',
      'Access Token has been revoked'
    );
  });
});

describe('sign-up and account', () => {
  it('signUp, confirmSignUp with the printed code, autoSignIn', async () => {
    const username = uniqueName('amplify-signup');
    const password = 'Fresh-Passw0rd!';
    const signedUp = await signUp({
      username,
      password,
      options: { userAttributes: { email: `${username}@example.com` }, autoSignIn: true }
    });
    expect(signedUp.nextStep.signUpStep).toBe('CONFIRM_SIGN_UP');
    const [code] = await printedCodes(username);
    const confirmed = await confirmSignUp({ username, confirmationCode: code ?? '' });
    expect(confirmed.nextStep.signUpStep).toBe('COMPLETE_AUTO_SIGN_IN');
    const signedIn = await autoSignIn();
    expect(signedIn.isSignedIn).toBe(true);
    expect((await getCurrentUser()).username).toBe(username);
  });

  it('autoSignIn with USER_AUTH: the ConfirmSignUp Session signs in without the password again', async () => {
    const username = uniqueName('amplify-userauth');
    await signUp({
      username,
      password: 'Fresh-Passw0rd!',
      options: {
        userAttributes: { email: `${username}@example.com` },
        autoSignIn: { authFlowType: 'USER_AUTH' }
      }
    });
    await confirmSignUp({ username, confirmationCode: (await printedCodes(username))[0] ?? '' });
    // Amplify debounces autoSignIn process-wide for 300 ms (utils/signUpHelpers: `debounce(..., 300)`): a second
    // call that soon after the previous test's is dropped and never settles. An app signs up one user at a time.
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await autoSignIn()).isSignedIn).toBe(true);
    expect((await getCurrentUser()).username).toBe(username);
  });

  it('resetPassword and confirmResetPassword with the printed code', async () => {
    // Confirmed with the emailed code, so the email is verified and a reset code can go there.
    const username = uniqueName('amplify-reset');
    await signUp({
      username,
      password: 'Fresh-Passw0rd!',
      options: { userAttributes: { email: `${username}@example.com` } }
    });
    await confirmSignUp({ username, confirmationCode: (await printedCodes(username))[0] ?? '' });
    const reset = await resetPassword({ username });
    expect(reset.nextStep.resetPasswordStep).toBe('CONFIRM_RESET_PASSWORD_WITH_CODE');
    expect(reset.nextStep.codeDeliveryDetails.deliveryMedium).toBe('EMAIL');
    const [code] = (await printedCodes(username, 2)).slice(-1);
    await confirmResetPassword({ username, confirmationCode: code ?? '', newPassword: 'Reset-Passw0rd!' });
    expect((await signIn({ username, password: 'Reset-Passw0rd!' })).isSignedIn).toBe(true);
  });

  it('updatePassword', async () => {
    const { username, password } = await createConfirmedUser('amplify-update');
    await signIn({ username, password });
    await updatePassword({ oldPassword: password, newPassword: 'Updated-Passw0rd!' });
    await signOut();
    expect((await signIn({ username, password: 'Updated-Passw0rd!' })).isSignedIn).toBe(true);
  });

  it('fetchUserAttributes and updateUserAttributes', async () => {
    const { username, password } = await createConfirmedUser('amplify-attrs');
    await signIn({ username, password });
    expect(await fetchUserAttributes()).toMatchObject({ email: `${username}@example.com` });
    const updated = await updateUserAttributes({ userAttributes: { name: 'Amplify User' } });
    expect(updated.name?.isUpdated).toBe(true);
    expect((await fetchUserAttributes()).name).toBe('Amplify User');
  });
});
