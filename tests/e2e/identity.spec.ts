import { expect, test, type Page } from '@playwright/test';
import { gotoReady } from './ready';
import { preset, SANDBOX_ENDPOINT, SITE_ORIGIN, user } from './sandbox-preset';

const panel = (page: Page) => page.getByRole('region', { name: '4. AWS credentials from the identity pool' });
const flowDiagram = (page: Page, id: string) => page.locator(`.flow [data-diagram="${id}"]`);

async function signInAs(page: Page, name: string) {
  const { username, password } = user(name);
  await gotoReady(page, '/playground');
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username', { exact: true }).fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('[data-token="id"] [data-testid="checklist"]')).toHaveAttribute(
    'data-valid',
    'true'
  );
}

async function useIdentityPool(page: Page, which: 'guests' | 'noGuests') {
  await page.getByLabel('Identity pool id (optional)').fill(preset.identityPools[which].id);
}

test('enhanced flow: credentials, GetCallerIdentity, and the role chosen from the token', async ({
  page
}) => {
  await signInAs(page, 'alice');
  await expect(flowDiagram(page, 'cip-federation')).toHaveAttribute('data-step', '2');
  await useIdentityPool(page, 'guests');
  const identity = panel(page);
  await expect(identity.getByTestId('logins')).toContainText(
    `cognito-idp.us-east-1.amazonaws.com/${preset.userPoolId}`
  );
  await identity.getByRole('button', { name: 'Get AWS credentials' }).click();

  const credentials = identity.getByTestId('credentials');
  await expect(credentials).toBeVisible();
  await expect(credentials).toContainText(/ASIA[A-Z0-9]{12,}/);
  await expect(identity.getByTestId('identity-id')).toHaveText(/^us-east-1:[0-9a-f-]{36}$/);
  await expect(identity.getByTestId('credentials-expiry')).toContainText(
    /expire in (59|60) min|expire in 1 h/
  );
  await expect(flowDiagram(page, 'cip-federation')).toHaveAttribute('data-step', '5');

  await identity.getByRole('button', { name: 'Call GetCallerIdentity with these credentials' }).click();
  await expect(identity.getByTestId('caller-arn')).toContainText(
    'arn:aws:sts::123456789012:assumed-role/LensEditors/CognitoIdentityCredentials'
  );
  await expect(identity.getByTestId('role-why')).toContainText('cognito:preferred_role');
  await expect(flowDiagram(page, 'cip-federation')).toHaveAttribute('data-step', '6');

  // Clicking a trace entry shows its step; a diagram step links back to its entry.
  const getId = page.getByTestId('trace').locator('[data-operation="GetId"]');
  await getId.locator('summary').click();
  await expect(flowDiagram(page, 'cip-federation')).toHaveAttribute('data-step', '3');
  await expect(flowDiagram(page, 'cip-federation').getByTestId('flow-caption')).toContainText('Step 3 of 6');
  await flowDiagram(page, 'cip-federation')
    .getByRole('button', { name: /Step 6: trace entry/ })
    .click();
  await expect(page.getByTestId('trace').locator('li.selected')).toHaveAttribute(
    'data-operation',
    'GetCallerIdentity'
  );
});

test('secrets stay masked until revealed, and copying does not reveal them', async ({ page }) => {
  await signInAs(page, 'alice');
  await useIdentityPool(page, 'guests');
  await panel(page).getByRole('button', { name: 'Get AWS credentials' }).click();
  const secret = panel(page).getByTestId('secret-key');
  await expect(secret).toContainText('hidden');
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/AWS_SECRET_ACCESS_KEY=/);
  await panel(page).getByLabel('Show the secret values').check();
  await expect(secret).not.toContainText('hidden');
  await expect(panel(page)).toContainText('export AWS_SECRET_ACCESS_KEY=');
});

test('basic flow: OpenID token, then AssumeRoleWithWebIdentity with the role the app names', async ({
  page
}) => {
  await signInAs(page, 'alice');
  await useIdentityPool(page, 'guests');
  const identity = panel(page);
  await identity.getByRole('radio', { name: /Basic \(classic\)/ }).check();
  await identity.getByLabel('Role ARN to assume').fill(preset.roles.readers.arn);
  await identity.getByRole('button', { name: 'Get AWS credentials' }).click();
  await expect(identity.getByTestId('credentials')).toContainText('basic flow');
  const trace = page.getByTestId('trace');
  await expect(trace.locator('[data-operation="GetOpenIdToken"]')).toHaveCount(1);
  await expect(trace.locator('[data-operation="AssumeRoleWithWebIdentity"]')).toHaveCount(1);
  await identity.getByText("The identity pool's OpenID token (basic flow)").click();
  await expect(identity.locator('.openid [data-testid="checklist"]')).toHaveAttribute('data-valid', 'true');
  await identity.getByRole('button', { name: 'Call GetCallerIdentity with these credentials' }).click();
  await expect(identity.getByTestId('caller-arn')).toContainText('assumed-role/LensReaders/');
});

test('guests: allowed by one pool, refused with its explanation by the other', async ({ page }) => {
  await gotoReady(page, '/playground');
  await useIdentityPool(page, 'guests');
  const identity = panel(page);
  await identity.getByRole('radio', { name: /Guest/ }).check();
  await identity.getByRole('button', { name: 'Get AWS credentials' }).click();
  await expect(identity.getByTestId('credentials')).toContainText('guest flow');

  await useIdentityPool(page, 'noGuests');
  await identity.getByRole('button', { name: 'Get AWS credentials' }).click();
  await expect(identity.getByTestId('identity-error').getByTestId('explanation')).toContainText(
    'Guest access is off'
  );
});

test('an access token in Logins is refused, with the reason', async ({ page }) => {
  await signInAs(page, 'alice');
  await useIdentityPool(page, 'guests');
  const identity = panel(page);
  await identity.getByRole('radio', { name: 'The access token' }).check();
  await expect(identity.getByTestId('access-token-warning')).toContainText('id token');
  await identity.getByRole('button', { name: 'Get AWS credentials' }).click();
  const explanation = identity.getByTestId('identity-error').getByTestId('explanation');
  await expect(explanation).toContainText('An access token where the id token belongs');
});

test('the identity flows too talk only to the site and the sandbox, and store nothing secret', async ({
  page,
  context
}) => {
  const origins = new Set<string>();
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  await signInAs(page, 'alice');
  await useIdentityPool(page, 'guests');
  await panel(page).getByRole('button', { name: 'Get AWS credentials' }).click();
  await panel(page).getByRole('button', { name: 'Call GetCallerIdentity with these credentials' }).click();
  await expect(panel(page).getByTestId('caller-arn')).toBeVisible();
  expect([...origins].sort()).toEqual([SANDBOX_ENDPOINT, SITE_ORIGIN].sort());
  const stored = await page.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })
  );
  const cookies = JSON.stringify(await context.cookies());
  for (const secret of ['ASIA', 'eyJ', user('alice').password]) {
    expect(stored).not.toContain(secret);
    expect(cookies).not.toContain(secret);
  }
});
