// Both kinds of federation in the playground, for real, against the sandbox and its OpenID provider LensIdP
// (issue 15): user pool federation (managed login with identity_provider=LensIdP: the app receives only the
// pool's tokens, with `identities`, and the trace shows what the pool did out of the app's sight), and identity
// pool federation (the page signs in at LensIdP with code + PKCE and trades LensIdP's own id token for AWS
// credentials; the role comes from the pool's rules). No serious accessibility violation, light or dark.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SANDBOX_PORT } from '../../playwright.config';
import { preset } from './sandbox-preset';
import { gotoReady } from './ready';

const IDP = `http://127.0.0.1:${SANDBOX_PORT + 1}`;
const sam = preset.idp.users.find((u: { username: string }) => u.username === 'sam');

/** Signs in on LensIdP's own pages (its sign-in form, then its consent page when it asks). */
async function signInAtLensIdP(page: Page) {
  await expect(page).toHaveURL(new RegExp(`^${IDP}/`));
  await page.getByLabel('Username').fill(sam.username);
  await page.getByLabel('Password').fill(sam.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const allow = page.getByRole('button', { name: 'Allow' });
  await page.waitForURL((url) => url.origin !== IDP || url.pathname.includes('/interaction/'));
  if (new URL(page.url()).origin === IDP && (await allow.count()) > 0) await allow.click();
}

async function noSeriousViolations(page: Page) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).exclude('.diagram-stage > svg').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${scheme} ${v.id}: ${v.help}`)).toEqual([]);
  }
}

test('user pool federation: Continue with LensIdP, pool tokens with identities, the leg out of sight', async ({
  page
}) => {
  await gotoReady(page, '/playground');
  await page.getByText('Managed login (hosted UI)').click();
  await page.getByTestId('federated-login').click();
  await expect(page).toHaveURL(new RegExp(`^${IDP}/`));
  await signInAtLensIdP(page);

  await expect(page).toHaveURL(/\/playground$/);
  const tokens = page.getByRole('region', { name: '3. Your tokens' });
  await expect(tokens.locator('[data-token="id"] [data-testid="checklist"]')).toHaveAttribute(
    'data-valid',
    'true'
  );
  // The pool's own tokens, issued by the pool, saying where the user came from.
  const identities = page.getByTestId('identities');
  await expect(identities).toContainText('Signed in at LensIdP (OIDC)');
  await expect(identities).toContainText(`own user for this person is LensIdP_${sam.sub}`);
  await expect(page.getByTestId('unseen-leg')).toContainText("out of your app's sight");

  // The trace: the app's own code exchange, and the pool's exchanges with LensIdP marked as unseen.
  const trace = page.getByTestId('trace');
  await expect(trace.locator('[data-operation="POST /oauth2/token"]')).toHaveCount(1);
  const redeemed = trace.locator('[data-operation="Pool redeems the IdP code"]');
  await expect(redeemed).toHaveCount(1);
  await expect(redeemed.getByTestId('out-of-sight')).toHaveText("out of your app's sight");
  await expect(
    trace.locator(
      '[data-operation="Pool creates the federated user"], [data-operation="Pool updates the federated user"]'
    )
  ).not.toHaveCount(0);
  // Redacted like any other entry: the pool's client secret and LensIdP's code never show.
  await redeemed.locator('summary').click();
  const shown = await redeemed.textContent();
  expect(shown).not.toContain(preset.idp.poolClient.secret);
  expect(shown).toContain('«redacted');

  // "Where the flow stands": user pool federation on its own diagram, at its last step; identity pool
  // federation's diagram is not lit by this run.
  await page.locator('[data-operation="GET jwks.json"] summary').first().click();
  await expect(page.locator('[data-diagram="cup-federation"]')).toHaveAttribute('data-step-id', 'use-tokens');
  await expect(page.locator('[data-diagram="cip-federation"]')).toHaveAttribute('data-step-id', '');
  await noSeriousViolations(page);
});

test('identity pool federation: sign in at LensIdP, its own id token in Logins, credentials and the rule', async ({
  page
}) => {
  await gotoReady(page, '/playground');
  const panel = page.getByRole('region', { name: /5\. Identity pool federation/ });
  await expect(panel.getByTestId('idp-logins-key')).toHaveText(`127.0.0.1:${SANDBOX_PORT + 1}`);
  await panel.getByTestId('idp-sign-in').click();
  await signInAtLensIdP(page);

  await expect(page).toHaveURL(/\/playground$/);
  // LensIdP's id token, verified against LensIdP's keys: a different issuer from the user pool.
  await expect(panel.getByTestId('idp-issuer')).toHaveText(IDP);
  await expect(panel.getByTestId('idp-token').locator('[data-testid="checklist"]').first()).toHaveAttribute(
    'data-valid',
    'true'
  );
  await expect(panel.getByTestId('idp-logins')).toContainText(`"127.0.0.1:${SANDBOX_PORT + 1}"`);
  // Credentials, proved, for the role the first rule chose.
  await expect(panel.getByTestId('idp-credentials')).toContainText('ASIA');
  await expect(panel.getByTestId('idp-caller-arn')).toContainText('assumed-role/LensEditors/');
  await expect(panel.getByTestId('idp-role-summary')).toHaveText(
    'Rule 1 (department Equals "engineering") matched first, so the pool chose LensEditors.'
  );
  const trace = page.getByTestId('trace');
  await expect(trace.locator('[data-operation="POST IdP token"]')).toHaveCount(1);
  await expect(trace.locator('[data-operation="GetCredentialsForIdentity"]')).toHaveCount(1);
  await expect(trace.getByTestId('out-of-sight')).toHaveCount(0);
  await page.locator('[data-operation="GetCredentialsForIdentity"] summary').click();
  await expect(page.locator('[data-diagram="cip-federation"]')).toHaveAttribute(
    'data-step-id',
    'sts-credentials'
  );
  await expect(page.locator('[data-diagram="cup-federation"]')).toHaveAttribute('data-step-id', '');
  await noSeriousViolations(page);
});

test('a link naming a foreign OpenID provider waits for confirmation, and nothing is sent there', async ({
  page
}) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await gotoReady(
    page,
    `/playground?region=us-east-1&userPoolId=us-east-1_AbCdEf123&clientId=l2vncrxu1rw37fa8zaozr7d3rh&idpIssuer=${encodeURIComponent('https://idp.evil.example')}&idpClientId=abc`
  );
  await expect(page.getByTestId('trust-prompt')).toBeVisible();
  await expect(page.getByTestId('trust-host')).toHaveText('idp.evil.example');
  await page.getByRole('button', { name: 'Ignore it' }).click();
  await expect(page.locator('#cfg-idpIssuer')).toHaveValue('');
  await expect(page.locator('#cfg-idpClientId')).toHaveValue('abc');
  expect(requests.some((url) => new URL(url).hostname.endsWith('evil.example'))).toBe(false);
});
