#!/usr/bin/env node
// `npm run lint`: Prettier and ESLint over the files git tracks (committed or staged), so a scratch file you have
// not added yet cannot fail the lint. Outside a git checkout (an unpacked archive) it lints the whole folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const LINTED = /\.(js|cjs|mjs|ts|svelte)$/;

/** @returns {string[] | undefined} the tracked files that exist, or undefined outside a git checkout */
function trackedFiles() {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    });
    return out.split('\0').filter((file) => file && existsSync(file));
  } catch {
    return undefined;
  }
}

/** @param {string} script @param {string[]} args @returns {number} */
function node(script, args) {
  return spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' }).status ?? 1;
}

const files = trackedFiles();
// Both tools still honour their ignore lists (.prettierignore, eslint.config.js) for files named explicitly.
const prettier = node('node_modules/prettier/bin/prettier.cjs', [
  '--check',
  '--ignore-unknown',
  ...(files ?? ['.'])
]);
const eslint = node('node_modules/eslint/bin/eslint.js', [
  '--no-warn-ignored',
  ...(files ? files.filter((file) => LINTED.test(file)) : ['.'])
]);
process.exitCode = prettier || eslint;
