import { flushSync, tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as tokens from '../../../src/lib/tokens';
import type { PlaygroundFlows, SignInResult, TokenVerification } from '../../../src/lib/playground/flows';
import { FlowRunner } from '../../../src/lib/playground/runner';
import type { Credentials, SessionTokens } from '../../../src/lib/playground/types';
import { IdentityState } from '../../../src/lib/state/identity.svelte';
import { PlaygroundState } from '../../../src/lib/state/playground.svelte';
import { fakeJwe, fakeJwt } from '../playground/fake-tokens';

vi.mock('../../../src/lib/tokens', { spy: true });

const SANDBOX = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_67v371xWw',
  clientId: 'l2vncrxu1rw37fa8zaozr7d3rh',
  domain: '',
  identityPoolId: 'us-east-1:e3fb008b-a9a5-42c3-a1b7-13fa13fdc62b',
  endpoint: 'http://127.0.0.1:9229',
  idpIssuer: '',
  idpClientId: ''
};
const TOKENS: SessionTokens = {
  idToken: fakeJwt({
    token_use: 'id',
    'cognito:username': 'alice',
    'cognito:roles': ['arn:aws:iam::1:role/A']
  }),
  accessToken: fakeJwt({ token_use: 'access', username: 'alice' }),
  refreshToken: fakeJwe()
};
const VERIFIED: TokenVerification = { id: null, access: null, jwks: null, error: null };
const CREDENTIALS: Credentials = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  secretAccessKey: 'secret/example',
  sessionToken: 'session-token',
  expiration: new Date('2026-01-15T10:00:00Z')
};

/** The flows, faked at their boundary: each method answers what the test says; the runner is the real one. */
function fakeFlows(overrides: Partial<Record<keyof PlaygroundFlows, unknown>> = {}) {
  const runner = new FlowRunner({ fetch: vi.fn() as unknown as typeof fetch, now: () => 0 });
  const flows = {
    runner,
    signIn: vi.fn(async (): Promise<SignInResult> => ({
      outcome: { kind: 'signed-in', tokens: TOKENS },
      verification: VERIFIED
    })),
    verify: vi.fn(async () => VERIFIED),
    signOutLocally: vi.fn(),
    globalSignOut: vi.fn(async () => {}),
    enhanced: vi.fn(async () => ({ identityId: 'us-east-1:1111', credentials: CREDENTIALS })),
    ...overrides
  };
  return flows as unknown as PlaygroundFlows & typeof flows;
}

function setup(overrides?: Parameters<typeof fakeFlows>[0]) {
  const flows = fakeFlows(overrides);
  const playground = new PlaygroundState(flows);
  playground.setConfig(SANDBOX);
  const identity = new IdentityState(playground, { flows, now: () => 0 });
  return { flows, playground, identity };
}

afterEach(() => vi.clearAllMocks());

