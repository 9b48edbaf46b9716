import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDiagram } from '../../../src/lib/diagrams';
import { currentSteps, entriesByStep, stepsForEntry } from '../../../src/lib/playground/diagram-sync';
import { OPERATIONS, type Operation } from '../../../src/lib/playground/operations';
import type { FlowName, TraceEntry } from '../../../src/lib/playground/types';

let next = 1;
const entry = (
  operation: string,
  flow: FlowName | null,
  outcome: { status?: number | null; error?: string | null; responseBody?: string } = {}
): TraceEntry => ({
  id: next++,
  flow,
  startedAt: 0,
  durationMs: 1,
  method: 'POST',
  url: 'http://127.0.0.1:9229/',
  service: 'cognito-idp',
  operation,
  requestHeaders: {},
  requestBody: '',
  status: outcome.status === undefined ? 200 : outcome.status,
  responseBody: outcome.responseBody ?? '{}',
  error: outcome.error ?? null
});
const TOKENS = '{\n  "AuthenticationResult": {\n    "IdToken": "eyJraWQiOi…«redacted: 900 chars»"\n  }\n}';
const CHALLENGE = '{\n  "ChallengeName": "PASSWORD_VERIFIER"\n}';
const diagram = (id: string) => parseDiagram(JSON.parse(readFileSync(`content/diagrams/${id}.json`, 'utf8')));
const order = (id: string) => diagram(id).steps.map((step) => step.id);

describe('the catalogue and the diagrams agree', () => {
  it.each(Object.values(OPERATIONS) as Operation[])('$name lights only steps that exist', (operation) => {
    for (const light of operation.lights) expect(order(light.diagram)).toContain(light.step);
  });
});

