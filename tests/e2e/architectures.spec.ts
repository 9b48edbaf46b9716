// Issue 16: the two architectures, live in the playground against the sandbox. "Call an API with your tokens"
// (API Gateway's REST Cognito authorizer and HTTP API JWT authorizer) and "Use the credentials" (S3 with the
// identity pool's credentials, each refusal explained by the statement that decided it).
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { gotoReady } from './ready';
import { preset, user } from './sandbox-preset';

const apiPanel = (page: Page) => page.getByTestId('api-panel');
const storagePanel = (page: Page) => page.getByTestId('storage-panel');
const identityPanel = (page: Page) =>
  page.getByRole('region', { name: '4. AWS credentials from the identity pool' });
const flowDiagram = (page: Page, id: string) => page.locator(`.flow [data-diagram="${id}"]`);

async function signInAs(page: Page, name: string) {
  const { username, password } = user(name);
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username', { exact: true }).fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('[data-token="id"] [data-testid="checklist"]')).toHaveAttribute(
    'data-valid',
    'true'
  );
}

async function expectNoSeriousViolations(page: Page, selector: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).include(selector).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${scheme}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
  }
}

/** Scripts that carry the S3 client: its S3 Express session code exists nowhere else. */
function watchS3Client(page: Page): { loaded: string[] } {
  const seen = { loaded: [] as string[] };
  page.on('response', async (response) => {
    if (!response.url().endsWith('.js')) return;
    const text = await response.text().catch(() => '');
    if (text.includes('S3Express')) seen.loaded.push(response.url());
  });
  return seen;
}

test('calling an API: the id token passes, the wrong token gets 401, a missing scope 403', async ({
  page
}) => {
  await gotoReady(page, '/playground');
  await signInAs(page, 'alice');
  const panel = apiPanel(page);

  // REST API, method without scopes, id token: 200, and the backend received the claims.
  await panel.getByRole('radio', { name: 'The id token', exact: true }).check();
  await panel.getByRole('button', { name: 'Call the API' }).click();
  const verdict = panel.getByTestId('api-verdict');
  await expect(verdict).toHaveAttribute('data-status', '200');
  const claims = panel.getByTestId('api-claims');
  const alice = preset.users.find((candidate: { username: string }) => candidate.username === 'alice');
  await expect(claims).toContainText(alice.attributes.sub);
  await expect(claims.getByRole('row', { name: /cognito:username/ })).toContainText('alice');
  await expect(claims.getByRole('row', { name: /cognito:groups/ })).toContainText('editors,readers');
  await expect(flowDiagram(page, 'api-gateway')).toHaveAttribute('data-step-id', 'backend-answers');

  // The access token on the same method: 401, and why.
  await panel.getByRole('radio', { name: 'The access token', exact: true }).check();
  await panel.getByRole('button', { name: 'Call the API' }).click();
  await expect(verdict).toHaveAttribute('data-status', '401');
  await expect(verdict).toContainText('an access token on a method without scopes');
  await expect(panel.getByTestId('api-claims')).toHaveCount(0);
  await expect(flowDiagram(page, 'api-gateway')).toHaveAttribute('data-step-id', 'rejected');

  // The access token on a method that requires its scope: 200.
  await panel.getByLabel('Route (and the scopes it requires)').selectOption('/notes');
  await panel.getByRole('button', { name: 'Call the API' }).click();
  await expect(verdict).toHaveAttribute('data-status', '200');

  // HTTP API, route requiring a scope no token has: 403 Forbidden.
  await panel.getByLabel(/HTTP API/).check();
  await panel.getByLabel('Route (and the scopes it requires)').selectOption('/admin');
  await panel.getByRole('button', { name: 'Call the API' }).click();
  await expect(verdict).toHaveAttribute('data-status', '403');
  await expect(verdict).toContainText('valid token, missing scope');
  await expect(verdict).toContainText('insufficient_scope');

  // The trace names the call.
  await expect(page.getByTestId('trace').locator('[data-operation="GET execute-api"]')).toHaveCount(4);

  await expectNoSeriousViolations(page, '[data-testid="api-panel"]');
});