describe('PlaygroundState', () => {
  it('derives readiness, issuers and the endpoint from the config, and follows its changes', () => {
    const { playground } = setup();
    expect(playground.ready).toBe(true);
    expect(playground.userPoolEndpoint).toBe('http://127.0.0.1:9229/');
    expect(playground.expectedIssuers).toEqual([`http://127.0.0.1:9229/${SANDBOX.userPoolId}`]);
    playground.setConfig({ endpoint: '', userPoolId: 'nonsense' });
    flushSync();
    expect(playground.ready).toBe(false);
    expect(playground.problems.map((problem) => problem.field)).toContain('userPoolId');
    playground.setConfig({ userPoolId: SANDBOX.userPoolId });
    expect(playground.userPoolEndpoint).toBe('https://cognito-idp.us-east-1.amazonaws.com/');
  });

  it('signs in through the flows and decodes each token once, however often it is read', async () => {
    const { playground, flows } = setup();
    await playground.signIn('alice', 'Alice-Passw0rd!', 'USER_SRP_AUTH');
    expect(flows.signIn).toHaveBeenCalledWith(SANDBOX, 'alice', 'Alice-Passw0rd!', 'USER_SRP_AUTH');
    expect(playground.phase).toBe('signed-in');
    vi.mocked(tokens.inspectToken).mockClear();
    const seen: unknown[] = [];
    // As on the page: read inside an effect, where deriveds are cached between reads.
    const reader = $effect.root(() => {
      $effect(() => {
        for (let i = 0; i < 5; i++) seen.push(playground.idClaims?.['cognito:username']);
        seen.push(playground.decoded?.access.kind);
      });
    });
    await tick();
    expect(seen).toEqual(['alice', 'alice', 'alice', 'alice', 'alice', 'jws']);
    expect(tokens.inspectToken).toHaveBeenCalledTimes(2);
    reader();
  });

  it('explains a failure, keeps the phase, and never leaves the busy flag on', async () => {
    const refusal = Object.assign(new Error('Incorrect username or password.'), {
      name: 'NotAuthorizedException',
      code: 'NotAuthorizedException'
    });
    const { playground } = setup({ signIn: vi.fn(async () => Promise.reject(refusal)) });
    await playground.signIn('alice', 'wrong', 'USER_SRP_AUTH');
    expect(playground.phase).toBe('signed-out');
    expect(playground.busy).toBeNull();
    expect(playground.error?.during).toBe('Sign-in');
    expect(playground.error?.explanation.title).toMatch(/password/i);
  });

  it('fills the trace from the runner events, in order, each exchange replaced when it finishes', async () => {
    const answers = [new Response('{}', { status: 200 }), new Response('{}', { status: 400 })];
    const runner = new FlowRunner({
      fetch: (async () => answers.shift()) as unknown as typeof fetch,
      now: () => 0
    });
    const playground = new PlaygroundState({ runner } as unknown as PlaygroundFlows);
    await runner.run('identity-enhanced', async () => {
      await runner.fetch('http://127.0.0.1:9229/', {
        method: 'POST',
        headers: { 'x-amz-target': 'AWSCognitoIdentityService.GetId' },
        body: '{}'
      });
      await runner.fetch('http://127.0.0.1:9229/', {
        method: 'POST',
        headers: { 'x-amz-target': 'AWSCognitoIdentityService.GetCredentialsForIdentity' },
        body: '{}'
      });
    });
    expect(playground.trace.map((entry) => [entry.id, entry.operation, entry.status, entry.flow])).toEqual([
      [1, 'GetId', 200, 'identity-enhanced'],
      [2, 'GetCredentialsForIdentity', 400, 'identity-enhanced']
    ]);
  });
});

describe('IdentityState', () => {
  it('derives the Logins map from the tokens and the role list from the id token', async () => {
    const { playground, identity } = setup();
    expect(identity.logins).toBeNull();
    await playground.signIn('alice', 'pw', 'USER_SRP_AUTH');
    expect(identity.logins).toEqual({
      [`cognito-idp.us-east-1.amazonaws.com/${SANDBOX.userPoolId}`]: TOKENS.idToken
    });
    expect(identity.tokenRoles).toEqual(['arn:aws:iam::1:role/A']);
    identity.loginToken = 'access';
    expect(Object.values(identity.logins ?? {})).toEqual([TOKENS.accessToken]);
  });

  it.each([
    ['signing out in this tab', (p: PlaygroundState) => p.signOutLocally()],
    ['signing out everywhere', (p: PlaygroundState) => p.globalSignOut()]
  ])('forgets the AWS credentials when %s', async (_name, signOut) => {
    const { playground, identity } = setup();
    await playground.signIn('alice', 'pw', 'USER_SRP_AUTH');
    await identity.runEnhanced();
    expect(identity.credentials?.secretAccessKey).toBe(CREDENTIALS.secretAccessKey);
    expect(identity.identityId).toBe('us-east-1:1111');
    await signOut(playground);
    expect(playground.tokens).toBeNull();
    expect(identity.credentials).toBeNull();
    expect(identity.identityId).toBeNull();
  });
});