describe('where the flow stands', () => {
  it('an SRP sign-in is drawn on the identity-pool diagram only, never on the Google-federation one', () => {
    const initiate = entry('InitiateAuth', 'sign-in-srp', { responseBody: CHALLENGE });
    const respond = entry('RespondToAuthChallenge', 'sign-in-srp', { responseBody: TOKENS });
    const jwks = entry('GET jwks.json', 'sign-in-srp');
    // The challenge is not drawn: the sign-in can still fail at the next exchange.
    expect(stepsForEntry(initiate)).toEqual({});
    expect(stepsForEntry(respond)).toEqual({ 'cip-federation': 'idp-token' });
    expect(stepsForEntry(jwks)).toEqual({});
    expect(currentSteps([initiate, respond, jwks], null)['cup-federation']).toBeUndefined();
  });

  it('a password sign-in answered with tokens at once reaches "the app holds the IdP token"', () => {
    expect(stepsForEntry(entry('InitiateAuth', 'sign-in-password', { responseBody: TOKENS }))).toEqual({
      'cip-federation': 'idp-token'
    });
  });

  it('a failed user-pool sign-in lights nothing, in flight neither', () => {
    const challenged = entry('InitiateAuth', 'sign-in-srp', { responseBody: CHALLENGE });
    const wrongPassword = entry('RespondToAuthChallenge', 'sign-in-srp', {
      status: 400,
      responseBody: '{"__type":"NotAuthorizedException"}'
    });
    expect(currentSteps([challenged, wrongPassword], null)).toEqual({});
    const refused = entry('InitiateAuth', 'sign-in-srp', {
      status: 400,
      responseBody: '{"__type":"NotAuthorizedException"}'
    });
    expect(stepsForEntry(refused)).toEqual({});
    expect(stepsForEntry(entry('InitiateAuth', 'sign-in-srp', { status: null }))).toEqual({});
    expect(stepsForEntry(entry('InitiateAuth', 'sign-in-srp', { status: null, error: 'offline' }))).toEqual(
      {}
    );
  });

  it('the managed login is drawn on both diagrams', () => {
    expect(stepsForEntry(entry('POST /oauth2/token', 'managed-login'))).toEqual({
      'cup-federation': 'token-exchange',
      'cip-federation': 'idp-token'
    });
    expect(stepsForEntry(entry('GET jwks.json', 'managed-login'))).toEqual({
      'cup-federation': 'use-tokens'
    });
  });

  it('identity pool steps, and a refused GetCredentialsForIdentity stops at the check', () => {
    expect(stepsForEntry(entry('GetId', 'identity-enhanced'))).toEqual({ 'cip-federation': 'get-id' });
    expect(stepsForEntry(entry('GetCredentialsForIdentity', 'identity-enhanced'))).toEqual({
      'cip-federation': 'sts-credentials'
    });
    expect(stepsForEntry(entry('GetCredentialsForIdentity', 'identity-enhanced', { status: 400 }))).toEqual({
      'cip-federation': 'get-credentials'
    });
    expect(stepsForEntry(entry('GetCallerIdentity', 'prove-credentials'))).toEqual({
      'cip-federation': 'call-aws'
    });
    expect(stepsForEntry(entry('AdminGetUser', null))).toEqual({});
  });

  it('a selected entry shows its own step; otherwise the latest', () => {
    const respond = entry('RespondToAuthChallenge', 'sign-in-srp', { responseBody: TOKENS });
    const getId = entry('GetId', 'identity-enhanced');
    expect(currentSteps([respond, getId], null)).toEqual({ 'cip-federation': 'get-id' });
    expect(currentSteps([respond, getId], respond.id)).toEqual({ 'cip-federation': 'idp-token' });
  });

  it('trace links go forward along the steps, and a new sign-in drops the links of the previous run', () => {
    const steps = order('cip-federation');
    const first = [
      entry('InitiateAuth', 'sign-in-srp', { responseBody: CHALLENGE }),
      entry('RespondToAuthChallenge', 'sign-in-srp', { responseBody: TOKENS }),
      entry('GetId', 'identity-enhanced'),
      entry('GetCredentialsForIdentity', 'identity-enhanced')
    ];
    const links = entriesByStep(first, 'cip-federation', steps);
    const ids = steps.flatMap((step) => links.get(step) ?? []);
    expect(ids).toEqual(first.slice(1).map((e) => e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    const again = [
      ...first,
      entry('InitiateAuth', 'sign-in-srp', { responseBody: CHALLENGE }),
      entry('RespondToAuthChallenge', 'sign-in-srp', { responseBody: TOKENS })
    ];
    const relinked = entriesByStep(again, 'cip-federation', steps);
    expect([...relinked.keys()]).toEqual(['idp-token']);
    expect(relinked.get('idp-token')).toBe(again.at(-1)?.id);
  });
});

describe('the two federations, each on its own diagram', () => {
  it('user pool federation lights the user pool diagram only, the unseen leg included', () => {
    const run = [
      entry('Pool redirects to the IdP', 'federated-sign-in'),
      entry('Pool redeems the IdP code', 'federated-sign-in'),
      entry('Pool creates the federated user', 'federated-sign-in'),
      entry('POST /oauth2/token', 'federated-sign-in'),
      entry('GET jwks.json', 'federated-sign-in')
    ];
    expect(run.map(stepsForEntry)).toEqual([
      { 'cup-federation': 'authorize' },
      { 'cup-federation': 'redeem-idp-code' },
      { 'cup-federation': 'link-user' },
      { 'cup-federation': 'token-exchange' },
      { 'cup-federation': 'use-tokens' }
    ]);
  });

  it('identity pool federation with an outside IdP lights the identity pool diagram only', () => {
    const run = [
      entry('GET IdP authorize', 'idp-federation'),
      entry('POST IdP token', 'idp-federation'),
      entry('GetId', 'idp-federation'),
      entry('GetCredentialsForIdentity', 'idp-federation')
    ];
    expect(run.map(stepsForEntry)).toEqual([
      { 'cip-federation': 'idp-sign-in' },
      { 'cip-federation': 'idp-token' },
      { 'cip-federation': 'get-id' },
      { 'cip-federation': 'sts-credentials' }
    ]);
    // The IdP's endpoints light nothing for another flow (a stray call, or the other federation).
    expect(stepsForEntry(entry('POST IdP token', 'federated-sign-in'))).toEqual({});
  });
});
