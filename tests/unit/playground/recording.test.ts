import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import preset from '../../../sandbox/seed/preset.json';
import {
  parseRecording,
  recordingNow,
  recordingSteps,
  RecordingError,
  stepOfEntry,
  traceThrough,
  type Recording
} from '../../../src/lib/playground/recording';
import { redactHeaders, redactText } from '../../../src/lib/playground/redact';
import { jwksSourceFromJwks, verifyToken } from '../../../src/lib/tokens';

// The committed fixture, made by scripts/record-sample-run.js (`--check` proves it is reproducible).
const FIXTURE = new URL('../../../content/recordings/sample-run.json', import.meta.url);
const raw: unknown = JSON.parse(readFileSync(FIXTURE, 'utf8'));
const recording = parseRecording(raw);

/** A fresh, mutable copy of the fixture to break. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately reaches into any field
function copy(): Record<string, any> {
  return JSON.parse(JSON.stringify(raw));
}

function problem(value: unknown): RecordingError {
  try {
    parseRecording(value);
  } catch (error) {
    if (error instanceof RecordingError) return error;
    throw error;
  }
  throw new Error('parseRecording accepted it');
}

const payload = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));

describe('the committed sample run', () => {
  it('is clearly labelled as a recording of the sandbox', () => {
    expect(recording.label).toBe('Recorded sample run (local sandbox, fixed clock)');
    expect(recording.recordedAt).toBe('2026-01-15T09:00:00.000Z');
    expect(recording.config).toEqual({
      region: preset.region,
      userPoolId: preset.userPoolId,
      clientId: preset.clients.web.id,
      domain: '',
      identityPoolId: preset.identityPools.guests.id,
      endpoint: preset.endpoint,
      idpIssuer: 'http://127.0.0.1:9230',
      idpClientId: preset.idp.publicClientId
    });
  });

  it('holds both federation runs, each on its own diagram, in the diagram order, secrets redacted', () => {
    const federation = recording.federation;
    expect(federation).toBeDefined();
    const order = (steps: { step: string }[]) => [...new Set(steps.map((step) => step.step))];
    expect(order(federation!.userPool.steps)).toEqual([
      'authorize',
      'idp-sign-in',
      'redeem-idp-code',
      'link-user',
      'token-exchange',
      'use-tokens'
    ]);
    expect(federation!.userPool.steps.every((step) => step.diagram === 'cup-federation')).toBe(true);
    expect(order(federation!.identityPool.steps)).toEqual([
      'idp-sign-in',
      'idp-token',
      'get-id',
      'sts-credentials',
      'call-aws'
    ]);
    expect(federation!.identityPool.steps.every((step) => step.diagram === 'cip-federation')).toBe(true);
    // The leg the app never sees is marked, and the IdP's password and the pool's client secret are nowhere.
    expect(federation!.userPool.entries.filter((entry) => entry.outOfSight).map((e) => e.operation)).toEqual([
      'Pool redeems the IdP code',
      'Pool verifies the IdP token',
      'Pool creates the federated user'
    ]);
    const text = JSON.stringify(federation);
    for (const secret of [preset.idp.users[0]?.password, preset.idp.poolClient.secret]) {
      expect(text).not.toContain(secret);
    }
    const credentials = federation!.identityPool.steps.find((step) => step.step === 'sts-credentials');
    expect(JSON.stringify(credentials?.moved.shown)).toContain('«redacted');
  });

  it('replays sign-in, verification, GetId, credentials, GetCallerIdentity, the API and S3 in order', () => {
    const steps = recordingSteps(recording);
    expect(steps.map((step) => [step.id, step.title, step.entries.map((entry) => entry.operation)])).toEqual([
      ['sign-in', 'Sign in with SRP', ['InitiateAuth', 'RespondToAuthChallenge']],
      ['verify-tokens', 'Verify the tokens with the JWKS', ['GET jwks.json']],
      ['get-id', 'GetId', ['GetId']],
      ['get-credentials', 'GetCredentialsForIdentity', ['GetCredentialsForIdentity']],
      ['prove-credentials', 'GetCallerIdentity', ['GetCallerIdentity']],
      ['call-api', 'Call an API with the id token', ['GET execute-api']],
      ['api-refused', 'The access token on the same method', ['GET execute-api']],
      ['upload', 'PutObject into her own folder', ['PutObject']],
      ['s3-refused', "PutObject into another identity's folder", ['PutObject']]
    ]);
    for (const step of steps) {
      // One sentence each.
      expect(step.caption).toMatch(/^[A-Za-z].*\.$/);
      expect(step.caption.slice(0, -1)).not.toMatch(/\.\s/);
    }
    // Every exchange succeeds except the two refusals the run shows on purpose.
    expect(steps.map((step) => step.entries.map((entry) => entry.status))).toEqual([
      [200, 200],
      [200],
      [200],
      [200],
      [200],
      [200],
      [401],
      [200],
      [403]
    ]);
  });

  it('draws each step where the live playground would: an SRP sign-in never on the Google-federation diagram', () => {
    expect(recordingSteps(recording).map((step) => [step.id, step.diagram])).toEqual([
      ['sign-in', { 'cip-federation': 'idp-token' }],
      ['verify-tokens', {}],
      ['get-id', { 'cip-federation': 'get-id' }],
      ['get-credentials', { 'cip-federation': 'sts-credentials' }],
      ['prove-credentials', { 'cip-federation': 'call-aws' }],
      ['call-api', { 'api-gateway': 'backend-answers' }],
      ['api-refused', { 'api-gateway': 'rejected' }],
      ['upload', { 'common-stack': 'upload' }],
      ['s3-refused', { 'common-stack': 'upload' }]
    ]);
    // Made by the runner: every exchange carries the flow that made it.
    expect(recording.entries.map((entry) => entry.flow)).toEqual([
      'sign-in-srp',
      'sign-in-srp',
      'sign-in-srp',
      'identity-enhanced',
      'identity-enhanced',
      'prove-credentials',
      'call-api',
      'call-api',
      'use-credentials',
      'use-credentials'
    ]);
  });

  it('verifies its tokens offline at the recorded time, and not today', async () => {
    const issuer = `${recording.config.endpoint}/${recording.config.userPoolId}`;
    const common = { issuer: [issuer], clientId: recording.config.clientId, groups: null, scopes: null };
    const jwks = jwksSourceFromJwks(recording.jwks, 'recorded JWKS');
    const then = { now: () => recordingNow(recording), jwks };
    const id = await verifyToken(recording.tokens.idToken, { ...common, tokenUse: 'id' }, then);
    const access = await verifyToken(recording.tokens.accessToken, { ...common, tokenUse: 'access' }, then);
    expect([id.valid, access.valid]).toEqual([true, true]);
    const today = await verifyToken(
      recording.tokens.idToken,
      { ...common, tokenUse: 'id' },
      { now: Date.now, jwks }
    );
    expect(today.valid).toBe(false);
  });

  it('keeps the role choice consistent with the token and STS', () => {
    const claims = payload(recording.tokens.idToken);
    expect(claims['cognito:preferred_role']).toBe(recording.role.chosen);
    expect(recording.role.chosen).toBe(preset.roles.editors.arn);
    expect(recording.role.why).toBe('cognito:preferred_role from the id token (group editors, precedence 1)');
    expect(recording.callerIdentity.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/LensEditors/CognitoIdentityCredentials'
    );
    expect(recording.callerIdentity.Account).toBe(preset.accountId);
    expect(recording.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(recording.credentials.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    // Issued at the recorded time, valid for the pool's hour.
    expect(recording.credentials.expiration).toBeInstanceOf(Date);
    expect(recording.credentials.expiration.getTime() - Date.parse(recording.recordedAt)).toBe(3_600_000);
    expect(claims.iat).toBe(Date.parse(recording.recordedAt) / 1000);
  });

  it('holds a trace that is redacted as the live one is', () => {
    const trace = JSON.stringify(recording.entries);
    for (const secret of [
      preset.users.find((user) => user.username === 'alice')?.password ?? 'missing',
      recording.tokens.idToken,
      recording.tokens.accessToken,
      recording.tokens.refreshToken,
      recording.credentials.secretAccessKey,
      recording.credentials.sessionToken,
      recording.credentials.accessKeyId
    ]) {
      expect(trace).not.toContain(secret);
    }
    for (const entry of recording.entries) {
      // Already redacted: the one redaction function has nothing left to do.
      expect(redactHeaders(entry.requestHeaders)).toEqual(entry.requestHeaders);
      expect(redactHeaders(entry.responseHeaders ?? {})).toEqual(entry.responseHeaders ?? {});
      expect(redactText(entry.requestBody, entry.requestHeaders['content-type'])).toBe(entry.requestBody);
      expect(redactText(entry.responseBody ?? '', entry.responseHeaders?.['content-type'])).toBe(
        entry.responseBody ?? ''
      );
    }
  });
});

describe('parseRecording', () => {
  it('returns a copy and leaves its input alone', () => {
    const input = copy();
    const before = JSON.stringify(input);
    const parsed = parseRecording(input);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(input);
    expect(parsed).not.toBe(input);
    parsed.steps[0]?.entries.push(99);
    expect(JSON.stringify(input)).toBe(before);
  });

  it.each([
    ['not an object', null, '', 'expected an object, found null'],
    ['an array', [], '', 'expected an object, found an array'],
    ['another format', { ...copy(), format: 1 }, 'format', 'format number 1 is not one this site reads (2)'],
    ['no label', { ...copy(), label: undefined }, 'label', 'expected text, found nothing'],
    ['an empty label', { ...copy(), label: ' ' }, 'label', 'is empty'],
    ['a local time', { ...copy(), recordedAt: '2026-01-15 09:00' }, 'recordedAt', 'ISO 8601'],
    ['no config', { ...copy(), config: 'sandbox' }, 'config', 'expected an object']
  ])('refuses %s', (_name, value, path, message) => {
    const error = problem(value);
    expect(error.path).toBe(path);
    expect(error.message).toContain(message);
    expect(error.message).toMatch(/^Recorded run is not usable: /);
  });

  it('refuses steps that do not replay the trace exactly once, in order', () => {
    const unknown = copy();
    unknown.steps[2].entries = [42];
    expect(problem(unknown)).toMatchObject({
      path: 'steps[2].entries[0]',
      message: expect.stringContaining('not in the trace')
    });

    const twice = copy();
    twice.steps[1].entries = [2, 3];
    expect(problem(twice).message).toContain('entry 2 already belongs to step sign-in');

    const orphan = copy();
    orphan.steps[0].entries = [1];
    expect(problem(orphan)).toMatchObject({
      path: 'steps',
      message: expect.stringContaining('entry 2 (RespondToAuthChallenge) belongs to no step')
    });

    const backwards = copy();
    backwards.steps[0].entries = [2, 1];
    expect(problem(backwards).message).toContain('replay the trace in order');

    const name = copy();
    name.steps[1].id = 'Verify Tokens';
    expect(problem(name)).toMatchObject({
      path: 'steps[1].id',
      message: expect.stringContaining('kebab-case')
    });
    const same = copy();
    same.steps[1].id = 'sign-in';
    expect(problem(same)).toMatchObject({
      path: 'steps[1].id',
      message: expect.stringContaining('used twice')
    });

    const empty = copy();
    empty.steps = [];
    expect(problem(empty).message).toContain('at least one step');
  });

  it('refuses an exchange without the flow the runner tags it with', () => {
    const flow = copy();
    flow.entries[0].flow = 'sign-in-google';
    expect(problem(flow)).toMatchObject({ path: 'entries[0].flow' });
  });

  it('refuses malformed trace entries', () => {
    const service = copy();
    service.entries[0].service = 'iam';
    expect(problem(service)).toMatchObject({ path: 'entries[0].service' });
    const unfinished = copy();
    unfinished.entries[3].durationMs = null;
    expect(problem(unfinished)).toMatchObject({
      path: 'entries[3].durationMs',
      message: expect.stringContaining('never finished')
    });
    const header = copy();
    header.entries[0].requestHeaders['x-amz-target'] = 1;
    expect(problem(header)).toMatchObject({ path: 'entries[0].requestHeaders.x-amz-target' });
    const numbering = copy();
    numbering.entries[1].id = 5;
    expect(problem(numbering)).toMatchObject({ path: 'entries[1].id' });
  });

  it('refuses a trace with an unredacted secret of the run', () => {
    const leaked = copy();
    leaked.entries[4].responseBody = leaked.entries[4].responseBody.replace(
      /"SecretKey": "[^"]*"/,
      `"SecretKey": "${leaked.credentials.secretAccessKey}"`
    );
    expect(problem(leaked)).toMatchObject({
      path: 'entries[4].responseBody',
      message: expect.stringContaining('unredacted secret')
    });
    const jwt = copy();
    jwt.entries[3].requestHeaders.authorization = `Bearer ${jwt.tokens.accessToken}`;
    expect(problem(jwt)).toMatchObject({ path: 'entries[3].requestHeaders.authorization' });
  });

  it('refuses tokens, keys and credentials of the wrong shape', () => {
    const token = copy();
    token.tokens.idToken = 'not-a-jwt';
    expect(problem(token)).toMatchObject({ path: 'tokens.idToken' });
    const refresh = copy();
    refresh.tokens.refreshToken = refresh.tokens.idToken;
    expect(problem(refresh)).toMatchObject({
      path: 'tokens.refreshToken',
      message: expect.stringContaining('JWE')
    });
    const jwks = copy();
    jwks.jwks = { keys: 'none' };
    expect(problem(jwks)).toMatchObject({ path: 'jwks' });
    const expiry = copy();
    expiry.credentials.expiration = 1768471200;
    expect(problem(expiry)).toMatchObject({ path: 'credentials.expiration' });
    const caller = copy();
    delete caller.callerIdentity.Arn;
    expect(problem(caller)).toMatchObject({ path: 'callerIdentity.Arn' });
  });
});

describe('replay helpers', () => {
  it('show the trace as it stood after each step', () => {
    expect(traceThrough(recording, 0)).toEqual([]);
    expect(traceThrough(recording, 2).map((entry) => entry.operation)).toEqual([
      'InitiateAuth',
      'RespondToAuthChallenge',
      'GET jwks.json'
    ]);
    expect(traceThrough(recording, 99)).toEqual(recording.entries);
  });

  it('find the step of a clicked entry', () => {
    expect(stepOfEntry(recording, 2)?.title).toBe('Sign in with SRP');
    expect(stepOfEntry(recording, 4)?.title).toBe('GetId');
    expect(stepOfEntry(recording, 99)).toBeUndefined();
  });

  it('give the recorded clock at the end of the run', () => {
    const last = recording.entries.at(-1);
    expect(recordingNow(recording)).toBe((last?.startedAt ?? 0) + (last?.durationMs ?? 0));
    const single: Recording = { ...recording, entries: [], steps: [] };
    expect(recordingNow(single)).toBe(Date.parse(recording.recordedAt));
  });
});
