import { expect, test, type Page } from '@playwright/test';
import { gotoReady } from './ready';
import { preset, SANDBOX_ENDPOINT, SITE_ORIGIN, user } from './sandbox-preset';

async function openPlayground(page: Page) {
  await gotoReady(page, '/playground');
  await expect(page.getByTestId('target')).toContainText('Local sandbox');
}

async function signIn(
  page: Page,
  username: string,
  password: string,
  flow: 'SRP' | 'USER_PASSWORD_AUTH' = 'SRP'
) {
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username', { exact: true }).fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('radio', { name: flow === 'SRP' ? /SRP/ : /Plain password/ }).check();
  await form.getByRole('button', { name: 'Sign in' }).click();
}

async function expectExplanation(page: Page, title: string | RegExp) {
  const error = page.getByTestId('error');
  await expect(error).toBeVisible();
  await expect(error.getByTestId('explanation')).toContainText(title);
}

test('a new user signs up, confirms, signs in with SRP, sees verified tokens, refreshes and signs out', async ({
  page
}) => {
  const username = `newbie${Date.now()}`;
  const password = 'Fresh-Passw0rd!';
  await openPlayground(page);

  await page.getByText('Create an account (sign up)').click();
  const signUp = page.getByTestId('sign-up-form');
  await signUp.getByLabel('Username', { exact: true }).fill(username);
  await signUp.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await signUp.getByLabel('Password', { exact: true }).fill(password);
  await signUp.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByTestId('notice')).toContainText('confirmation code');

  const confirm = page.getByTestId('confirm-form');
  await expect(confirm.getByLabel('Username', { exact: true })).toHaveValue(username);
  await confirm.getByLabel('Confirmation code').fill(preset.confirmationCode);
  await confirm.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(page.getByTestId('notice')).toContainText('confirmed');

  await signIn(page, username, password);
  const tokens = page.getByRole('region', { name: '3. Your tokens' });
  await expect(tokens).toBeVisible();
  const idChecklist = tokens.locator('[data-token="id"] [data-testid="checklist"]');
  await expect(idChecklist).toHaveAttribute('data-valid', 'true');
  await expect(tokens.locator('[data-token="access"] [data-testid="checklist"]')).toHaveAttribute(
    'data-valid',
    'true'
  );
  await expect(tokens.getByTestId('countdown-id')).toContainText(/expires in/);

  // SRP: the password never left the browser.
  const trace = page.getByTestId('trace');
  await expect(trace.locator('[data-operation="InitiateAuth"]')).toHaveCount(1);
  await trace.locator('[data-operation="InitiateAuth"] summary').click();
  const initiate = trace.locator('[data-operation="InitiateAuth"] [data-testid="request-body"]');
  await expect(initiate).toContainText('SRP_A');
  await expect(initiate).not.toContainText('PASSWORD"');
  expect(await page.locator('body').innerText()).not.toContain(password);

  await tokens.getByRole('button', { name: 'Refresh tokens' }).click();
  await expect(page.getByTestId('refresh-diff')).toContainText('auth_time did not change');
  await expect(idChecklist).toHaveAttribute('data-valid', 'true');

  // Signing out sits in the sign-in panel, next to who is signed in.
  await page
    .getByRole('region', { name: '2. Sign in' })
    .getByRole('button', { name: 'Sign out in this tab' })
    .click();
  await expect(page.getByRole('region', { name: '3. Your tokens' })).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText('Signed out in this tab');
});

test('an admin-created user sets a new password and gets tokens', async ({ page }) => {
  const bob = user('bob');
  await openPlayground(page);
  await signIn(page, bob.username, bob.password);
  const form = page.getByTestId('new-password-form');
  await expect(form).toBeVisible();
  await form.getByLabel('New password').fill('Bob-Chosen-Passw0rd!');
  for (const input of await form.locator('input:not([type=password])').all()) await input.fill('Bob');
  await form.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByRole('region', { name: '3. Your tokens' })).toBeVisible();
});

