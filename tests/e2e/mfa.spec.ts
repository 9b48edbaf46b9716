// MFA and choice-based sign-in in the playground, against the seeded sandbox: frank has TOTP MFA, grace email MFA,
// heidi SMS MFA,
// and the web client allows USER_AUTH (PASSWORD, PASSWORD_SRP, EMAIL_OTP). Every emailed code is the seed's code.
// Challenge and response shapes:
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChallengeResponseType.html
import { expect, test, type Locator, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { gotoReady } from './ready';
import { preset, user } from './sandbox-preset';

const FRANK_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const EMAIL_CODE: string = preset.confirmationCode;

/** The authenticator app's current code, and one no window of the sandbox's ±30 s tolerance accepts. */
async function totpCodes(): Promise<{ right: string; wrong: string }> {
  const now = Date.now();
  const near = await Promise.all(
    [-30_000, 0, 30_000, 60_000].map((offset) =>
      generate({ secret: FRANK_SECRET, epoch: Math.floor((now + offset) / 1000) })
    )
  );
  let wrong = 111111;
  while (near.includes(String(wrong))) wrong += 1;
  return { right: near[1]!, wrong: String(wrong) };
}

async function openPlayground(page: Page) {
  await gotoReady(page, '/playground');
  await expect(page.getByTestId('target')).toContainText('Local sandbox');
}

async function signIn(
  page: Page,
  username: string,
  password: string,
  flow: 'SRP' | 'Choice-based'
): Promise<void> {
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username', { exact: true }).fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('radio', { name: flow === 'SRP' ? /^SRP/ : /Choice-based/ }).check();
  await form.getByRole('button', { name: 'Sign in' }).click();
}

async function sendCode(page: Page, label: string, code: string): Promise<void> {
  const form = page.getByTestId('mfa-form');
  await expect(form).toBeVisible();
  await form.getByLabel(label).fill(code);
  await form.getByRole('button', { name: 'Send the code' }).click();
}

async function expectVerifiedTokens(page: Page): Promise<Locator> {
  const tokens = page.getByRole('region', { name: '3. Your tokens' });
  await expect(tokens).toBeVisible();
  for (const use of ['id', 'access']) {
    await expect(tokens.locator(`[data-token="${use}"] [data-testid="checklist"]`)).toHaveAttribute(
      'data-valid',
      'true'
    );
  }
  return tokens;
}

/** The trace entries of one operation, opened, as { request, response } body texts in order. */
async function exchanges(page: Page, operation: string) {
  const entries = page.getByTestId('trace').locator(`[data-operation="${operation}"]`);
  const out: Array<{ request: string; response: string }> = [];
  for (const entry of await entries.all()) {
    await entry.locator('summary').click();
    out.push({
      request: await entry.getByTestId('request-body').innerText(),
      response: await entry.getByTestId('response-body').innerText()
    });
  }
  return out;
}

test('frank signs in with SRP, is asked for a TOTP code, a wrong code is explained, the right one gives verified tokens', async ({
  page
}) => {
  const frank = user('frank');
  await openPlayground(page);
  await signIn(page, frank.username, frank.password, 'SRP');
  await expect(page.getByTestId('notice')).toContainText('SOFTWARE_TOKEN_MFA');

  const codes = await totpCodes();
  await sendCode(page, 'Code from your authenticator app', codes.wrong);
  const error = page.getByTestId('error');
  await expect(error.getByTestId('explanation')).toContainText('Wrong code');
  await expect(error).toContainText('CodeMismatchException');
  // Still at the code step, with the code kept for correction.
  await expect(page.getByTestId('mfa-form').getByLabel('Code from your authenticator app')).toHaveValue(
    codes.wrong
  );

  await sendCode(page, 'Code from your authenticator app', (await totpCodes()).right);
  await expectVerifiedTokens(page);
  await expect(page.getByTestId('error')).toHaveCount(0);

  // The trace shows the exchange: SRP, then the TOTP challenge answered twice; codes are redacted.
  const responds = await exchanges(page, 'RespondToAuthChallenge');
  expect(responds).toHaveLength(3);
  expect(responds[0]!.request).toContain('PASSWORD_VERIFIER');
  expect(responds[0]!.response).toContain('"ChallengeName": "SOFTWARE_TOKEN_MFA"');
  expect(responds[1]!.request).toContain('"ChallengeName": "SOFTWARE_TOKEN_MFA"');
  expect(responds[1]!.request).toMatch(/"SOFTWARE_TOKEN_MFA_CODE": "«redacted/);
  expect(responds[1]!.response).toContain('CodeMismatchException');
  expect(responds[2]!.response).toContain('AuthenticationResult');
});

test('grace signs in with SRP and answers the emailed code (EMAIL_OTP, which the library cannot take)', async ({
  page
}) => {
  const grace = user('grace');
  await openPlayground(page);
  await signIn(page, grace.username, grace.password, 'SRP');
  await expect(page.getByTestId('notice')).toContainText('by email');
  await expect(page.getByTestId('notice')).toContainText('EMAIL_OTP');

  await sendCode(page, 'Code from the email', '654321');
  await expect(page.getByTestId('error').getByTestId('explanation')).toContainText('Wrong code');
  await sendCode(page, 'Code from the email', EMAIL_CODE);
  const tokens = await expectVerifiedTokens(page);

  const responds = await exchanges(page, 'RespondToAuthChallenge');
  expect(responds.map((r) => /"ChallengeName": "(\w+)"/.exec(r.request)?.[1])).toEqual([
    'PASSWORD_VERIFIER',
    'EMAIL_OTP',
    'EMAIL_OTP'
  ]);
  expect(responds[0]!.response).toContain('"ChallengeName": "EMAIL_OTP"');
  expect(responds[2]!.request).toMatch(/"EMAIL_OTP_CODE": "«redacted/);
  expect(responds[2]!.request).not.toContain(EMAIL_CODE);

  // The tokens were handed to the library's session: refresh works on them.
  await tokens.getByRole('button', { name: 'Refresh tokens' }).click();
  await expect(page.getByTestId('refresh-diff')).toContainText('auth_time did not change');
});

test('heidi signs in with SRP and answers the code sent by text message (SMS_MFA)', async ({ page }) => {
  const heidi = user('heidi');
  await openPlayground(page);
  await signIn(page, heidi.username, heidi.password, 'SRP');
  // Where the code went, as Cognito's CODE_DELIVERY_DESTINATION masks it.
  await expect(page.getByTestId('notice')).toContainText('by SMS');
  await expect(page.getByTestId('notice')).toContainText('SMS_MFA');
  await expect(page.getByTestId('notice')).toContainText('0142');

  await sendCode(page, 'Code from the SMS', '654321');
  await expect(page.getByTestId('error').getByTestId('explanation')).toContainText('Wrong code');
  await sendCode(page, 'Code from the SMS', EMAIL_CODE);
  await expectVerifiedTokens(page);

  const responds = await exchanges(page, 'RespondToAuthChallenge');
  expect(responds.map((r) => /"ChallengeName": "(\w+)"/.exec(r.request)?.[1])).toEqual([
    'PASSWORD_VERIFIER',
    'SMS_MFA',
    'SMS_MFA'
  ]);
  expect(responds[0]!.response).toContain('"CODE_DELIVERY_DELIVERY_MEDIUM": "SMS"');
  expect(responds[2]!.request).toMatch(/"SMS_MFA_CODE": "«redacted/);
  expect(responds[2]!.request).not.toContain(EMAIL_CODE);
});

test('choice-based sign-in shows the SELECT_CHALLENGE choice and completes with EMAIL_OTP', async ({
  page
}) => {
  await openPlayground(page);
  await signIn(page, 'erin', '', 'Choice-based');
  const choice = page.getByTestId('select-challenge-form');
  await expect(choice).toBeVisible();
  for (const name of ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']) {
    await expect(choice.getByRole('radio', { name: new RegExp(`^${name}:`) })).toBeEnabled();
  }
  const [initiate] = await exchanges(page, 'InitiateAuth');
  expect(initiate!.request).toContain('"AuthFlow": "USER_AUTH"');
  expect(initiate!.response).toContain('"ChallengeName": "SELECT_CHALLENGE"');
  expect(initiate!.response).toMatch(
    /"AvailableChallenges": \[\s*"PASSWORD",\s*"PASSWORD_SRP",\s*"EMAIL_OTP"/
  );

  await choice.getByRole('radio', { name: /^EMAIL_OTP:/ }).check();
  await expect(choice.getByLabel('Password', { exact: true })).toHaveCount(0);
  await choice.getByRole('button', { name: 'Continue with EMAIL_OTP' }).click();
  await expect(page.getByTestId('notice')).toContainText('EMAIL_OTP');
  await sendCode(page, 'Code from the email', EMAIL_CODE);
  await expectVerifiedTokens(page);
  const responds = await exchanges(page, 'RespondToAuthChallenge');
  expect(responds[0]!.request).toContain('"ChallengeName": "SELECT_CHALLENGE"');
  expect(responds[0]!.response).toContain('"ChallengeName": "EMAIL_OTP"');
});

test('choice-based sign-in with PASSWORD_SRP: the password never leaves the browser', async ({ page }) => {
  const alice = user('alice');
  await openPlayground(page);
  await signIn(page, alice.username, '', 'Choice-based');
  const choice = page.getByTestId('select-challenge-form');
  await choice.getByRole('radio', { name: /^PASSWORD_SRP:/ }).check();
  await choice.getByLabel('Password', { exact: true }).fill(alice.password);
  await choice.getByRole('button', { name: 'Continue with PASSWORD_SRP' }).click();
  await expectVerifiedTokens(page);

  const responds = await exchanges(page, 'RespondToAuthChallenge');
  expect(responds.map((r) => /"ChallengeName": "(\w+)"/.exec(r.request)?.[1])).toEqual([
    'SELECT_CHALLENGE',
    'PASSWORD_VERIFIER'
  ]);
  expect(responds[0]!.request).toContain('SRP_A');
  expect(responds[0]!.request).not.toContain('"PASSWORD"');
  expect(await page.locator('body').innerText()).not.toContain(alice.password);
});

test('choice-based sign-in with PASSWORD: a wrong password is explained, then frank meets his TOTP step', async ({
  page
}) => {
  const frank = user('frank');
  await openPlayground(page);
  await signIn(page, frank.username, 'not-his-password', 'Choice-based');
  const choice = page.getByTestId('select-challenge-form');
  await choice.getByRole('radio', { name: /^PASSWORD:/ }).check();
  await choice.getByRole('button', { name: 'Continue with PASSWORD' }).click();
  await expect(page.getByTestId('error').getByTestId('explanation')).toContainText(
    'Wrong username or password'
  );

  // Back to the sign-in form, and a new USER_AUTH exchange with the right password.
  await choice.getByRole('button', { name: 'Start over' }).click();
  await signIn(page, frank.username, frank.password, 'Choice-based');
  await choice.getByRole('radio', { name: /^PASSWORD:/ }).check();
  await choice.getByLabel('Password', { exact: true }).fill(frank.password);
  await choice.getByRole('button', { name: 'Continue with PASSWORD' }).click();
  await expect(page.getByTestId('notice')).toContainText('SOFTWARE_TOKEN_MFA');
  await sendCode(page, 'Code from your authenticator app', (await totpCodes()).right);
  await expectVerifiedTokens(page);
});
