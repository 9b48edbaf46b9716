// "Run both live" (src/lib/playground/run-both.ts) against the real sandbox and LensIdP, headless: the
// playground's runner and flows with Node's fetch, the headless agent signing sam in on LensIdP's own pages.
import * as oauth from 'oauth4webapi';
import * as identityJs from 'amazon-cognito-identity-js';
import * as identitySdk from '@aws-sdk/client-cognito-identity';
import * as stsSdk from '@aws-sdk/client-sts';
import { FetchHttpHandler } from '@smithy/fetch-http-handler';
import { describe, expect, it } from 'vitest';
import { runBoth, type RunEvent } from '../../src/lib/playground/run-both';
import { endpoint, idpUrl, preset } from './support';
import { idpUser, playgroundRedirect } from './federation-support';

const config = {
  region: preset.region,
  userPoolId: preset.userPoolId,
  clientId: preset.clients.web.id,
  domain: endpoint,
  identityPoolId: preset.identityPools.guests.id,
  endpoint,
  idpIssuer: idpUrl,
  idpClientId: preset.idp.publicClientId
};

describe('runBoth', () => {
  it('runs user pool federation and identity pool federation, each step with what moved', async () => {
    const events: RunEvent[] = [];
    const sam = idpUser('sam');
    const { userPool, identityPool } = await runBoth(
      { config, redirectUri: playgroundRedirect, identityProvider: preset.idp.providerName, user: sam },
      {
        fetch: globalThis.fetch.bind(globalThis),
        now: () => Date.now(),
        crypto: globalThis.crypto,
        loadOAuth: async () => oauth,
        loadCognito: async () => identityJs,
        loadIdentitySdk: async () => ({ identity: identitySdk, sts: stsSdk, http: { FetchHttpHandler } })
      },
      (event) => events.push(event)
    );

    // Left: the pool's own tokens, for the pool's own federated user, with identities.
    const claims = JSON.parse(
      Buffer.from(userPool.tokens.idToken.split('.')[1] ?? '', 'base64url').toString()
    );
    expect(claims.iss).toBe(`${endpoint}/${preset.userPoolId}`);
    expect(claims['cognito:username']).toBe(`${preset.idp.providerName}_${sam.sub}`);
    expect(claims.identities[0]).toMatchObject({ providerName: preset.idp.providerName, userId: sam.sub });
    expect(userPool.verification.id?.valid).toBe(true);
    const cupSteps = userPool.steps
      .filter((step) => step.diagram === 'cup-federation')
      .map((step) => step.step);
    // Every step of the user pool federation diagram, in the diagram's order.
    expect([...new Set(cupSteps)]).toEqual([
      'authorize',
      'idp-sign-in',
      'redeem-idp-code',
      'link-user',
      'token-exchange',
      'use-tokens'
    ]);
    expect(userPool.steps.some((step) => step.diagram === 'cip-federation')).toBe(false);
    const redeemed = userPool.steps.find((step) => step.step === 'redeem-idp-code');
    expect(redeemed?.outOfSight).toBe(true);
    const exchange = userPool.steps.find((step) => step.step === 'token-exchange');
    expect(exchange?.moved.token).toBe(userPool.tokens.idToken);
    // Nothing secret in what may be shown: the pool's client secret, LensIdP's password, raw tokens.
    const shown = JSON.stringify([userPool.entries, userPool.steps.map((step) => step.moved.shown)]);
    for (const secret of [
      preset.idp.poolClient.secret,
      sam.password,
      userPool.tokens.idToken,
      userPool.tokens.refreshToken
    ]) {
      expect(shown).not.toContain(secret);
    }

    // Right: LensIdP's own id token in Logins, credentials for the role the first rule chose.
    expect(identityPool.providerName).toBe(idpUrl.replace(/^http:\/\//, ''));
    expect(identityPool.verification?.valid).toBe(true);
    expect(identityPool.caller.Arn).toMatch(/:assumed-role\/LensEditors\//);
    const cipSteps = [
      ...new Set(identityPool.steps.filter((s) => s.diagram === 'cip-federation').map((s) => s.step))
    ];
    expect(cipSteps).toEqual(['idp-sign-in', 'idp-token', 'get-id', 'sts-credentials', 'call-aws']);
    expect(identityPool.steps.some((step) => step.diagram === 'cup-federation')).toBe(false);
    const idpToken = identityPool.steps.find((step) => step.step === 'idp-token' && step.moved.token);
    expect(idpToken?.moved.token).toBe(identityPool.idpTokens.idToken);
    const credentials = identityPool.steps.find((step) => step.step === 'sts-credentials');
    expect(JSON.stringify(credentials?.moved.shown)).not.toContain(identityPool.credentials.secretAccessKey);
    expect(JSON.stringify(identityPool.entries)).not.toContain(sam.password);

    // Live events for both sides, steps as they were reached.
    expect(events.some((event) => event.side === 'user-pool' && event.type === 'step')).toBe(true);
    expect(
      events
        .filter((event) => event.side === 'identity-pool' && event.type === 'step')
        .map((event) => (event.type === 'step' ? event.step.step : ''))[0]
    ).toBe('idp-sign-in');
  });
});