test.describe('failures are explained and keep what was typed', () => {
  test('wrong password', async ({ page }) => {
    await openPlayground(page);
    await signIn(page, 'alice', 'not-her-password');
    await expectExplanation(page, 'Wrong username or password');
    // The original AWS message stays visible next to the explanation.
    await expect(page.getByTestId('error')).toContainText('NotAuthorizedException');
    await expect(page.getByTestId('error')).toContainText('Incorrect username or password.');
    await expect(page.getByTestId('sign-in-form').getByLabel('Password', { exact: true })).toHaveValue(
      'not-her-password'
    );
    await expect(page.getByTestId('sign-in-form').getByLabel('Username', { exact: true })).toHaveValue(
      'alice'
    );
  });

  test('unconfirmed user', async ({ page }) => {
    const carol = user('carol');
    await openPlayground(page);
    await signIn(page, carol.username, carol.password);
    await expectExplanation(page, 'Account not confirmed');
  });

  test('disabled user', async ({ page }) => {
    const dave = user('dave');
    await openPlayground(page);
    await signIn(page, dave.username, dave.password);
    await expectExplanation(page, 'User disabled');
  });

  test('an auth flow the app client does not allow', async ({ page }) => {
    const alice = user('alice');
    await openPlayground(page);
    await page.getByLabel('App client id').fill(preset.clients.noPasswordAuth.id);
    await signIn(page, alice.username, alice.password, 'USER_PASSWORD_AUTH');
    await expectExplanation(page, 'Password sign-in not allowed for this client');
  });

  test('an app client with a secret', async ({ page }) => {
    const alice = user('alice');
    await openPlayground(page);
    await page.getByLabel('App client id').fill(preset.clients.withSecret.id);
    await signIn(page, alice.username, alice.password);
    await expectExplanation(page, 'The app client has a secret');
  });

  test('no answer at all (wrong endpoint, offline, CORS)', async ({ page }) => {
    await openPlayground(page);
    await page.getByLabel('Endpoint override').fill('http://127.0.0.1:9');
    await signIn(page, 'alice', 'whatever-Passw0rd');
    await expectExplanation(page, 'No answer from the server');
    await expect(page.getByLabel('Endpoint override')).toHaveValue('http://127.0.0.1:9');
  });
});

test('the configuration is checked as you type, with the common mix-ups named', async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel('User pool id').fill(preset.identityPools.guests.id);
  await expect(page.getByTestId('problem-userPoolId')).toContainText(/identity pool id/i);
  await page.getByLabel('User pool id').fill('eu-west-1_AbC123xyz');
  await expect(page.getByTestId('problem-userPoolId')).toContainText(/eu-west-1/);
  await page.getByLabel('Identity pool id (optional)').fill(preset.userPoolId);
  await expect(page.getByTestId('problem-identityPoolId')).toContainText(/user pool id/i);
  await expect(page.getByTestId('sign-in-form').getByRole('button', { name: 'Sign in' })).toBeDisabled();
  await page.getByRole('button', { name: 'Use the local sandbox' }).click();
  await expect(page.getByTestId('problem-userPoolId')).not.toContainText('✗');
});

test('a full session talks only to the site and the configured endpoint, and leaves no secret behind', async ({
  page,
  context
}) => {
  // erin, not alice: GlobalSignOut revokes every refresh token of the user, which would break parallel tests.
  const erin = user('erin');
  const origins = new Set<string>();
  page.on('request', (request) => origins.add(new URL(request.url()).origin));

  await openPlayground(page);
  await page.getByRole('checkbox', { name: /Remember this configuration/ }).check();
  await signIn(page, erin.username, erin.password);
  const tokens = page.getByRole('region', { name: '3. Your tokens' });
  await expect(tokens.locator('[data-token="id"] [data-testid="checklist"]')).toHaveAttribute(
    'data-valid',
    'true'
  );
  const idToken = await page.evaluate(() => document.querySelector('[data-token="id"]')?.textContent ?? '');
  await tokens.getByRole('button', { name: 'Refresh tokens' }).click();
  await expect(page.getByTestId('refresh-diff')).toBeVisible();
  // Signing out sits in the sign-in panel, next to who is signed in.
  await page
    .getByRole('region', { name: '2. Sign in' })
    .getByRole('button', { name: 'Sign out everywhere' })
    .click();
  await expect(page.getByTestId('notice')).toContainText('Signed out everywhere');

  expect([...origins].sort()).toEqual([SANDBOX_ENDPOINT, SITE_ORIGIN].sort());

  const stored = await page.evaluate(async () => {
    const dump: string[] = [
      JSON.stringify({ ...localStorage }),
      JSON.stringify({ ...sessionStorage }),
      location.href
    ];
    const databases = (await indexedDB.databases?.()) ?? [];
    dump.push(JSON.stringify(databases.map((d) => d.name)));
    return dump.join('\n');
  });
  const cookies = JSON.stringify(await context.cookies());
  for (const secret of [erin.password, 'eyJ', preset.confirmationCode]) {
    expect(stored, `storage holds ${secret}`).not.toContain(secret);
    expect(cookies).not.toContain(secret);
  }
  expect(idToken.length).toBeGreaterThan(0);
  // What was remembered is the configuration, and only that.
  expect(stored).toContain(preset.userPoolId);
});

