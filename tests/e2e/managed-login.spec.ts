// The sandbox's managed login page in a real browser (issue 14): it works with the keyboard alone, has no serious
// accessibility violation in light or dark, its strict CSP blocks nothing the page needs, and script smuggled into
// the authorization request never runs. The app behind the callback is stubbed: the second seeded app client
// (adminApp) has its callback on port 5174, where nothing listens during the tests.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { preset, SANDBOX_ENDPOINT, user } from './sandbox-preset';

const adminApp = preset.clients.adminApp as { id: string; callbackUrls: string[] };
const callback = adminApp.callbackUrls[0] ?? '';
const XSS = `"><script>alert('state')</script><img src=x onerror="alert('img')">`;

/** Opens the sign-in page; the app's callback is answered by a stub that shows where the browser came back. */
async function openSignIn(page: Page, params: Record<string, string> = {}) {
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  await page.route(`${new URL(callback).origin}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>app</title><p>back in the app</p>' })
  );
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: adminApp.id,
    redirect_uri: callback,
    scope: 'openid email',
    ...params
  });
  await page.goto(`${SANDBOX_ENDPOINT}/oauth2/authorize?${query.toString()}`);
  return problems;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`managed login page: keyboard only, no serious accessibility violation (${scheme})`, async ({
    page
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const problems = await openSignIn(page, { state: 'kbd' });
    await expect(page.getByRole('heading', { name: 'Sign in to lens-admin-app' })).toBeVisible();
    // The site's colours: the page background differs between the two schemes.
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(scheme === 'dark' ? 'rgb(18, 19, 26)' : 'rgb(244, 245, 249)');

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // The username field has the focus; Tab reaches the password, Enter submits.
    const alice = user('alice');
    await expect(page.getByLabel('Username')).toBeFocused();
    await page.keyboard.type(alice.username);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(alice.password);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`^${callback}\\?code=[^&]+&state=kbd$`));
    expect(problems).toEqual([]);
  });
}

test('managed login page: script in the authorization request never runs', async ({ page }) => {
  const problems = await openSignIn(page, {
    state: XSS,
    nonce: XSS,
    code_challenge: XSS,
    code_challenge_method: 'S256'
  });
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(XSS);
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Incorrect username or password.');
  await expect(page.getByLabel('Username')).toHaveValue(XSS);
  expect(await page.locator('img, script').count()).toBe(0);
  expect(problems).toEqual([]);
});
