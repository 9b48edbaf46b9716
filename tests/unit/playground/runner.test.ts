import { describe, expect, it } from 'vitest';
import { FlowRunner } from '../../../src/lib/playground/runner';
import type { TraceEvent } from '../../../src/lib/playground/types';

function harness() {
  const events: TraceEvent[] = [];
  let clock = 1000;
  const runner = new FlowRunner({
    fetch: (async () => {
      clock += 10;
      return new Response('{}', { status: 200 });
    }) as unknown as typeof fetch,
    now: () => clock
  });
  runner.subscribe((event) => events.push(event));
  const call = (target: string) =>
    runner.fetch('https://cognito-identity.us-east-1.amazonaws.com/', {
      method: 'POST',
      headers: { 'x-amz-target': target },
      body: '{}'
    });
  return { runner, events, call };
}

describe('FlowRunner', () => {
  it('reports a flow, its exchanges tagged with it, and its end, in order', async () => {
    const { runner, events, call } = harness();
    await runner.run('identity-guest', async () => {
      await call('AWSCognitoIdentityService.GetId');
    });
    expect(
      events.map((e) =>
        e.type.startsWith('exchange') ? `${e.type}:${'entry' in e ? e.entry.flow : ''}` : e.type
      )
    ).toEqual([
      'flow-started',
      'exchange-started:identity-guest',
      'exchange-finished:identity-guest',
      'flow-finished'
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'flow-finished', flow: 'identity-guest', ok: true });
  });

  it('runs one flow at a time: a second waits for the first, so no exchange is tagged with the wrong flow', async () => {
    const { runner, events, call } = harness();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = runner.run('identity-enhanced', async () => {
      await gate;
      await call('AWSCognitoIdentityService.GetId');
    });
    const second = runner.run('prove-credentials', async () => {
      await call('AWSCognitoIdentityService.GetCredentialsForIdentity');
    });
    await Promise.resolve();
    expect(runner.current).toBe('identity-enhanced');
    release();
    await Promise.all([first, second]);
    const tagged = events.flatMap((e) =>
      e.type === 'exchange-finished' ? [[e.entry.operation, e.entry.flow]] : []
    );
    expect(tagged).toEqual([
      ['GetId', 'identity-enhanced'],
      ['GetCredentialsForIdentity', 'prove-credentials']
    ]);
  });

  it('reports a failed flow and passes its error through; the next flow still runs', async () => {
    const { runner, events } = harness();
    await expect(runner.run('sign-in-srp', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom'
    );
    expect(events.at(-1)).toMatchObject({ type: 'flow-finished', flow: 'sign-in-srp', ok: false });
    await expect(runner.run('refresh', async () => 42)).resolves.toBe(42);
    expect(runner.current).toBeNull();
  });

  it('exchanges outside any flow carry no flow', async () => {
    const { events, call } = harness();
    await call('AWSCognitoIdentityService.GetId');
    expect(
      events.filter((e) => e.type === 'exchange-finished').map((e) => 'entry' in e && e.entry.flow)
    ).toEqual([null]);
  });
});

describe('FlowRunner: outside IdPs and the leg the app never sees', () => {
  it("names an outside IdP's endpoints once discovery announced them (query ignored)", async () => {
    const { runner, events } = harness();
    runner.nameEndpoint('POST', 'http://127.0.0.1:9460/token', 'POST IdP token');
    await runner.run('idp-federation', async () => {
      await runner.fetch('http://127.0.0.1:9460/token?x=1', {
        method: 'POST',
        body: 'code=abc&code_verifier=v'
      });
      await runner.fetch('http://127.0.0.1:9460/token', { method: 'GET' });
    });
    const finished = events.flatMap((e) => (e.type === 'exchange-finished' ? [e.entry] : []));
    expect(finished.map((e) => [e.service, e.operation])).toEqual([
      ['idp', 'POST IdP token'],
      ['other', 'GET /token']
    ]);
    expect(finished[0]?.requestBody).not.toContain('abc');
    expect(() => runner.nameEndpoint('GET', 'http://x/', 'Not an operation')).toThrow(/catalogue/);
  });

  it('reports what the pool did out of sight as a redacted entry of the running flow, ids continuing', async () => {
    const { runner, events, call } = harness();
    await runner.run('federated-sign-in', async () => {
      await call('AWSCognitoIdentityService.GetId');
      runner.reportOutOfSight({
        operation: 'Pool redeems the IdP code',
        request: {
          method: 'post',
          url: 'http://127.0.0.1:9460/token',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: 'Basic c2VjcmV0OnNlY3JldA=='
          },
          body: 'grant_type=authorization_code&code=idp-code-123&client_secret=very-secret-value'
        },
        response: {
          status: 200,
          body: {
            id_token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzYW0ifQ.c2lnbmF0dXJlc2lnbmF0dXJl',
            token_type: 'Bearer'
          }
        }
      });
    });
    const finished = events.flatMap((e) => (e.type === 'exchange-finished' ? [e.entry] : []));
    const unseen = finished[1]!;
    expect(unseen).toMatchObject({
      id: 2,
      flow: 'federated-sign-in',
      outOfSight: true,
      method: 'POST',
      service: 'idp',
      status: 200
    });
    const shown = JSON.stringify(unseen);
    for (const secret of [
      'idp-code-123',
      'very-secret-value',
      'c2VjcmV0OnNlY3JldA==',
      'c2lnbmF0dXJlc2lnbmF0dXJl'
    ]) {
      expect(shown).not.toContain(secret);
    }
    expect(unseen.requestBody).toContain('grant_type=authorization_code');
  });
});