test('managed login: the authorization code + PKCE round trip through the sandbox hosted sign-in', async ({
  page
}) => {
  const alice = user('alice');
  await openPlayground(page);
  await page.getByText('Managed login (hosted UI)').click();
  await page.getByRole('button', { name: 'Continue to managed login' }).click();

  await expect(page).toHaveURL(new RegExp(`^${SANDBOX_ENDPOINT}/oauth2/authorize`));
  expect(new URL(page.url()).searchParams.get('code_challenge_method')).toBe('S256');
  await page.getByLabel('Username').fill(alice.username);
  await page.getByLabel('Password').fill(alice.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/playground$/);
  const tokens = page.getByRole('region', { name: '3. Your tokens' });
  await expect(tokens.locator('[data-token="id"] [data-testid="checklist"]')).toHaveAttribute(
    'data-valid',
    'true'
  );
  const trace = page.getByTestId('trace');
  await expect(trace.locator('[data-operation="POST /oauth2/token"]')).toHaveCount(1);
  // The code and the PKCE verifier are gone from the address bar and from session storage.
  expect(page.url()).not.toContain('code=');
  const session = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
  expect(session).not.toContain('cognito-lens:managed-login');
  expect(session).not.toContain('verifier');

  await tokens.getByRole('button', { name: 'Refresh tokens' }).click();
  await expect(page.getByTestId('refresh-diff')).toContainText('auth_time did not change');
});

test('managed login: a state that does not match is refused', async ({ page }) => {
  await gotoReady(page, '/playground?code=stolen-code&state=not-ours');
  await expectExplanation(page, 'Sign-in redirect not from this tab');
  expect(page.url()).not.toContain('stolen-code');
});

test('"where the flow stands" shows the flow that ran: a failed sign-in lights nothing, SRP is not Google federation', async ({
  page
}) => {
  const { username, password } = user('alice');
  const diagram = (id: string) => page.locator(`.flow [data-diagram="${id}"]`);
  await openPlayground(page);

  await signIn(page, username, 'Wrong-Passw0rd!');
  await expectExplanation(page, /password/i);
  await expect(diagram('cip-federation')).toHaveAttribute('data-step', '0');
  await expect(diagram('cup-federation')).toHaveAttribute('data-step', '0');

  await signIn(page, username, password);
  await expect(page.locator('[data-token="id"] [data-testid="checklist"]')).toHaveAttribute(
    'data-valid',
    'true'
  );
  await expect(diagram('cip-federation')).toHaveAttribute('data-step-id', 'idp-token');
  // A password (SRP) sign-in never went through managed login and Google.
  await expect(diagram('cup-federation')).toHaveAttribute('data-step', '0');
  await expect(diagram('cup-federation').getByRole('button', { name: /trace entry/ })).toHaveCount(0);

  // The links go forward: each linked step points at a later trace entry than the one before it.
  const links = await diagram('cip-federation')
    .getByRole('button', { name: /trace entry/ })
    .allInnerTexts();
  expect(links.length).toBeGreaterThan(0);
  const numbers = links.map((text) => Number(/#(\d+)/.exec(text)?.[1]));
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
});
