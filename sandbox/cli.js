#!/usr/bin/env node
// @ts-check
// node sandbox/cli.js [--reset] [--port N] [--idp-port N] [--data DIR]
// Starts the local Cognito sandbox (user pool, identity pools, STS) on 127.0.0.1 and prints what it serves.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeSandbox } from './lib/banner.js';
import { startSandbox } from './lib/server.js';

const USAGE = `Usage: node sandbox/cli.js [--reset] [--port N] [--idp-port N] [--data DIR]
  --reset       restore the seed (users, clients, identities) before starting
  --port N      port on 127.0.0.1 (default 9229, or SANDBOX_PORT)
  --idp-port N  port of LensIdP, the local OpenID Connect provider (default: the port + 1, or SANDBOX_IDP_PORT)
  --data DIR  state folder (default sandbox/.data, or SANDBOX_DATA)`;

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`sandbox: ${message}`);
  process.exit(1);
}

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      reset: { type: 'boolean', default: false },
      port: { type: 'string' },
      'idp-port': { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', default: false }
    }
  }));
} catch (error) {
  fail(`${/** @type {Error} */ (error).message}\n${USAGE}`);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(options.port ?? process.env.SANDBOX_PORT ?? 9229);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  fail(`invalid port ${options.port ?? process.env.SANDBOX_PORT}`);
}
const idpPort = Number(options['idp-port'] ?? process.env.SANDBOX_IDP_PORT ?? port + 1);
if (!Number.isInteger(idpPort) || idpPort < 1 || idpPort > 65535 || idpPort === port) {
  fail(`invalid IdP port ${options['idp-port'] ?? process.env.SANDBOX_IDP_PORT ?? idpPort}`);
}
const dataDir = path.resolve(
  options.data ?? process.env.SANDBOX_DATA ?? fileURLToPath(new URL('./.data/', import.meta.url))
);

/** @type {Awaited<ReturnType<typeof startSandbox>>} */
let sandbox;
try {
  sandbox = await startSandbox({
    port,
    idpPort,
    dataDir,
    reset: options.reset,
    onCodeSent: ({ username, destination, code, purpose = 'confirmation code' }) =>
      console.log(`sandbox: ${purpose} for ${username} (sent to ${destination}): ${code}`),
    onError: (error) => console.error('sandbox: unexpected error', error)
  });
} catch (error) {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  fail(
    code === 'EADDRINUSE'
      ? `port ${port} or ${idpPort} is in use; pass --port N / --idp-port N or set SANDBOX_PORT / SANDBOX_IDP_PORT`
      : String(error)
  );
}

console.log(
  describeSandbox({
    url: sandbox.url,
    idpUrl: sandbox.idpUrl,
    preset: sandbox.preset,
    dataDir,
    reset: options.reset
  })
);

let stopping = false;
/** @param {NodeJS.Signals} signal */
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`sandbox: ${signal}, stopping`);
  await sandbox.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
