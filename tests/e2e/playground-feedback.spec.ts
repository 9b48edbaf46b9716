import { expect, test, type Page } from '@playwright/test';
import { gotoReady } from './ready';
import { preset, user } from './sandbox-preset';

/**
 * What the playground says after each action, and where: next to the control, with the next step ready
 * (the confirmation form for an unconfirmed user, the role ARN field for the basic flow), panels numbered in
 * order, who is signed in, tokens one click from the inspector, and Cognito's refusal after a revocation.
 */

async function signIn(page: Page, name: string) {
  const { username, password } = user(name);
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username', { exact: true }).fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  // USER_PASSWORD_AUTH: SRP's big-integer maths takes seconds of CPU, and these tests are not about SRP.
  await form.getByRole('radio', { name: /Plain password/ }).check();
  await form.getByRole('button', { name: 'Sign in' }).click();
}

async function signedIn(page: Page, name: string) {
  await gotoReady(page, '/playground');
  await signIn(page, name);
  await expect(page.locator('[data-token="id"] [data-testid="checklist"]')).toHaveAttribute(
    'data-valid',
    'true',
    { timeout: 30_000 }
  );
}

test('the panels are numbered 1 to 5 in order, before and after sign-in', async ({ page }) => {
  const numbered = () => page.locator('.playground .main h2').allInnerTexts();
  await gotoReady(page, '/playground');
  const before = await numbered();
  expect(before.map((text) => text.match(/^(\d)\./)?.[1])).toEqual(['1', '2', '3', '4', '5']);
  await signIn(page, 'alice');
  await expect(page.getByRole('region', { name: '3. Your tokens' })).toBeVisible();
  expect(await numbered()).toEqual(before);
});

test('an unconfirmed user gets the confirmation form, opened and filled, with where the code comes from', async ({
  page
}) => {
  await gotoReady(page, '/playground');
  await signIn(page, 'carol');
  const error = page.getByTestId('error');
  await expect(error).toContainText('Account not confirmed');
  await expect(error).toBeFocused();
  const confirm = page.getByTestId('confirm-form');
  await expect(confirm).toBeVisible();
  await expect(confirm.getByLabel('Username', { exact: true })).toHaveValue('carol');
  // Nothing secret is filled in: the code is the user's to type; the page says where the sandbox shows it.
  await expect(confirm.getByLabel('Confirmation code')).toHaveValue('');
  await expect(confirm.getByTestId('sandbox-code')).toContainText('prints the code');
  await expect(confirm.getByTestId('sandbox-code')).toContainText(preset.confirmationCode);
  // The way there is offered right under the explanation.
  await page.getByTestId('confirm-next').getByRole('button', { name: 'Enter the code' }).click();
  await expect(confirm.getByLabel('Confirmation code')).toBeFocused();
});

test('the basic flow without a role ARN is stopped at the field, before anything is sent', async ({
  page
}) => {
  await signedIn(page, 'alice');
  await page.getByLabel('Identity pool id (optional)').fill(preset.identityPools.guests.id);
  const identity = page.getByRole('region', { name: /AWS credentials from the identity pool/ });
  await identity.getByRole('radio', { name: /Basic \(classic\)/ }).check();
  await identity.getByRole('button', { name: 'Get AWS credentials' }).click();
  const field = identity.getByLabel('Role ARN to assume');
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(identity.getByTestId('basic-role-problem')).toContainText('Enter the ARN of the role');
  await expect(identity.getByTestId('identity-error')).toHaveCount(0);
  await expect(page.getByTestId('trace').locator('[data-operation="GetId"]')).toHaveCount(0);

  await field.fill('LensReaders');
  await expect(identity.getByTestId('basic-role-problem')).toContainText('Not a role ARN');
  await field.fill(preset.roles.readers.arn);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await identity.getByRole('button', { name: 'Get AWS credentials' }).click();
  await expect(identity.getByTestId('credentials')).toContainText('basic flow');
});

test('the sign-in panel says who is signed in and signs out; the notice takes the focus', async ({
  page
}) => {
  await signedIn(page, 'alice');
  const auth = page.getByRole('region', { name: '2. Sign in' });
  await expect(auth.getByTestId('signed-in')).toContainText('Signed in as alice');
  await expect(auth.getByTestId('signed-in')).toContainText('alice@example.com');
  await auth.getByRole('button', { name: 'Sign out in this tab' }).click();
  const notice = auth.getByTestId('notice');
  await expect(notice).toContainText('Signed out in this tab');
  await expect(notice).toBeFocused();
  await expect(page.getByRole('region', { name: '3. Your tokens' })).toHaveCount(0);
});

test('each token opens in the token inspector, carried in the fragment only when clicked', async ({
  page,
  context
}) => {
  await signedIn(page, 'alice');
  const link = page.getByTestId('inspect-id');
  const inspectorPath = new URL(await link.evaluate((a: HTMLAnchorElement) => a.href)).pathname;
  expect(await link.getAttribute('href')).not.toContain('eyJ');
  const idToken = await page
    .locator('[data-token="id"] [data-part]')
    .evaluateAll((parts) => parts.map((p) => p.querySelector('code')?.textContent ?? '').join(''));
  expect(idToken.split('.')).toHaveLength(3);

  const [inspector] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await inspector.waitForLoadState();
  const opened = new URL(inspector.url());
  expect(opened.pathname).toBe(inspectorPath);
  expect(opened.search).toBe('');
  expect(decodeURIComponent(opened.hash)).toBe(`#token=${idToken}`);
  await expect(inspector.locator('html[data-hydrated]')).toBeAttached();
  await expect(inspector.locator('[data-claim="cognito:username"]')).toContainText('alice');
  // Back in the playground, the link holds no token again, and the tokens are still here.
  expect(await link.getAttribute('href')).not.toContain('eyJ');
  await expect(page.getByRole('region', { name: '3. Your tokens' })).toBeVisible();
});

test('after revoking the refresh token, Refresh still works as a button and shows Cognito refusing', async ({
  page
}) => {
  await signedIn(page, 'alice');
  const tokens = page.getByRole('region', { name: '3. Your tokens' });
  await tokens.getByRole('button', { name: 'Revoke the refresh token' }).click();
  await expect(tokens.getByTestId('notice')).toContainText('The refresh token is revoked');
  await expect(tokens.getByRole('button', { name: 'Refresh token revoked' })).toBeDisabled();
  const refresh = tokens.getByRole('button', { name: 'Refresh tokens' });
  await expect(refresh).toBeEnabled();
  await refresh.click();
  const error = tokens.getByTestId('error');
  await expect(error.getByTestId('explanation')).toContainText('Refresh token no longer valid');
  await expect(error).toContainText('Refresh Token has been revoked');
  await expect(error).toBeFocused();
});

test('no words run together in the identity panel', async ({ page }) => {
  await signedIn(page, 'alice');
  await page.getByLabel('Identity pool id (optional)').fill(preset.identityPools.guests.id);
  const identity = page.getByRole('region', { name: /AWS credentials from the identity pool/ });
  await identity.getByRole('button', { name: 'Get AWS credentials' }).click();
  await identity.getByRole('button', { name: 'Call GetCallerIdentity with these credentials' }).click();
  await expect(identity.getByTestId('caller-arn')).toBeVisible();
  // textContent, as a screen reader or a copy-paste gets it (the ✓ is hidden from the first, not the second).
  expect(await identity.getByTestId('caller-arn').textContent()).toMatch(/✓\s+AWS accepted/);
  expect(await identity.getByTestId('role-why').textContent()).toMatch(/LensEditors:\s+\S/);
});
