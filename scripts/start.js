#!/usr/bin/env node
// `npm start`: the whole thing for a newcomer. Starts the local Cognito sandbox, builds the site with the
// playground preset pointing at it, serves the build, and prints where to go. One Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startSettings } from './start-settings.js';

const settings = startSettings();
const SITE_PORT = settings.sitePort;
const SANDBOX_PORT = settings.sandboxPort;
const children = new Set();

// The AWS SDK warns on Node 20 that SDK versions published after January 2027 will need Node 22: true, but
// nothing to act on for the pinned versions this project uses (package.json engines says which Node works).
const QUIET_ENV = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

/**
 * Runs a node script. Its output is shown line by line with a `[label]` prefix, or, with `quiet`, kept and
 * shown only if it fails (the build's progress lines and hints are not for someone who just wants the site).
 */
function run(label, args, { env = {}, quiet = false } = {}) {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...QUIET_ENV, ...env }
  });
  children.add(child);
  const kept = [];
  const prefix = (stream, out) =>
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        if (quiet) kept.push(line);
        else out.write(`[${label}] ${line}\n`);
      }
    });
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code) => {
    children.delete(child);
    if (quiet && code !== 0) for (const line of kept) process.stderr.write(`[${label}] ${line}\n`);
  });
  return child;
}

function stopAll(code = 0) {
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 300).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

const sandboxEndpoint = `http://127.0.0.1:${SANDBOX_PORT}`;
if (existsSync('sandbox/cli.js')) {
  run('sandbox', [
    'sandbox/cli.js',
    ...['--port', String(SANDBOX_PORT), '--idp-port', String(settings.idpPort), '--data', settings.dataDir]
  ]);
}

console.log('Building the site...');
const build = run('build', ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
  env: { VITE_SANDBOX_ENDPOINT: sandboxEndpoint, BUILD_DIR: settings.buildDir },
  quiet: true
});
build.on('exit', async (code) => {
  if (code !== 0) {
    console.error('The build failed; see above.');
    stopAll(1);
    return;
  }
  const site = run('site', ['scripts/serve.js', settings.buildDir, '--port', String(SITE_PORT), '--quiet']);
  site.on('exit', (siteCode) => {
    if (siteCode) stopAll(1);
  });
  try {
    await waitFor(`http://127.0.0.1:${SITE_PORT}/`, 20_000);
    if (existsSync('sandbox/cli.js')) await waitFor(`${sandboxEndpoint}/health`, 20_000);
    console.log(`\n  Cognito Lens is running:   http://127.0.0.1:${SITE_PORT}/`);
    if (existsSync('sandbox/cli.js')) console.log(`  Local Cognito sandbox:     ${sandboxEndpoint}`);
    console.log('  Press Ctrl-C to stop.\n');
  } catch (error) {
    console.error(String(error));
    stopAll(1);
  }
});
