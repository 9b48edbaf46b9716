// @ts-check
// Benchmark for issue 3, behaviour 8: how long 50 concurrent complete flows take (USER_SRP_AUTH sign-in with
// amazon-cognito-identity-js, GetId, GetCredentialsForIdentity), against a sandbox started the way users start it.
//
//   node sandbox/bench/concurrent-flows.js [--flows 50] [--port 9341] [--pure-js-srp]
//
// By default the client's SRP arithmetic runs natively (see native-srp-math.js), so the figure is the sandbox's;
// --pure-js-srp keeps the library's own bignum, which is what a browser pays.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand
} from '@aws-sdk/client-cognito-identity';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  SignUpCommand
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { useNativeSrpMath } from './native-srp-math.js';

const preset = (await import('../seed/preset.json', { with: { type: 'json' } })).default;
const { values: options } = parseArgs({
  options: {
    flows: { type: 'string', default: '50' },
    port: { type: 'string', default: '9341' },
    'pure-js-srp': { type: 'boolean', default: false }
  }
});
const flows = Number(options.flows);
const url = `http://127.0.0.1:${options.port}`;
if (!options['pure-js-srp']) useNativeSrpMath();

const region = preset.region;
const loginKey = `cognito-idp.${region}.amazonaws.com/${preset.userPoolId}`;
const admin = new CognitoIdentityProviderClient({
  region,
  endpoint: url,
  // The sandbox's IAM credentials: admin operations must be SigV4-signed with them.
  credentials: preset.admin
});
const identity = new CognitoIdentityClient({ region, endpoint: url });
const pool = new CognitoUserPool({
  UserPoolId: preset.userPoolId,
  ClientId: preset.clients.web.id,
  endpoint: url
});

/** @param {string} username @param {string} password @returns {Promise<import('amazon-cognito-identity-js').CognitoUserSession>} */
const signIn = (username, password) =>
  new Promise((resolve, reject) =>
    new CognitoUser({ Username: username, Pool: pool }).authenticateUser(
      new AuthenticationDetails({ Username: username, Password: password }),
      { onSuccess: resolve, onFailure: reject }
    )
  );

/** @param {string} username @param {string} password */
async function flow(username, password) {
  const started = performance.now();
  const idToken = (await signIn(username, password)).getIdToken().getJwtToken();
  const Logins = { [loginKey]: idToken };
  const { IdentityId } = await identity.send(
    new GetIdCommand({ IdentityPoolId: preset.identityPools.guests.id, Logins })
  );
  const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  if (!Credentials?.AccessKeyId?.startsWith('ASIA')) throw new Error(`no credentials for ${username}`);
  return performance.now() - started;
}

/** @param {number[]} sorted @param {number} p */
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const dataRoot = mkdtempSync(path.join(tmpdir(), 'cognito-sandbox-bench-'));
const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
const startedAt = performance.now();
const child = spawn(process.execPath, [cli, '--reset', '--port', options.port, '--data', dataRoot], {
  stdio: ['ignore', 'ignore', 'inherit']
});
try {
  while (
    !(await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`sandbox exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const startup = performance.now() - startedAt;

  const users = await Promise.all(
    Array.from({ length: flows }, async (_, index) => {
      const username = `bench-${index}`;
      const password = 'Bench-Passw0rd!';
      await admin.send(
        new SignUpCommand({
          ClientId: preset.clients.web.id,
          Username: username,
          Password: password,
          UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }]
        })
      );
      await admin.send(new AdminConfirmSignUpCommand({ UserPoolId: preset.userPoolId, Username: username }));
      return { username, password };
    })
  );

  const wallStart = performance.now();
  const latencies = await Promise.all(users.map(({ username, password }) => flow(username, password)));
  const wall = performance.now() - wallStart;
  latencies.sort((a, b) => a - b);

  const ms = (/** @type {number} */ value) => `${Math.round(value)} ms`;
  console.log(`sandbox startup (spawn to /health): ${ms(startup)}`);
  console.log(
    `${flows} concurrent flows (SRP sign-in + GetId + GetCredentialsForIdentity), ` +
      `${options['pure-js-srp'] ? "library's pure-JS" : 'native'} client SRP math: ${ms(wall)} wall, ` +
      `${(flows / (wall / 1000)).toFixed(1)} flows/s`
  );
  console.log(
    `per flow: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(latencies.at(-1) ?? 0)}`
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataRoot, { recursive: true, force: true });
}
