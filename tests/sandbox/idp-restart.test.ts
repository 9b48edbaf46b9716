// LensIdP's state across restarts of the sandbox (in process, as the recording script runs it): its sessions and
// refresh tokens persist in the data folder; the user pool's LensIdP registration follows LensIdP to a new port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeIdentityProviderCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as oidc from 'openid-client';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/lib/server.js';
import { Browser, idp, idpUser, playgroundRedirect } from './federation-support';
import { freePort } from './sandbox-process';
import { preset, userPoolClient } from './support';

const dataDir = mkdtempSync(path.join(tmpdir(), 'cognito-sandbox-idp-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(port: number, idpPort: number, reset: boolean) {
  return startSandbox({
    port,
    idpPort,
    dataDir,
    reset,
    onCodeSent: () => {},
    onError: (error) => console.error(error)
  });
}

describe('LensIdP across restarts', () => {
  it('keeps its refresh tokens, and the pool follows it to a new port', async () => {
    const port = await freePort();
    let sandbox = await start(port, await freePort(), true);
    const config = await oidc.discovery(new URL(sandbox.idpUrl), idp.publicClientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests]
    });
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: playgroundRedirect,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256'
    });
    const callback = await new Browser().signInAtIdp(
      url.toString(),
      playgroundRedirect,
      'sam',
      idpUser('sam').password
    );
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: verifier
    });
    const idpPort = sandbox.idpPort;
    await sandbox.close();

    sandbox = await start(port, idpPort, false);
    try {
      const refreshed = await oidc.refreshTokenGrant(config, String(tokens.refresh_token));
      expect(refreshed.claims()?.sub).toBe(idpUser('sam').sub);
    } finally {
      await sandbox.close();
    }

    const elsewhere = await freePort();
    sandbox = await start(port, elsewhere, false);
    try {
      const { IdentityProvider } = await userPoolClient(sandbox.url).send(
        new DescribeIdentityProviderCommand({ UserPoolId: preset.userPoolId, ProviderName: 'LensIdP' })
      );
      expect(IdentityProvider?.ProviderDetails?.oidc_issuer).toBe(`http://127.0.0.1:${elsewhere}`);
      expect(sandbox.idpUrl).toBe(`http://127.0.0.1:${elsewhere}`);
    } finally {
      await sandbox.close();
    }
  });
});