test('using the credentials: upload, list, download, and refusals explained by the policy', async ({
  page
}) => {
  const s3Client = watchS3Client(page);
  await gotoReady(page, '/playground');
  await signInAs(page, 'alice');
  await page.getByLabel('Identity pool id (optional)').fill(preset.identityPools.guests.id);
  await identityPanel(page).getByRole('button', { name: 'Get AWS credentials' }).click();
  await expect(identityPanel(page).getByTestId('identity-id')).toHaveText(/^us-east-1:[0-9a-f-]{36}$/);
  const identityId = (await identityPanel(page).getByTestId('identity-id').textContent())?.trim() ?? '';

  // The S3 client is not loaded until the panel opens.
  expect(s3Client.loaded).toEqual([]);
  const panel = storagePanel(page);
  await panel.getByTestId('storage-open').click();
  await expect(panel.getByTestId('storage-folder')).toHaveText(`private/${identityId}/`);
  await expect.poll(() => s3Client.loaded.length).toBeGreaterThan(0);

  // Upload into the own folder: allowed by the statement with the policy variable.
  await panel.getByLabel('File to upload').setInputFiles({
    name: 'hello.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('hello from the browser')
  });
  await panel.getByRole('button', { name: 'Upload to your folder' }).click();
  const latest = panel.getByTestId('storage-attempt').first();
  await expect(panel.getByTestId('storage-listing')).toContainText('hello.txt');
  await expect(panel.getByTestId('storage-attempt').nth(1)).toHaveAttribute('data-outcome', 'allowed');
  await expect(panel.getByTestId('storage-attempt').nth(1)).toContainText('Allowed by "ReadWriteOwnFolder"');
  await expect(flowDiagram(page, 'common-stack')).toHaveAttribute('data-step-id', 'upload');

  // Download it back.
  await panel.getByTestId('storage-listing').getByRole('button', { name: 'Download' }).click();
  const link = panel.getByTestId('storage-download').getByRole('link');
  await expect(link).toHaveText('save hello.txt');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const downloaded = await readFile((await download.path()) ?? '', 'utf8');
  expect(downloaded).toBe('hello from the browser');

  // Another identity's folder: refused, and the near-miss statement named; the role's policy shown.
  await panel.getByRole('button', { name: "Try another identity's folder" }).click();
  await expect(latest).toHaveAttribute('data-outcome', 'refused');
  await expect(latest).toContainText('no statement allows s3:PutObject');
  await expect(latest).toContainText('"ReadWriteOwnFolder" allow the action, but not this resource');
  await latest.getByText("The role's policy (LensEditors)").click();
  await expect(latest.locator('pre').first()).toContainText('s3:PutObject');
  // The refused PutObject is the same message of the diagram, App to S3.
  await expect(flowDiagram(page, 'common-stack')).toHaveAttribute('data-step-id', 'upload');

  // A guest's write: refused by the guest role, which mentions no write at all.
  await panel.getByRole('button', { name: "Try a guest's write" }).click();
  await expect(latest).toContainText('A guest writes public/from-a-guest.txt');
  await expect(latest).toHaveAttribute('data-outcome', 'refused');
  await expect(latest).toContainText("No statement of the role's policy mentions s3:PutObject");
  await expect(latest).toContainText('LensGuest');

  await expectNoSeriousViolations(page, '[data-testid="storage-panel"]');
});

test('the S3 client is not part of any page first load', async ({ page }) => {
  const s3Client = watchS3Client(page);
  for (const path of ['/', '/guide', '/compare', '/tokens', '/playground']) {
    await gotoReady(page, path);
  }
  await page.waitForLoadState('networkidle');
  expect(s3Client.loaded).toEqual([]);
});
