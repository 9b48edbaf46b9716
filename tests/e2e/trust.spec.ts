// The playground and the token inspector attacked as an outsider would: through a link.
import { expect, test, type Page } from '@playwright/test';
import { gotoReady } from './ready';
import { preset, SANDBOX_ENDPOINT, user } from './sandbox-preset';

const ATTACKER_API = 'abc123.execute-api.us-east-1.amazonaws.com';
const ids = new URLSearchParams({
  region: preset.region,
  userPoolId: preset.userPoolId,
  clientId: preset.clients.web.id
});

/** Every request to a host other than the site and the sandbox is recorded and dropped. */
async function watchForeignHosts(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.context().route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => {
      seen.push(route.request().url());
      return route.abort();
    }
  );
  return seen;
}

async function signInPlain(page: Page) {
  const { username, password } = user('alice');
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username', { exact: true }).fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('radio', { name: /Plain password/ }).check();
  await form.getByRole('button', { name: 'Sign in' }).click();
}

test('a link with a foreign endpoint is not applied: the host is shown and nothing reaches it', async ({
  page
}) => {
  const seen = await watchForeignHosts(page);
  await gotoReady(page, `/playground?${ids}&endpoint=https://${ATTACKER_API}`);
  const prompt = page.getByTestId('trust-prompt');
  await expect(prompt).toBeVisible();
  await expect(prompt.getByTestId('trust-host')).toHaveText(ATTACKER_API);
  await expect(prompt).toContainText('password');
  await expect(page.getByLabel('Endpoint override')).toHaveValue('');
  // The link's ids point at AWS, not at the sandbox preset it replaced.
  await expect(page.getByTestId('call-hosts')).toContainText('cognito-idp.us-east-1.amazonaws.com');

  await signInPlain(page);
  await expect(page.getByTestId('error')).toBeVisible();
  expect(seen.filter((url) => url.includes(ATTACKER_API))).toEqual([]);
});

test('even after confirming a foreign endpoint, a plain password is refused there, and it is never remembered', async ({
  page
}) => {
  const seen = await watchForeignHosts(page);
  await gotoReady(page, `/playground?${ids}&endpoint=https://${ATTACKER_API}`);
  await page.getByLabel('Remember this configuration in this browser').check();
  await page.getByRole('button', { name: `Send my sign-in to ${ATTACKER_API}` }).click();
  await expect(page.getByLabel('Endpoint override')).toHaveValue(`https://${ATTACKER_API}`);
  await expect(page.getByTestId('call-hosts')).toContainText(ATTACKER_API);

  await signInPlain(page);
  await expect(page.getByTestId('error').getByTestId('explanation')).toContainText('Plain password refused');
  expect(seen.filter((url) => url.includes(ATTACKER_API))).toEqual([]);

  const saved = await page.evaluate(() => JSON.stringify(localStorage));
  expect(saved).toContain(preset.userPoolId);
  expect(saved).not.toContain(ATTACKER_API);
  await gotoReady(page, '/playground');
  await expect(page.getByLabel('Endpoint override')).not.toHaveValue(`https://${ATTACKER_API}`);
});

test('a link with a foreign managed login domain never sends the browser there', async ({ page }) => {
  const seen = await watchForeignHosts(page);
  await gotoReady(
    page,
    `/playground?${ids}&endpoint=${encodeURIComponent(SANDBOX_ENDPOINT)}&domain=https://evil.example`
  );
  await expect(page.getByTestId('trust-host')).toHaveText('evil.example');
  await page.getByRole('button', { name: /Ignore it/ }).click();
  await expect(page.getByTestId('trust-prompt')).toHaveCount(0);
  await expect(page.getByLabel('Managed login domain (optional)')).toHaveValue('');
  // No domain applied, so there is no managed login to start: the browser stays here.
  await expect(page.getByRole('button', { name: 'Continue to managed login' })).toHaveCount(0);
  expect(new URL(page.url()).hostname).toBe('127.0.0.1');
  expect(seen.filter((url) => url.includes('evil.example'))).toEqual([]);
});

test('"Use my own pool" clears every sandbox value', async ({ page }) => {
  await gotoReady(page, '/playground');
  await page.getByRole('button', { name: 'Use my own pool' }).click();
  for (const label of [
    'Region',
    'User pool id',
    'App client id',
    'Endpoint override',
    'Managed login domain (optional)'
  ]) {
    await expect(page.getByLabel(label, { exact: true })).toHaveValue('');
  }
});

test('with site data blocked the playground still signs in; it just cannot remember', async ({ page }) => {
  await page.addInitScript(() => {
    for (const name of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, name, {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        }
      });
    }
  });
  await gotoReady(page, '/playground');
  await expect(page.getByText('The playground needs JavaScript')).toHaveCount(0);
  const { username, password } = user('alice');
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username', { exact: true }).fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('[data-token="id"] [data-testid="checklist"]')).toHaveAttribute(
    'data-valid',
    'true'
  );
});

test('signing out forgets the identity pool credentials', async ({ page }) => {
  await gotoReady(page, '/playground');
  const { username, password } = user('alice');
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username', { exact: true }).fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('[data-token="id"] [data-testid="checklist"]')).toHaveAttribute(
    'data-valid',
    'true'
  );
  await page.getByLabel('Identity pool id (optional)').fill(preset.identityPools.guests.id);
  await page.getByRole('button', { name: 'Get AWS credentials' }).click();
  await expect(page.getByTestId('credentials')).toContainText(/ASIA/);
  await page.getByRole('button', { name: 'Sign out in this tab' }).click();
  await expect(page.getByTestId('credentials')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(/ASIA[A-Z0-9]{12,}/);
});

test('/tokens asks before fetching keys from a loopback issuer a link names', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const issuer = 'http://127.0.0.1:9/us-east-1_Attacker1';
  const token = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ iss: issuer, token_use: 'id', exp: 4102444800 })}.c2ln`;
  await gotoReady(page, `/tokens#token=${token}`);
  await expect(page.getByTestId('consent')).toBeVisible();
  await expect(page.getByTestId('consent')).toContainText('127.0.0.1:9');
  expect(requests.filter((url) => url.startsWith('http://127.0.0.1:9/'))).toEqual([]);
});
