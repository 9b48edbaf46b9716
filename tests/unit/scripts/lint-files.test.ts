import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintedFiles } from '../../../scripts/lint.js';

// Issue 11: `npm run lint` does not fail because of untracked scratch files. scripts/lint.js hands Prettier and
// ESLint what `lintedFiles` selects; here it selects in a throwaway git checkout with a badly formatted scratch file.
const TIDY = 'export const answer = 42;\n';
const SCRATCH = 'export   const   x={a:1,\nb :2}\n';

describe('npm run lint selects what git tracks', () => {
  let repo: string;
  let outside: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: repo,
      stdio: 'ignore'
    });

  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'lint-files-'));
    outside = mkdtempSync(path.join(tmpdir(), 'lint-files-outside-'));
    git('init', '-q');
    writeFileSync(path.join(repo, 'tracked.ts'), TIDY);
    writeFileSync(path.join(repo, 'README.md'), '# Notes\n');
    writeFileSync(path.join(repo, 'gone.ts'), TIDY);
    git('add', 'tracked.ts', 'README.md', 'gone.ts');
    git('commit', '-q', '-m', 'first');
    unlinkSync(path.join(repo, 'gone.ts')); // deleted but not yet committed: nothing to lint
    writeFileSync(path.join(repo, 'staged.ts'), TIDY);
    git('add', 'staged.ts');
    writeFileSync(path.join(repo, 'scratch.ts'), SCRATCH); // never added
  });
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('leaves out the untracked scratch file and keeps committed and staged files', () => {
    expect(lintedFiles(repo)).toEqual({
      all: ['README.md', 'staged.ts', 'tracked.ts'],
      code: ['staged.ts', 'tracked.ts']
    });
  });

  it('the scratch file left out is one Prettier would fail; every selected file passes', async () => {
    const check = (file: string) =>
      prettier.check(readFileSync(path.join(repo, file), 'utf8'), { filepath: path.join(repo, file) });
    expect(await check('scratch.ts')).toBe(false);
    for (const file of lintedFiles(repo)!.all) expect(await check(file), file).toBe(true);
  });

  it('outside a git checkout it selects nothing, and the lint falls back to the whole folder', () => {
    expect(lintedFiles(outside)).toBeUndefined();
  });
});
