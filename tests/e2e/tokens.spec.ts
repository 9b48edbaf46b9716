// The token inspector at /tokens, in a real browser against the production build and the local sandbox.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test, type Page, type Request } from '@playwright/test';
import { explainError, TOKEN_ERROR_CODES, TokenError } from '../../src/lib/errors';
import type { TokenErrorCode } from '../../src/lib/errors';
import { SANDBOX_PORT } from '../../playwright.config';
import { gotoReady } from './ready';

const preset = JSON.parse(readFileSync('sandbox/seed/preset.json', 'utf8')) as {
  region: string;
  userPoolId: string;
  clients: { web: { id: string } };
};
const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
const SANDBOX_JWKS = `${SANDBOX}/${preset.userPoolId}/.well-known/jwks.json`;
const COGNITO_REFRESH_HEADER = { cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' };

const b64url = (value: string | Uint8Array): string => Buffer.from(value).toString('base64url');
const compact = (header: object, payload: object, signature = b64url('not a real signature')): string =>
  `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${signature}`;
const fiveParts = (): string =>
  [
    b64url(JSON.stringify(COGNITO_REFRESH_HEADER)),
    b64url(randomBytes(256)),
    b64url(randomBytes(12)),
    b64url(randomBytes(700)),
    b64url(randomBytes(16))
  ].join('.');

const tokenField = (page: Page) => page.getByLabel('Token', { exact: true });
const verdict = (page: Page) => page.getByTestId('verdict');
const check = (page: Page, id: string) => page.locator(`[data-check="${id}"]`);
const titleOf = (code: TokenErrorCode): string => explainError(new TokenError(code, 'for the test')).title;

/** Every request the page makes to another origin than the site's. */
function recordForeignRequests(page: Page, siteOrigin: string): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== siteOrigin) requests.push(request);
  });
  return requests;
}

/** A real id token from the sandbox: alice signs in with USER_PASSWORD_AUTH through the web app client. */
async function sandboxIdToken(): Promise<string> {
  const client = new CognitoIdentityProviderClient({
    region: preset.region,
    endpoint: SANDBOX,
    credentials: { accessKeyId: 'AKIASANDBOXEXAMPLE00', secretAccessKey: 'sandbox' }
  });
  const response = await client.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: preset.clients.web.id,
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!' }
    })
  );
  const token = response.AuthenticationResult?.IdToken;
  if (!token) throw new Error('the sandbox returned no id token');
  return token;
}

/** Change one character in the middle of a part (0 header, 1 payload, 2 signature) without breaking base64url. */
function flipCharacter(token: string, part: number): string {
  const parts = token.split('.');
  const text = parts[part] ?? '';
  const middle = Math.floor(text.length / 2);
  const flipped = text[middle] === 'A' ? 'B' : 'A';
  parts[part] = `${text.slice(0, middle)}${flipped}${text.slice(middle + 1)}`;
  return parts.join('.');
}

/** Re-encode the payload with one claim changed, keeping the original header and signature. */
function editPayload(token: string, changes: Record<string, unknown>): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `${header}.${b64url(JSON.stringify({ ...claims, ...changes }))}.${signature}`;
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the prerendered page says what the inspector does, and its field waits for the script', async ({
    page
  }) => {
    await page.goto('/tokens');
    await expect(page.getByRole('heading', { level: 1, name: 'Token inspector' })).toBeVisible();
    await expect(page.getByText('Your token stays in this tab.')).toBeVisible();
    await expect(tokenField(page)).toBeDisabled();
  });
});

