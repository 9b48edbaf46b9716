#!/usr/bin/env node
// `npm run lint`: Prettier and ESLint over the files git tracks (committed or staged), so a scratch file you have
// not added yet cannot fail the lint. Outside a git checkout (an unpacked archive) it lints the whole folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LINTED = /\.(js|cjs|mjs|ts|svelte)$/;

/**
 * What `npm run lint` hands to Prettier (`all`) and ESLint (`code`): the files git tracks in `cwd` (committed or
 * staged) that still exist, relative to `cwd`; undefined outside a git checkout.
 * @param {string} [cwd] @returns {{ all: string[], code: string[] } | undefined}
 */
export function lintedFiles(cwd = process.cwd()) {
  let out;
  try {
    out = execFileSync('git', ['ls-files', '-z', '--cached'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    });
  } catch {
    return undefined;
  }
  const all = out.split('\0').filter((file) => file && existsSync(path.join(cwd, file)));
  return { all, code: all.filter((file) => LINTED.test(file)) };
}

/** @param {string} script @param {string[]} args @returns {number} */
function node(script, args) {
  return spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' }).status ?? 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = lintedFiles();
  // Both tools still honour their ignore lists (.prettierignore, eslint.config.js) for files named explicitly.
  const prettier = node('node_modules/prettier/bin/prettier.cjs', [
    '--check',
    '--ignore-unknown',
    ...(files?.all ?? ['.'])
  ]);
  const eslint = node('node_modules/eslint/bin/eslint.js', ['--no-warn-ignored', ...(files?.code ?? ['.'])]);
  process.exitCode = prettier || eslint;
}
