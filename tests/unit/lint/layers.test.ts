import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The project's own ESLint configuration, on code that breaks a layer: each must be an error.
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports' && message.severity === 2)
    .map((message) => message.message);
}

describe('the layers are enforced by lint', { timeout: 30_000 }, () => {
  // Loading the configuration (and its plugins) takes a few seconds once.
  beforeAll(() => eslint.calculateConfigForFile('src/lib/playground/operations.ts'), 30_000);

  it.each([
    ["import { onMount } from 'svelte';", 'src/lib/playground/bad.ts'],
    ["import { page } from '$app/state';", 'src/lib/tokens/bad.ts'],
    ["import Panel from '$lib/components/token/TokenView.svelte';", 'src/lib/cognito/bad.ts'],
    ["import { PlaygroundState } from '$lib/state/playground.svelte';", 'src/lib/errors/bad.ts']
  ])('a pure module may not: %s', async (code, file) => {
    expect(await restricted(`${code}\nexport {};\n`, file)).toEqual([
      expect.stringContaining('Pure modules')
    ]);
  });

  it('the sandbox imports nothing from src/', async () => {
    expect(
      await restricted("import { x } from '../src/lib/csp.js';\nexport { x };\n", 'sandbox/lib/bad.js')
    ).toEqual([expect.stringContaining('sandbox stands alone')]);
  });

  it('routes do not import the sandbox', async () => {
    expect(
      await restricted(
        "import { x } from '../../../sandbox/lib/server.js';\nexport { x };\n",
        'src/routes/bad.ts'
      )
    ).toEqual([expect.stringContaining('Routes do not import the sandbox')]);
  });

  it.each([
    ["import { page } from '$app/state';", 'src/lib/components/diagram/bad.ts'],
    ["import { replaceParams } from './replace-url';", 'src/lib/state/url-step.svelte.ts'],
    ["import { goto } from '$app/navigation';", 'src/lib/islands/bad.ts']
  ])('an island may not: %s', async (code, file) => {
    expect(await restricted(`${code}\nexport {};\n`, file)).toEqual([
      expect.stringContaining('Islands import no $app')
    ]);
  });

  it('allowed imports stay allowed', async () => {
    expect(
      await restricted(
        "import { classifyHost } from '../cognito';\nexport { classifyHost };\n",
        'src/lib/playground/ok.ts'
      )
    ).toEqual([]);
    expect(
      await restricted("import { onMount } from 'svelte';\nexport { onMount };\n", 'src/lib/state/ok.ts')
    ).toEqual([]);
  });
});
