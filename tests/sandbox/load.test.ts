// Issue 3, behaviour 8: 50 concurrent complete flows succeed and survive a restart; plus what the CLI promises
// about state: SIGTERM stops it cleanly, a restart keeps everything, --reset restores the seed.
// This file runs its own sandbox process so it can stop and restart it. The time is measured by
// sandbox/bench/concurrent-flows.js, not here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { AdminGetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNativeSrpMath } from '../../sandbox/bench/native-srp-math.js';
import { freePort, startSandboxProcess, type SandboxProcess } from './sandbox-process';
import {
  createConfirmedUser,
  expectAwsError,
  identityClient,
  loginKey,
  preset,
  seedUser,
  signInWithSrp,
  userPoolClient
} from './support';

const FLOWS = 50;
const dataRoot = mkdtempSync(path.join(tmpdir(), 'cognito-sandbox-load-'));
const dataDir = path.join(dataRoot, 'data');

// See native-srp-math.js: without it this file would time the library's pure-JS bignum, not the sandbox.
useNativeSrpMath();

interface FlowResult {
  username: string;
  refreshToken: string;
  idToken: string;
  identityId: string;
}

/** One complete flow: SRP sign-in, GetId, GetCredentialsForIdentity. */
async function flow(url: string, username: string, password: string): Promise<FlowResult> {
  const session = await signInWithSrp(username, password, { url });
  const idToken = session.getIdToken().getJwtToken();
  const identity = identityClient(url);
  const Logins = { [loginKey]: idToken };
  const { IdentityId = '' } = await identity.send(
    new GetIdCommand({ IdentityPoolId: preset.identityPools.guests.id, Logins })
  );
  const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  expect(Credentials?.AccessKeyId).toMatch(/^ASIA/);
  return { username, refreshToken: session.getRefreshToken().getToken(), idToken, identityId: IdentityId };
}

const refresh = (url: string, refreshToken: string) =>
  userPoolClient(url).send(
    new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: preset.clients.web.id,
      AuthParameters: { REFRESH_TOKEN: refreshToken }
    })
  );

describe(`${FLOWS} concurrent flows`, () => {
  let sandbox: SandboxProcess;
  let port: number;
  let users: { username: string; password: string }[];
  let results: FlowResult[];

  beforeAll(async () => {
    port = Number(process.env.SANDBOX_LOAD_TEST_PORT ?? (await freePort()));
    sandbox = await startSandboxProcess({ port, dataDir, reset: true });
    users = await Promise.all(
      Array.from({ length: FLOWS - 10 }, () => createConfirmedUser('load', sandbox.url))
    );
  });

  afterAll(async () => {
    await sandbox?.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('all succeed: 40 different users and 10 sign-ins of the same user at once', async () => {
    const alice = seedUser('alice');
    results = await Promise.all([
      ...users.map(({ username, password }) => flow(sandbox.url, username, password)),
      ...Array.from({ length: 10 }, () => flow(sandbox.url, 'alice', alice.password))
    ]);
    expect(results).toHaveLength(FLOWS);
    expect(new Set(results.map((result) => result.identityId)).size).toBe(FLOWS - 10 + 1);
  });

  it('stops on SIGTERM and, restarted, has lost nothing', async () => {
    expect(await sandbox.stop()).toBe(0);
    sandbox = await startSandboxProcess({ port, dataDir, reset: false });
    const identity = identityClient(sandbox.url);
    await Promise.all(
      results.map(async (result) => {
        // Every refresh token is still on record, so every session still refreshes.
        const { AuthenticationResult } = await refresh(sandbox.url, result.refreshToken);
        expect(AuthenticationResult?.IdToken).toBeTruthy();
        // Every identity is still mapped to its user.
        const { IdentityId } = await identity.send(
          new GetIdCommand({
            IdentityPoolId: preset.identityPools.guests.id,
            Logins: { [loginKey]: result.idToken }
          })
        );
        expect(IdentityId).toBe(result.identityId);
      })
    );
  });

  it('--reset restores the seed', async () => {
    expect(await sandbox.stop()).toBe(0);
    sandbox = await startSandboxProcess({ port, dataDir, reset: true });
    const [first] = results;
    await expectAwsError(
      userPoolClient(sandbox.url).send(
        new AdminGetUserCommand({ UserPoolId: preset.userPoolId, Username: first?.username })
      ),
      'UserNotFoundException'
    );
    await expectAwsError(
      identityClient(sandbox.url).send(
        new GetCredentialsForIdentityCommand({ IdentityId: first?.identityId })
      ),
      'ResourceNotFoundException'
    );
    await expectAwsError(refresh(sandbox.url, results.at(-1)?.refreshToken ?? ''), 'NotAuthorizedException');
    await expect(
      signInWithSrp('alice', seedUser('alice').password, { url: sandbox.url })
    ).resolves.toBeTruthy();
  });
});