test.describe('token inspector', () => {
  test('claims holding HTML and script are shown as text, and nothing runs', async ({ page, baseURL }) => {
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const foreign = recordForeignRequests(page, baseURL ?? '');

    const img = '<img src=x onerror="window.__pwned = 1; alert(1)">';
    const script = '<script>window.__pwned = 2; alert(2)</script>';
    const token = compact(
      { alg: 'RS256', kid: '<svg onload=alert(3)>' },
      {
        iss: 'https://attacker.example/<b>pool</b>',
        sub: img,
        'cognito:username': script,
        [script]: 'a claim whose name is a script',
        'custom:bio': '<a href="javascript:alert(4)">click</a>',
        token_use: 'id',
        exp: Math.floor(Date.now() / 1000) + 3600
      }
    );

    await gotoReady(page, '/tokens');
    await tokenField(page).fill(token);

    const payload = page.locator('table[data-location="payload"]');
    await expect(payload.locator('tr[data-claim="sub"] td.value code')).toHaveText(img);
    await expect(payload.locator('tr[data-claim="cognito:username"] td.value code')).toHaveText(script);
    await expect(payload.locator(`tr[data-claim="${script}"] th code`)).toHaveText(script);
    await expect(payload.locator('tr[data-claim="custom:bio"] td.value code')).toHaveText(
      '<a href="javascript:alert(4)">click</a>'
    );
    await expect(page.locator('table[data-location="header"] tr[data-claim="kid"] td.value code')).toHaveText(
      '<svg onload=alert(3)>'
    );
    // Not an issuer the site may fetch from: it asks, and nothing is requested.
    await expect(page.getByTestId('consent')).toBeVisible();

    await page.waitForTimeout(300);
    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      images: document.querySelectorAll('main img').length,
      svgWithOnload: document.querySelectorAll('main svg[onload]').length,
      scriptsInMain: document.querySelectorAll('main script').length,
      javascriptLinks: document.querySelectorAll('main a[href^="javascript:"]').length,
      bold: document.querySelectorAll('main td b').length
    }));
    expect(injected).toEqual({
      pwned: null,
      images: 0,
      svgWithOnload: 0,
      scriptsInMain: 0,
      javascriptLinks: 0,
      bold: 0
    });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreign.map((request) => request.url())).toEqual([]);
  });

  test('a five-part JWE shows its protected header and why it cannot be read', async ({ page, baseURL }) => {
    const foreign = recordForeignRequests(page, baseURL ?? '');
    await gotoReady(page, '/tokens');
    await tokenField(page).fill(fiveParts());

    const jwe = page.getByTestId('token-jwe');
    await expect(jwe).toBeVisible();
    const explanation = page.getByTestId('jwe-explanation');
    await expect(explanation).toContainText(titleOf('ERR_TOKEN_ENCRYPTED'));
    await expect(explanation).toContainText('only the user pool can read it');
    await expect(explanation).toContainText('refresh token');
    const header = jwe.locator('table[data-location="header"]');
    await expect(header.locator('tr[data-claim="alg"] td.value code')).toHaveText('RSA-OAEP');
    await expect(header.locator('tr[data-claim="enc"] td.value code')).toHaveText('A256GCM');
    await expect(header.locator('tr[data-claim="cty"] td.value code')).toHaveText('JWT');
    await expect(jwe.getByTestId('token-segments').locator('li')).toHaveCount(5);
    await expect(page.getByRole('heading', { name: 'Verification' })).toBeVisible();
    await expect(page.getByText('An encrypted token cannot be verified here')).toBeVisible();
    expect(foreign).toEqual([]);
  });

  test('a real sandbox id token passes every check; tampered, it fails at the signature', async ({
    page
  }) => {
    const idToken = await sandboxIdToken();
    const jwksRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/.well-known/jwks.json')) jwksRequests.push(request.url());
    });
    await gotoReady(page, '/tokens');

    await tokenField(page).fill(idToken);
    // A loopback issuer is not Cognito's own host: nothing is fetched until the user agrees.
    await expect(page.getByTestId('consent')).toBeVisible();
    expect(jwksRequests).toEqual([]);
    await page.getByRole('button', { name: /^Fetch keys from 127\.0\.0\.1:/ }).click();
    await expect(verdict(page)).toContainText('Valid.', { timeout: 10_000 });
    expect(jwksRequests).toEqual([SANDBOX_JWKS]);
    // Pre-filled from the token.
    await expect(page.getByLabel('Expected client id')).toHaveValue(preset.clients.web.id);
    await expect(page.getByLabel('Expected token use')).toHaveValue('id');
    await expect(page.getByLabel('Expected issuer (user pool)')).toHaveValue(
      `${SANDBOX}/${preset.userPoolId}`
    );
    const items = page.locator('[data-check]');
    await expect(items).toHaveCount(13);
    for (const item of await items.all()) {
      const status = await item.getAttribute('data-status');
      expect(['pass', 'skipped'], `${await item.getAttribute('data-check')}`).toContain(status);
      if (status === 'skipped') await expect(item.locator('.reason')).not.toBeEmpty();
    }
    for (const id of ['structure', 'kid', 'key', 'key-type', 'algorithm', 'signature', 'exp', 'issuer']) {
      await expect(check(page, id)).toHaveAttribute('data-status', 'pass');
    }
    await expect(check(page, 'token-use')).toHaveAttribute('data-status', 'pass');
    await expect(check(page, 'client-id')).toHaveAttribute('data-status', 'pass');
    await expect(page.getByTestId('checklist')).toContainText('Clock tolerance: 0 s');

    const signatureFailure = async (tampered: string): Promise<void> => {
      await tokenField(page).fill(tampered);
      await expect(verdict(page)).toContainText('fails at “Signature”');
      await expect(check(page, 'signature')).toHaveAttribute('data-status', 'fail');
      await expect(page.getByTestId('checklist').getByTestId('explanation')).toContainText(
        'Signature does not match'
      );
    };
    await signatureFailure(flipCharacter(idToken, 2));
    await signatureFailure(editPayload(idToken, { 'cognito:groups': ['admins'] }));
    // The key set was cached: one request for the whole test.
    expect(jwksRequests).toEqual([SANDBOX_JWKS]);

    // Changing an expectation re-runs the checklist.
    await tokenField(page).fill(idToken);
    await expect(verdict(page)).toContainText('Valid.');
    await page.getByLabel('Expected client id').fill('someotherclientid000000000');
    await expect(verdict(page)).toContainText('fails at “App client');
    await page.getByLabel('Expected token use').selectOption('access');
    await expect(verdict(page)).toContainText('fails at “Token use');
  });

  test('garbage shows the friendly explanation and keeps what was typed', async ({ page }) => {
    await gotoReady(page, '/tokens');
    const garbage = 'this is not a token, just words';
    await tokenField(page).fill(garbage);
    const explanation = page.getByTestId('token-invalid').getByTestId('explanation');
    await expect(explanation).toHaveAttribute('data-code', 'ERR_TOKEN_PARTS');
    await expect(explanation).toContainText(titleOf('ERR_TOKEN_PARTS'));
    await expect(explanation).toContainText('What to do:');
    await expect(tokenField(page)).toHaveValue(garbage);
    await expect(tokenField(page)).toHaveAttribute('aria-invalid', 'true');
  });

  test('the page explains every token error code in words', async ({ page }) => {
    const header = b64url(JSON.stringify({ alg: 'RS256' }));
    const payload = b64url(JSON.stringify({ sub: 'x' }));
    // One input per code a text field can produce. ERR_TOKEN_NOT_STRING cannot: a text field always holds text.
    const inputs: Partial<Record<TokenErrorCode, string>> = {
      ERR_TOKEN_EMPTY: '   ',
      ERR_TOKEN_TOO_LARGE: 'x'.repeat(16 * 1024 + 1),
      ERR_TOKEN_PARTS: 'abc.def',
      ERR_TOKEN_PART_EMPTY: `.${payload}.c2ln`,
      ERR_TOKEN_BASE64URL: `${header}.pay*load.c2ln`,
      ERR_TOKEN_UTF8: `${b64url(Uint8Array.from([0xff, 0xfe, 0xfd]))}.${payload}.c2ln`,
      ERR_TOKEN_JSON: `${b64url('{"alg": RS256')}.${payload}.c2ln`,
      ERR_TOKEN_NOT_OBJECT: `${header}.${b64url('[1, 2, 3]')}.c2ln`,
      ERR_TOKEN_ENCRYPTED: fiveParts(),
      ERR_TOKEN_UNSECURED: `${b64url(JSON.stringify({ alg: 'none' }))}.${payload}.`,
      ERR_TOKEN_CLAIM_TYPE: compact({ alg: 'RS256' }, { sub: 'x', exp: 'tomorrow' })
    };
    const untestable: TokenErrorCode[] = ['ERR_TOKEN_NOT_STRING'];
    expect(Object.keys(inputs).sort()).toEqual(
      TOKEN_ERROR_CODES.filter((c) => !untestable.includes(c)).sort()
    );

    await gotoReady(page, '/tokens');
    for (const [code, input] of Object.entries(inputs) as [TokenErrorCode, string][]) {
      await tokenField(page).fill(input);
      const shown = page.locator(`[data-code="${code}"]`);
      await expect(shown, code).toBeVisible();
      await expect(shown, code).toContainText(titleOf(code));
      await expect(tokenField(page)).toHaveValue(input);
    }
  });

  test('an issuer that is not a Cognito pool is asked about before anything is fetched', async ({
    page,
    baseURL
  }) => {
    const foreign = recordForeignRequests(page, baseURL ?? '');
    const issuer = `${SANDBOX}/not-a-user-pool`;
    const token = compact(
      { alg: 'RS256', kid: 'some-key' },
      { iss: issuer, sub: 'x', token_use: 'id', aud: 'client', exp: Math.floor(Date.now() / 1000) + 600 }
    );
    await gotoReady(page, '/tokens');
    await tokenField(page).fill(token);
    const consent = page.getByTestId('consent');
    await expect(consent).toContainText('not a Cognito user pool');
    await expect(consent).toContainText(`${issuer}/.well-known/jwks.json`);
    await expect(page.getByTestId('checklist')).toHaveCount(0);
    await page.waitForTimeout(500);
    expect(foreign.map((request) => request.url())).toEqual([]);

    await consent.getByRole('button', { name: 'Fetch keys from 127.0.0.1' }).click();
    await expect(verdict(page)).toContainText('fails at “Key found in the JWKS”');
    expect(foreign.map((request) => request.url())).toEqual([`${issuer}/.well-known/jwks.json`]);
    // The failure is explained, not just reported.
    await expect(page.getByTestId('checklist').getByTestId('explanation')).toBeVisible();
  });

  test('an issuer outside the site’s security policy is never requested', async ({ page, baseURL }) => {
    const foreign = recordForeignRequests(page, baseURL ?? '');
    const token = compact({ alg: 'RS256', kid: 'k' }, { iss: 'https://login.example.com', sub: 'x' });
    await gotoReady(page, '/tokens');
    await tokenField(page).fill(token);
    await expect(page.getByTestId('consent')).toContainText('would block a request to');
    await expect(page.getByTestId('consent').getByRole('button')).toHaveCount(0);
    expect(foreign).toEqual([]);
  });

  test('the sample verifies offline with its pasted key set', async ({ page, baseURL }) => {
    const foreign = recordForeignRequests(page, baseURL ?? '');
    await gotoReady(page, '/tokens');
    await page.getByRole('button', { name: 'Try a sample id token' }).click();
    await expect(page.getByTestId('sample-notice')).toBeVisible();
    await expect(verdict(page)).toContainText('Valid.');
    await expect(check(page, 'key')).toContainText('pasted JWKS');
    await expect(page.getByLabel(/Paste a JWKS instead/)).not.toHaveValue('');
    expect(foreign).toEqual([]);

    // The sample's key set is dropped for a token of another issuer, so it cannot get in the way.
    await tokenField(page).fill(compact({ alg: 'RS256', kid: 'k' }, { iss: 'https://login.example.com' }));
    await expect(page.getByLabel(/Paste a JWKS instead/)).toHaveValue('');
    await expect(page.getByTestId('consent')).toBeVisible();
  });

  test('the share link holds the token only after asking, and nothing is stored', async ({
    page,
    context
  }) => {
    await gotoReady(page, '/tokens');
    await page.getByRole('button', { name: 'Try a sample id token' }).click();
    await expect(verdict(page)).toContainText('Valid.');
    const token = await tokenField(page).inputValue();
    expect(new URL(page.url()).hash).toBe('');
    await expect(page.getByText('Anyone who gets the link can use the token until it expires')).toBeVisible();

    await page.getByRole('button', { name: /share link/ }).click();
    await expect(page.getByText('The address bar now holds this token.')).toBeVisible();
    expect(new URL(page.url()).hash).toBe(`#token=${token}`);

    const stored = await page.evaluate(async () => {
      const dump = (storage: Storage) =>
        Array.from({ length: storage.length }, (_, i) => {
          const key = storage.key(i) ?? '';
          return `${key}=${storage.getItem(key) ?? ''}`;
        });
      const databases = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
      return {
        local: dump(localStorage),
        session: dump(sessionStorage),
        cookie: document.cookie,
        databases: databases.map((db) => db.name)
      };
    });
    const [header = '', payload = '', signature = ''] = token.split('.');
    const everything = JSON.stringify(stored);
    for (const part of [header, payload, signature]) expect(everything).not.toContain(part.slice(0, 40));
    expect(stored.cookie).toBe('');
    expect(stored.databases).toEqual([]);
    expect((await context.cookies()).length).toBe(0);

    // Opening the link loads the token.
    const shareUrl = page.url();
    const other = await context.newPage();
    await gotoReady(other, shareUrl);
    await expect(tokenField(other)).toHaveValue(token);
    await expect(verdict(other)).toBeVisible();
    await expect(
      other.locator('table[data-location="payload"] tr[data-claim="cognito:username"]')
    ).toBeVisible();
    await other.close();

    // Editing the token takes it out of the address; so does the remove button.
    await page.getByRole('button', { name: 'Remove the token from the address' }).click();
    expect(new URL(page.url()).hash).toBe('');
    await page.getByRole('button', { name: /share link/ }).click();
    expect(new URL(page.url()).hash).toContain('#token=');
    await tokenField(page).fill(`${token}x`);
    await expect.poll(() => new URL(page.url()).hash).toBe('');
  });

  test('copy buttons copy each part and the JSON, and say so', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await gotoReady(page, '/tokens');
    await page.getByRole('button', { name: 'Try a sample id token' }).click();
    const token = await tokenField(page).inputValue();
    const [header = '', , signature = ''] = token.split('.');
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

    // The button's name follows its text: "Copy signature part", then "Copied signature part".
    const copySignature = page.getByRole('button', { name: /^Cop(y|ied) signature part$/ });
    await copySignature.click();
    await expect(copySignature).toContainText('Copied');
    expect(await clipboard()).toBe(signature);

    await page.getByRole('button', { name: 'Copy header part' }).click();
    expect(await clipboard()).toBe(header);

    const copyPayload = page.getByRole('button', { name: /^Cop(y|ied) payload JSON$/ });
    await copyPayload.click();
    await expect(copyPayload).toContainText('Copied');
    const json = JSON.parse(await clipboard()) as Record<string, unknown>;
    expect(json['cognito:username']).toBe('sample-user');

    await page.getByRole('button', { name: 'Copy whole token' }).click();
    expect(await clipboard()).toBe(token);
    // The feedback goes away again.
    await expect(copySignature).toContainText('Copy', { timeout: 5000 });
    await expect(copySignature).not.toContainText('Copied');
  });

  test('times read as dates and durations, and a millisecond timestamp is flagged', async ({ page }) => {
    const now = Math.floor(Date.now() / 1000);
    const token = compact(
      { alg: 'RS256', kid: 'k' },
      {
        iss: 'https://login.example.com',
        exp: now + 42 * 60 + 30,
        iat: now - 3 * 3600,
        auth_time: now * 1000
      }
    );
    await gotoReady(page, '/tokens');
    await tokenField(page).fill(token);
    const payload = page.locator('table[data-location="payload"]');
    await expect(payload.locator('tr[data-claim="exp"]')).toContainText('expires in 42 min');
    await expect(payload.locator('tr[data-claim="exp"] time')).toHaveAttribute(
      'datetime',
      new Date((now + 42 * 60 + 30) * 1000).toISOString()
    );
    await expect(payload.locator('tr[data-claim="iat"]')).toContainText('issued 3 h ago');
    await expect(payload.locator('tr[data-claim="auth_time"]')).toContainText('Milliseconds?');
    await expect(payload.locator('tr[data-claim="exp"]')).not.toContainText('Milliseconds?');
    // Each claim's meaning is in the table, next to it.
    await expect(payload.locator('tr[data-claim="exp"] td.meaning')).toContainText('Expiration time');
  });

  test('a dropped text file is read as the token', async ({ page }) => {
    await gotoReady(page, '/tokens');
    await page.getByRole('button', { name: 'Sample refresh token' }).click();
    const jwe = await tokenField(page).inputValue();
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(tokenField(page)).toHaveValue('');
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([`${text}\n`], 'refresh-token.txt', { type: 'text/plain' }));
      return transfer;
    }, jwe);
    await tokenField(page).dispatchEvent('drop', { dataTransfer });
    await expect(page.getByTestId('token-jwe')).toBeVisible();
    await expect(tokenField(page)).toHaveValue(`${jwe}\n`);
  });

  test('while the keys download there is progress; a network failure is explained', async ({ page }) => {
    // A sandbox-shaped issuer (fetched once the user agrees) on a port where nothing answers; held, then failed.
    const issuer = 'http://127.0.0.1:59999/us-east-1_NoSuchPool';
    await page.route(`${issuer}/.well-known/jwks.json`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.abort('connectionrefused');
    });
    const token = compact(
      { alg: 'RS256', kid: 'k' },
      { iss: issuer, token_use: 'id', aud: 'x', exp: Math.floor(Date.now() / 1000) + 600 }
    );
    await gotoReady(page, '/tokens');
    await tokenField(page).fill(token);
    await page.getByRole('button', { name: 'Fetch keys from 127.0.0.1:59999' }).click();
    await expect(page.getByTestId('progress')).toContainText(`Fetching the signing keys from ${issuer}`);
    await expect(verdict(page)).toContainText('fails at “Key found in the JWKS”');
    const explanation = page.getByTestId('checklist').getByTestId('explanation');
    await expect(explanation).toHaveAttribute('data-code', 'ERR_JWKS_FETCH');
    await expect(explanation).toContainText('Could not download the signing keys');
    await expect(explanation).toContainText('CORS');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`decoded, failing, invalid, encrypted and asking: no serious accessibility violation (${scheme})`, async ({
      page
    }) => {
      // Five axe scans of a long page: slow on a busy machine.
      test.setTimeout(90_000);
      const serious: string[] = [];
      const scan = async (state: string): Promise<void> => {
        const results = await new AxeBuilder({ page }).analyze();
        for (const v of results.violations) {
          if (v.impact !== 'serious' && v.impact !== 'critical') continue;
          serious.push(`${state}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
        }
      };
      await page.emulateMedia({ colorScheme: scheme });
      await gotoReady(page, '/tokens');
      await page.getByRole('button', { name: 'Try a sample id token' }).click();
      await expect(verdict(page)).toContainText('Valid.');
      await page.locator('details.json-details').first().locator('summary').click();
      await scan('sample');
      await tokenField(page).fill(flipCharacter(await tokenField(page).inputValue(), 2));
      await expect(verdict(page)).toContainText('fails at');
      await scan('failing');
      await tokenField(page).fill('abc.def');
      await expect(page.getByTestId('token-invalid')).toBeVisible();
      await scan('invalid');
      await page.getByRole('button', { name: 'Sample refresh token' }).click();
      await expect(page.getByTestId('token-jwe')).toBeVisible();
      await scan('encrypted');
      await tokenField(page).fill(compact({ alg: 'RS256', kid: 'k' }, { iss: 'https://login.example.com' }));
      await expect(page.getByTestId('consent')).toBeVisible();
      await scan('consent');
      expect(serious).toEqual([]);
    });
  }
});
