#!/usr/bin/env node
// Sums the test runners' JSON reports into the one line CI reads: "N passed, N failed".
// Usage: node scripts/summarize-tests.js <exit status of `npm test`>
import { existsSync, readFileSync } from 'node:fs';

const status = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;
const lines = [];

for (const name of ['unit', 'sandbox', 'peers']) {
  const file = `test-results/${name}.json`;
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  lines.push(`vitest ${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}

const e2e = 'test-results/e2e.json';
if (existsSync(e2e)) {
  const { stats } = JSON.parse(readFileSync(e2e, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  lines.push(
    `playwright: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed, ${stats.skipped} skipped`
  );
}

// check, lint or the build failing stops `npm test` before (or without) a failing test: count it.
if (status !== 0 && failed === 0) {
  failed = 1;
  lines.push('a step without its own report (check, lint or build) failed: see the output above');
}

for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
