// Identity pool federation with an outside IdP, as the page drives it (runes running): the IdP's token shown
// before the identity pool answers, credentials, the role proved and explained by the pool's rules.
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type { PlaygroundFlows } from '../../../src/lib/playground/flows';
import type { PendingIdpLogin } from '../../../src/lib/playground/idp-federation';
import type { KnownPoolRoles } from '../../../src/lib/playground/role-rules';
import { FlowRunner } from '../../../src/lib/playground/runner';
import { IdpFederationState } from '../../../src/lib/state/idp-federation.svelte';
import { PlaygroundState } from '../../../src/lib/state/playground.svelte';
import { fakeJwt } from '../playground/fake-tokens';

const CONFIG = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_67v371xWw',
  clientId: 'l2vncrxu1rw37fa8zaozr7d3rh',
  domain: '',
  identityPoolId: 'us-east-1:e3fb008b-a9a5-42c3-a1b7-13fa13fdc62b',
  endpoint: 'http://127.0.0.1:9229',
  idpIssuer: 'http://127.0.0.1:9230',
  idpClientId: 'lens-playground'
};
const ID_TOKEN = fakeJwt({
  iss: 'http://127.0.0.1:9230',
  sub: 'sam',
  aud: 'lens-playground',
  department: 'engineering'
});
const KNOWN: KnownPoolRoles = {
  authenticatedRole: 'arn:aws:iam::123456789012:role/LensAuthenticated',
  mapping: {
    Type: 'Rules',
    AmbiguousRoleResolution: 'AuthenticatedRole',
    RulesConfiguration: {
      Rules: [
        {
          Claim: 'department',
          MatchType: 'Equals',
          Value: 'engineering',
          RoleARN: 'arn:aws:iam::123456789012:role/LensEditors'
        }
      ]
    }
  }
};
const CREDENTIALS = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret',
  sessionToken: 'session',
  expiration: new Date('2026-01-15T10:00:00Z')
};

function setup(idpFederation: (...args: never[]) => unknown) {
  const runner = new FlowRunner({ fetch: vi.fn() as unknown as typeof fetch, now: () => 0 });
  const flows = {
    runner,
    idpFederation: vi.fn(idpFederation),
    signOutLocally: vi.fn(),
    prove: vi.fn(async () => ({
      Arn: 'arn:aws:sts::123456789012:assumed-role/LensEditors/CognitoIdentityCredentials',
      Account: '123456789012',
      UserId: 'AROA:x'
    }))
  } as unknown as PlaygroundFlows;
  const playground = new PlaygroundState(flows);
  playground.setConfig(CONFIG);
  const knownRoles = vi.fn((_pool: string, _provider: string): KnownPoolRoles | null => KNOWN);
  const federation = new IdpFederationState(playground, {
    flows,
    now: () => 0,
    loadOAuth: async () => ({}) as never,
    knownRoles
  });
  return { flows, federation, knownRoles, playground };
}

const PENDING: PendingIdpLogin = {
  issuer: CONFIG.idpIssuer,
  clientId: CONFIG.idpClientId,
  verifier: 'v',
  state: 's',
  config: CONFIG
};

describe('IdpFederationState', () => {
  it('shows the IdP token, the credentials and the rule that chose the role it proved', async () => {
    const { federation, flows, knownRoles } = setup(
      async (_config: unknown, _exchange: unknown, onIdpToken: (step: unknown) => void) => {
        onIdpToken({
          tokens: { idToken: ID_TOKEN, accessToken: 'a', refreshToken: null },
          verification: null,
          providerName: '127.0.0.1:9230'
        });
        return { identityId: 'us-east-1:1111', credentials: CREDENTIALS };
      }
    );
    flushSync();
    expect(federation.ready).toBe(true);
    expect(federation.loginsKey).toBe('127.0.0.1:9230');
    await federation.finish(
      PENDING,
      new URL('http://127.0.0.1:4173/playground?code=c&state=s'),
      'http://127.0.0.1:4173/playground'
    );
    expect(federation.issuer).toBe('http://127.0.0.1:9230');
    expect(federation.credentials?.accessKeyId).toBe('ASIAEXAMPLE');
    expect(vi.mocked(flows.prove)).toHaveBeenCalledOnce();
    expect(federation.roles.summary).toBe(
      'Rule 1 (department Equals "engineering") matched first, so the pool chose LensEditors.'
    );
    expect(federation.roles.agrees).toBe(true);
    expect(knownRoles).toHaveBeenCalledWith(CONFIG.identityPoolId, '127.0.0.1:9230');
  });

  it('forgets its token and credentials when the page signs out', async () => {
    const { federation, playground } = setup(
      async (_config: unknown, _exchange: unknown, onIdpToken: (step: unknown) => void) => {
        onIdpToken({
          tokens: { idToken: ID_TOKEN, accessToken: 'a', refreshToken: null },
          verification: null,
          providerName: '127.0.0.1:9230'
        });
        return { identityId: 'us-east-1:1111', credentials: CREDENTIALS };
      }
    );
    await federation.finish(
      PENDING,
      new URL('http://127.0.0.1:4173/playground?code=c&state=s'),
      'http://127.0.0.1:4173/playground'
    );
    expect(federation.credentials?.accessKeyId).toBe('ASIAEXAMPLE');
    await playground.signOutLocally();
    expect(federation.credentials).toBeNull();
    expect(federation.tokens).toBeNull();
    expect(federation.identityId).toBeNull();
  });

  it('keeps the IdP token on screen when the identity pool refuses, and explains the refusal', async () => {
    const { federation } = setup(
      async (_config: unknown, _exchange: unknown, onIdpToken: (step: unknown) => void) => {
        onIdpToken({
          tokens: { idToken: ID_TOKEN, accessToken: 'a', refreshToken: null },
          verification: null,
          providerName: '127.0.0.1:9230'
        });
        throw Object.assign(new Error('Token is not from a supported provider of this identity pool.'), {
          name: 'NotAuthorizedException'
        });
      }
    );
    await federation.finish(
      PENDING,
      new URL('http://127.0.0.1:4173/playground?code=c&state=s'),
      'http://127.0.0.1:4173/playground'
    );
    expect(federation.tokens?.idToken).toBe(ID_TOKEN);
    expect(federation.credentials).toBeNull();
    expect(federation.error?.during).toBe('Identity pool federation');
  });

  it('is not ready without the identity pool or with a problem in the IdP fields', () => {
    const { federation, playground } = setup(async () => ({}));
    flushSync();
    expect(federation.ready).toBe(true);
    playground.setConfig({ identityPoolId: '' });
    flushSync();
    expect(federation.ready).toBe(false);
    playground.setConfig({ identityPoolId: CONFIG.identityPoolId, idpIssuer: 'http://idp.example.com' });
    flushSync();
    expect(federation.ready).toBe(false);
    expect(federation.loginsKey).toBe('idp.example.com');
  });
});
