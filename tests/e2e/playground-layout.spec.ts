import { expect, test, type Page } from '@playwright/test';
import { gotoReady } from './ready';
import { preset, user } from './sandbox-preset';

/**
 * Layout invariants of the playground in the states a user reaches (signed in, AWS credentials shown, a failed
 * sign-in), at a phone, a laptop and a projector size, in both themes: nothing runs off the screen, the
 * columns hold (no panel covers another) and an error appears where the user is looking, with focus on it.
 */
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'projector', width: 1920, height: 1080 }
] as const;
const THEMES = ['light', 'dark'] as const;

interface LayoutReport {
  overflow: number;
  overlaps: string[];
  escapes: string[];
  cutOff: string[];
}

/**
 * Measures the page: how far the document is wider than the window, which panels overlap, and which elements
 * stick out of their panel or out of the window (text inside a scrolling box such as a <pre> may scroll).
 */
function measure(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
        el.getAttribute('aria-labelledby') ? `[${el.getAttribute('aria-labelledby')}]` : ''
      }${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    const width = window.innerWidth;
    const panels = [...document.querySelectorAll('.playground .panel')].filter(
      (el) => el.getBoundingClientRect().width > 0
    );
    const overlaps: string[] = [];
    const boxes = panels.map((el) => el.getBoundingClientRect());
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b, j) => {
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) overlaps.push(`${describe(panels[i]!)} / ${describe(panels[i + 1 + j]!)}`);
      })
    );
    const escapes: string[] = [];
    for (const [index, panel] of panels.entries()) {
      const box = boxes[index]!;
      if (box.left < -1 || box.right > width + 1) escapes.push(`${describe(panel)} leaves the window`);
      for (const el of panel.querySelectorAll('*')) {
        // Inside a box that scrolls or clips, overflow is that box's business (a <pre> scrolls sideways).
        let clipped = false;
        for (let up = el.parentElement; up && up !== panel; up = up.parentElement) {
          if (getComputedStyle(up).overflowX !== 'visible') clipped = true;
        }
        if (clipped) continue;
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        if (rect.right > box.right + 1 || rect.left < box.left - 1) {
          escapes.push(
            `${describe(el)} (${Math.round(rect.left)}-${Math.round(rect.right)}) outside ${describe(panel)} (${Math.round(box.left)}-${Math.round(box.right)})`
          );
        }
      }
    }
    // A configuration field must show its whole value (an identity pool id is 46 characters).
    const cutOff = [
      ...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
        '.playground .config :is(input:not([type=checkbox]), textarea)'
      )
    ]
      .filter((field) => field.value !== '' && field.scrollWidth > field.clientWidth + 1)
      .map((field) => `${field.id}: ${field.scrollWidth} > ${field.clientWidth}`);
    return {
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      overlaps,
      escapes: escapes.slice(0, 8),
      cutOff
    };
  });
}

async function expectSound(page: Page, state: string) {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    const report = await measure(page);
    const where = `${state}, ${theme} theme`;
    expect(report.overflow, `${where}: horizontal overflow in px`).toBeLessThanOrEqual(0);
    expect(report.overlaps, `${where}: overlapping panels`).toEqual([]);
    expect(report.escapes, `${where}: elements outside their panel`).toEqual([]);
    expect(report.cutOff, `${where}: fields that cut off their value`).toEqual([]);
  }
}

/** The element must be on screen (not scrolled away above or below) and hold the keyboard focus. */
async function expectInViewAndFocused(page: Page, testId: string) {
  const box = page.getByTestId(testId);
  await expect(box).toBeVisible();
  const rect = await box.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: window.innerHeight };
  });
  expect(rect.top, `${testId} starts above the window`).toBeGreaterThanOrEqual(0);
  expect(rect.bottom, `${testId} ends below the window`).toBeLessThanOrEqual(rect.height);
  await expect(box).toBeFocused();
}

async function signIn(page: Page, username: string, password: string) {
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username', { exact: true }).fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  // USER_PASSWORD_AUTH: SRP's big-integer maths takes seconds of CPU, and these tests are not about SRP.
  await form.getByRole('radio', { name: /Plain password/ }).check();
  await form.getByRole('button', { name: 'Sign in' }).click();
}

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.name} ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('signed in, tokens decoded, then AWS credentials: the columns hold', async ({ page }) => {
      // Sign-in, credentials and six measurements: room for a busy 2-core machine.
      test.setTimeout(90_000);
      const alice = user('alice');
      await gotoReady(page, '/playground');
      await expectSound(page, 'before sign-in');

      await signIn(page, alice.username, alice.password);
      const tokens = page.getByRole('region', { name: /Your tokens/ });
      await expect(tokens.locator('[data-token="id"] [data-testid="checklist"]')).toHaveAttribute(
        'data-valid',
        'true',
        { timeout: 30_000 }
      );
      // Open every decoded token: the long encoded parts are what used to push the column wide.
      for (const summary of await tokens.locator('details > summary').all()) await summary.click();
      await page.getByTestId('trace').locator('[data-operation="InitiateAuth"] summary').first().click();
      await expectSound(page, 'signed in');

      await page.getByLabel('Identity pool id (optional)').fill(preset.identityPools.guests.id);
      const identity = page.getByRole('region', { name: /AWS credentials from the identity pool/ });
      await identity.getByRole('button', { name: 'Get AWS credentials' }).click();
      await expect(identity.getByTestId('credentials')).toBeVisible();
      await identity.getByLabel('Show the secret values').check();
      await identity.getByRole('button', { name: 'Call GetCallerIdentity with these credentials' }).click();
      await expect(identity.getByTestId('caller-arn')).toBeVisible();
      await expectSound(page, 'credentials shown');
    });

    test('the recorded sample run, replayed to its last step with everything open: the columns hold', async ({
      page
    }) => {
      await gotoReady(page, '/playground');
      await page.getByRole('button', { name: 'Replay a recorded sample run' }).click();
      const replay = page.getByTestId('replay');
      const next = replay.getByRole('button', { name: 'Next' });
      while (await next.isEnabled()) await next.click();
      await expect(replay.getByTestId('replay-caller')).toBeVisible();
      for (const summary of await replay.locator('details > summary').all()) await summary.click();
      await expectSound(page, 'replay, last step');
    });

    test('a failed sign-in is explained next to the form, on screen, with focus', async ({ page }) => {
      await gotoReady(page, '/playground');
      const form = page.getByTestId('sign-in-form');
      // Scrolled as a user is when they reach the form: the button at the bottom of the window.
      await form.getByRole('button', { name: 'Sign in' }).scrollIntoViewIfNeeded();
      await signIn(page, 'alice', 'not-her-password');
      await expect(page.getByTestId('error')).toContainText('Wrong username or password');
      await expectInViewAndFocused(page, 'error');
      await expectSound(page, 'sign-in error');
    });
  });
}
