import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gotoReady } from './ready';

const recording = JSON.parse(readFileSync('content/recordings/sample-run.json', 'utf8'));
// Where the identity-pool diagram stands after each step, by step id (content/diagrams/cip-federation.json).
const CIP_AFTER: Record<string, string> = {
  'sign-in': 'idp-token',
  'verify-tokens': 'idp-token',
  'get-id': 'get-id',
  'get-credentials': 'sts-credentials',
  'prove-credentials': 'call-aws',
  // The API call and S3 scenes are drawn on their own diagrams; this one stays where the credentials were used.
  'call-api': 'call-aws',
  'api-refused': 'call-aws',
  upload: 'call-aws',
  's3-refused': 'call-aws'
};
// Where the architecture diagrams stand after the steps that reach them.
const ARCHITECTURE_AFTER: Record<string, [string, string]> = {
  'call-api': ['api-gateway', 'backend-answers'],
  'api-refused': ['api-gateway', 'rejected'],
  upload: ['common-stack', 'upload'],
  's3-refused': ['common-stack', 'upload']
};

test('the recorded run replays step by step with the network off, clearly labelled', async ({
  page,
  context
}) => {
  await gotoReady(page, '/playground');
  await context.setOffline(true);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));

  await page.getByRole('button', { name: 'Replay a recorded sample run' }).click();
  const replay = page.getByTestId('replay');
  await expect(replay.getByRole('note')).toContainText('Recording, not a live run');

  for (const [i, step] of recording.steps.entries()) {
    await replay.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByTestId('replay-caption')).toContainText(
      `Step ${i + 1} of ${recording.steps.length}`
    );
    await expect(page.getByTestId('replay-caption')).toContainText(step.title);
    await expect(page).toHaveURL(new RegExp(`replay=${i + 1}`));
    await expect(page.locator('.flow [data-diagram="cip-federation"]')).toHaveAttribute(
      'data-step-id',
      CIP_AFTER[step.id] ?? 'missing'
    );
    const architecture = ARCHITECTURE_AFTER[step.id];
    if (architecture) {
      await expect(page.locator(`.flow [data-diagram="${architecture[0]}"]`)).toHaveAttribute(
        'data-step-id',
        architecture[1]
      );
    }
    // A password (SRP) sign-in is not a Google federation: that diagram stays at its overview.
    await expect(page.locator('.flow [data-diagram="cup-federation"]')).toHaveAttribute('data-step', '0');
  }
  await expect(page.getByTestId('trace').locator('li')).toHaveCount(recording.entries.length);
  await expect(page.locator('[data-token="id"] [data-testid="checklist"]')).toHaveAttribute(
    'data-valid',
    'true'
  );
  await expect(page.getByTestId('replay-caller')).toContainText(recording.callerIdentity.Arn);
  await expect(page.getByTestId('replay-secret-key')).toContainText('hidden');
  expect(await page.locator('body').innerText()).not.toContain(recording.credentials.secretAccessKey);
  // Only the browser's own favicon re-check (same origin, failing offline) may appear: nothing to a pool or AWS.
  expect(requests.filter((url) => new URL(url).pathname !== '/favicon.svg')).toEqual([]);
});

test('a replay step can be linked to', async ({ page }) => {
  await gotoReady(page, '/playground?replay=3');
  await expect(page.getByTestId('replay-caption')).toContainText(`Step 3 of ${recording.steps.length}`);
  await expect(page.getByTestId('trace').locator('li')).toHaveCount(
    recording.steps.slice(0, 3).reduce((n: number, s: { entries: number[] }) => n + s.entries.length, 0)
  );
});
