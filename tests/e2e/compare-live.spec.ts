// "Run both live" on /compare (issue 15): one click runs user pool federation (left) and identity pool
// federation (right) against the sandbox and LensIdP; the user signs in once, in a window of its own; each
// diagram follows its run; afterwards stepping replays what the runs moved, secrets redacted.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SANDBOX_PORT } from '../../playwright.config';
import { preset } from './sandbox-preset';
import { gotoReady } from './ready';

const IDP = `http://127.0.0.1:${SANDBOX_PORT + 1}`;
const sam = preset.idp.users.find((u: { username: string }) => u.username === 'sam');

/** Answers LensIdP's pages in the sign-in window: its sign-in form if it shows one, its consent if it asks. */
async function answerLensIdP(popup: Page, { signIn }: { signIn: boolean }) {
  await popup.waitForURL((url) => url.origin === IDP);
  if (signIn) {
    await popup.getByLabel('Username').fill(sam.username);
    await popup.getByLabel('Password').fill(sam.password);
    await popup.getByRole('button', { name: 'Sign in' }).click();
  }
  await popup.waitForURL((url) => url.origin !== IDP || url.pathname.includes('/interaction/'));
  const allow = popup.getByRole('button', { name: 'Allow' });
  if (new URL(popup.url()).origin === IDP && (await allow.count()) > 0) await allow.click();
}

test('Run both live: one sign-in window, both diagrams follow their runs, stepping replays what moved', async ({
  page
}) => {
  test.setTimeout(60_000);
  await gotoReady(page, '/compare');
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Run both live' }).click();
  const popup = await popupOpened;

  // Left first: the user pool sends the window to LensIdP; the user signs in there.
  await expect(page.getByTestId('live-status')).toContainText('User pool federation running');
  await answerLensIdP(popup, { signIn: true });
  // While the left run goes, the left diagram shows the step it reached, the right one has not started.
  await expect(page.getByTestId('live-status')).toContainText('Identity pool federation running', {
    timeout: 15_000
  });
  const left = page.locator('[data-side="cup"] [data-testid="caption"]').first();
  await expect(left).toContainText(/Step \d/);

  // Right: LensIdP knows the user now; only the playground app's consent is asked for.
  await answerLensIdP(popup, { signIn: false });
  await expect(page.getByTestId('live-status')).toContainText('Both runs finished', { timeout: 15_000 });
  await expect.poll(() => popup.isClosed()).toBe(true);
  await expect(page).toHaveURL(/\/compare\/6$/);

  // The last step of each run: the pool's own tokens (left), a signed request naming the role (right).
  const moved = page.getByTestId('live-moved');
  await expect(moved).toHaveCount(2);
  await expect(moved.first()).toContainText("the IdP's tokens never reach the app");
  await expect(moved.nth(1)).toContainText('STS names the role');
  await moved.nth(1).getByText('Show what moved').click();
  await expect(moved.nth(1)).toContainText('LensEditors');

  // Stepping back replays: step 5 of the right run is its GetCredentialsForIdentity, secrets redacted.
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/\/compare\/5$/);
  await expect(moved.nth(1)).toContainText('GetCredentialsForIdentity');
  await moved.nth(1).getByText('Show what moved').click();
  const shown = await moved.nth(1).locator('pre').first().textContent();
  expect(shown).toContain('AccessKeyId');
  expect(shown).toMatch(/SecretKey[^\n]*redacted/);
  // Step 4 (the pool checks the token and picks the role) happens inside that same call: said so.
  await page.keyboard.press('ArrowLeft');
  await expect(moved.nth(1)).toContainText('passed this step without an exchange of its own');
  // Step 1 on the left: the pool sending the browser to LensIdP, which the app does see.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(moved.first()).not.toContainText('has not reached');

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).exclude('.diagram-stage > svg').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${scheme} ${v.id}: ${v.help}`)).toEqual([]);
  }
});

test('Run both live: a closed sign-in window is explained, and the page can start again', async ({
  page
}) => {
  await gotoReady(page, '/compare');
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Run both live' }).click();
  const popup = await popupOpened;
  await popup.waitForURL((url) => url.origin === IDP);
  await popup.close();
  const status = page.getByTestId('live-status');
  await expect(status.getByTestId('explanation')).toHaveAttribute('data-code', 'ERR_SIGN_IN_WINDOW_CLOSED');
  await expect(status).toContainText('The sign-in window was closed');
  await expect(page.getByRole('button', { name: 'Run both live' })).toBeEnabled();
});

test('Replay the recorded runs: both federations as recorded, with no sandbox and no sign-in', async ({
  page,
  baseURL
}) => {
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(baseURL!)) elsewhere.push(request.url());
  });
  await gotoReady(page, '/compare');
  await page.getByRole('button', { name: 'Replay the recorded runs' }).click();
  await expect(page.getByTestId('live-status')).toContainText('The recorded runs');
  await expect(page).toHaveURL(/\/compare\/6$/);
  const moved = page.getByTestId('live-moved');
  await expect(moved.first()).toContainText("the IdP's tokens never reach the app");
  await expect(moved.nth(1)).toContainText('STS names the role');
  // Step 3 on the left is the pool redeeming LensIdP's code: out of the app's sight, and said so.
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\/compare\/3$/);
  await expect(moved.first()).toContainText('out of your app’s sight');
  await moved.first().getByText('Show what moved').click();
  await expect(moved.first().locator('pre').first()).not.toContainText(preset.idp.poolClient.secret);
  expect(elsewhere).toEqual([]);
});

test('an opened run panel on one side leaves no gap under the other side’s caption', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await gotoReady(page, '/compare');
  await page.getByRole('button', { name: 'Replay the recorded runs' }).click();
  await page.keyboard.press('ArrowLeft');
  await page.getByTestId('live-moved').nth(1).getByText('Show what moved').click();
  const gap = await page.locator('.explanation.cup').evaluate((side) => {
    const caption = side.querySelector('[data-testid="caption"]')!.getBoundingClientRect();
    const holds = caption.bottom;
    const next = side.children[1]!.getBoundingClientRect();
    return next.top - holds;
  });
  expect(gap).toBeLessThan(24);
});
