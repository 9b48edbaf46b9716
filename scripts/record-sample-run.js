#!/usr/bin/env node
// @ts-check
// Records the playground's sample run from the local sandbox, for replay without any pool or network (presenter
// mode, the playground's "recorded run"). No npm script needed:
//
//   node scripts/record-sample-run.js          record and write content/recordings/sample-run.json
//   node scripts/record-sample-run.js --check  record again in memory; exit 1 if it differs from the committed file
//
// The run is the playground's own code: its runner and flows (src/lib/playground/runner.ts, flows.ts) sign alice
// in with SRP and verify her tokens, run the enhanced identity pool flow and prove the credentials with STS
// GetCallerIdentity. This script only sets the stage (a sandbox, a fake clock, seeded randomness), runs them, cuts
// the trace into the replay's steps and writes the file. The trace is redacted exactly as a live one.
//
// Byte-for-byte reproducible: the sandbox runs in this process, so one switch makes both sides deterministic for
// the duration of the recording (see scripts/recording/determinism.js), and nothing else in the sandbox changes:
// - the clock: Date.now() and `new Date()` read a fake clock that starts at RECORDED_AT and moves only when an
//   exchange happens (EXCHANGE_MS per exchange, half before the request, half after the answer), so token
//   iat/exp/auth_time, SigV4 dates, credential expiry and trace durations are fixed;
// - randomness: node:crypto's randomBytes/randomFill(Sync)/randomInt/randomUUID, Web Crypto's getRandomValues/
//   randomUUID and Math.random draw from one seeded stream (SHA-256 in counter mode): the SRP `a` of
//   amazon-cognito-identity-js and `b` of the sandbox, jti/origin_jti/event_id, the sealing IVs of SECRET_BLOCK,
//   Session and STS session tokens, identity ids, access keys, secret keys, request and invocation ids, the
//   refresh token's content key and IV. RSA-OAEP padding (the refresh token's wrapped key) is randomised inside
//   OpenSSL, out of JavaScript's reach, so crypto.subtle.encrypt does OAEP's encoding here with a seed from the
//   same stream and leaves only the raw RSA step to OpenSSL (standard OAEP: the sandbox still decrypts it, and the
//   script checks that it does);
// - the machine: the sandbox issues tokens for the preset's endpoint (so issuers and URLs are the preset's) while
//   it listens on a free port (so a running `npm start` sandbox on the preset's port does not matter), AWS_*
//   variables and ~/.aws files are hidden from the SDK, the SDK's user agent leaves out the OS and Node versions,
//   responses keep only the headers a browser page may read (CORS), as in the live trace, and their Date header
//   (stamped by Node's HTTP server from the real clock) is restamped from the fake one.
// The run itself is sequential, so the stream is consumed in the same order every time.
// First: the switch for the fake clock and the seeded randomness, installed before any library loads.
import { Determinism, FakeClock } from './recording/determinism.js';
import { withSiteModules } from './site-modules.js';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = path.join(ROOT, 'content/recordings/sample-run.json');
const RECORDED_AT = Date.UTC(2026, 0, 15, 9, 0, 0);
const EXCHANGE_MS = 40;
const USERNAME = 'alice';
const LABEL = 'Recorded sample run (local sandbox, fixed clock)';
// The page the recorded browser requests come from (S3 answers CORS by the Origin header).
const SITE_ORIGIN = 'http://127.0.0.1:4173';

const { values: options } = parseArgs({ options: { check: { type: 'boolean', default: false } } });

/** The AWS SDK reads AWS_* variables and ~/.aws files for retries, user agent app id, etc.: hide them. */
function isolateFromAwsConfiguration() {
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
  const nowhere = path.join(os.tmpdir(), 'cognito-lens-recorder-no-aws-config');
  process.env.AWS_CONFIG_FILE = nowhere;
  process.env.AWS_SHARED_CREDENTIALS_FILE = nowhere;
  // The SDK's notice that versions after January 2027 need Node 22: nothing to act on for the pinned version.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

/** The site's TypeScript modules, through Vite's SSR loader (Node 20 cannot import .ts). */
async function loadSiteModules() {
  return withSiteModules(async (load) => ({
    runner: /** @type {typeof import('../src/lib/playground/runner')} */ (
      await load('/src/lib/playground/runner.ts')
    ),
    flows: /** @type {typeof import('../src/lib/playground/flows')} */ (
      await load('/src/lib/playground/flows.ts')
    ),
    recording: /** @type {typeof import('../src/lib/playground/recording')} */ (
      await load('/src/lib/playground/recording.ts')
    ),
    runBoth: /** @type {typeof import('../src/lib/playground/run-both')} */ (
      await load('/src/lib/playground/run-both.ts')
    ),
    storage: /** @type {typeof import('../src/lib/playground/storage-access')} */ (
      await load('/src/lib/playground/storage-access.ts')
    )
  }));
}

// Response headers every page may read, plus those the server lists in Access-Control-Expose-Headers.
const CORS_SAFELISTED = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma'
]);

/** @param {Headers} headers */
function browserReadableHeaders(headers) {
  const exposed = new Set(
    (headers.get('access-control-expose-headers') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean)
  );
  const out = new Headers();
  headers.forEach((value, name) => {
    if (CORS_SAFELISTED.has(name) || exposed.has(name)) out.set(name, value);
  });
  return out;
}

/**
 * fetch, delivered to the sandbox on `port` whatever port the URL names. The Host header stays the URL's (the
 * preset's endpoint), as the SDK signed it (SigV4 covers Host); Node's fetch cannot send another Host than the
 * one it connects to, hence node:http.
 * @param {number} port @param {Parameters<typeof fetch>[0]} input @param {RequestInit} [init]
 * @returns {Promise<Response>}
 */
async function fetchOnPort(port, input, init) {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  /** @type {Record<string, string>} */
  const headers = { ...Object.fromEntries(request.headers), host: url.host };
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method: request.method, path: url.pathname + url.search, headers },
      (incoming) => {
        /** @type {Buffer[]} */
        const chunks = [];
        incoming.on('data', (chunk) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            // Set-Cookie lines stay apart (getSetCookie reads them one by one, as a browser does).
            if (Array.isArray(value)) for (const line of value) responseHeaders.append(name, line);
            else if (value !== undefined) responseHeaders.set(name, value);
          }
          const status = incoming.statusCode ?? 500;
          resolve(
            new Response([101, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks), {
              status,
              statusText: incoming.statusMessage,
              headers: responseHeaders
            })
          );
        });
      }
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** @param {string} jwt @returns {Record<string, unknown>} the payload of a JWS */
const claimsOf = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));

/** The replay's steps: how the recorded trace is cut, with a title and one sentence each. */
const REPLAY = [
  {
    id: 'sign-in',
    title: 'Sign in with SRP',
    caption:
      'amazon-cognito-identity-js proves that alice knows her password without sending it: InitiateAuth ' +
      '(USER_SRP_AUTH) sends SRP_A and gets the PASSWORD_VERIFIER challenge, RespondToAuthChallenge ' +
      'answers it and receives the id, access and refresh tokens.',
    operations: ['InitiateAuth', 'RespondToAuthChallenge']
  },
  {
    id: 'verify-tokens',
    title: 'Verify the tokens with the JWKS',
    caption:
      "The app downloads the user pool's public keys once and checks both tokens itself: RS256 signature " +
      'by the key named in kid, issuer, client id, token_use and expiry, without asking Cognito.',
    operations: ['GET jwks.json']
  },
  {
    id: 'get-id',
    title: 'GetId',
    /** @param {string} loginsKey */
    caption: (loginsKey) =>
      `The app hands the id token to the identity pool in a Logins map under ${loginsKey}, ` +
      "and gets back alice's IdentityId, the same one every time she signs in.",
    operations: ['GetId']
  },
  {
    id: 'get-credentials',
    title: 'GetCredentialsForIdentity',
    caption:
      'With the same Logins map the identity pool checks the id token again, takes the role its ' +
      'cognito:preferred_role claim names and returns temporary AWS credentials valid for one hour.',
    operations: ['GetCredentialsForIdentity']
  },
  {
    id: 'prove-credentials',
    title: 'GetCallerIdentity',
    caption:
      'A request to STS signed (SigV4) with the new credentials succeeds, and STS names the caller: ' +
      'the role the identity pool chose, assumed for this identity.',
    operations: ['GetCallerIdentity']
  },
  {
    id: 'call-api',
    title: 'Call an API with the id token',
    caption:
      'The app sends the id token in Authorization to a REST API whose Cognito authorizer checks it; the ' +
      "backend answers 200 with alice's claims, and no identity pool was needed.",
    operations: ['GET execute-api']
  },
  {
    id: 'api-refused',
    title: 'The access token on the same method',
    caption:
      'A method without OAuth scopes takes only an id token, so the authorizer answers the access token ' +
      'with 401 Unauthorized and the backend never runs.',
    operations: ['GET execute-api'],
    status: 401
  },
  {
    id: 'upload',
    title: 'PutObject into her own folder',
    caption:
      "With the identity pool's credentials the browser uploads straight to S3, into private/<her identity id>/, " +
      'which the role allows through ${cognito-identity.amazonaws.com:sub}.',
    operations: ['PutObject']
  },
  {
    id: 's3-refused',
    title: "PutObject into another identity's folder",
    caption:
      "The same credentials are refused another identity's folder with 403 AccessDenied: the policy variable " +
      'resolves to her identity id only.',
    operations: ['PutObject'],
    status: 403
  }
];

/** LensIdP's issuer for a sandbox endpoint: same host, port + 1. @param {string} endpoint */
function idpIssuerOf(endpoint) {
  const url = new URL(endpoint);
  url.port = String(Number(url.port) + 1);
  return url.origin;
}

/** The AWS SDK options of the recorded runs. @param {string} sdkVersion */
function flowsSdkOptions(sdkVersion) {
  return {
    maxAttempts: 3,
    retryMode: 'standard',
    // As the browser build says, minus what would differ between machines (OS and Node versions).
    defaultUserAgentProvider: async () =>
      /** @type {[string, string?][]} */ ([
        ['aws-sdk-js', sdkVersion],
        ['ua', '2.1'],
        ['os/other'],
        ['lang/js'],
        ['md/nodejs']
      ])
  };
}

/**
 * User pool federation and identity pool federation with LensIdP's sam, run by run-both.ts (the playground's
 * runner and flows, a headless agent on LensIdP's pages), kept as each side's trace and the diagram steps it
 * reached with what moved.
 * @param {Awaited<ReturnType<typeof loadSiteModules>>} site
 * @param {{ config: import('../src/lib/playground/config').PlaygroundConfig, preset: any, fetch: typeof fetch,
 *   now: () => number, libraries: any }} input
 */
async function recordFederation(site, { config, preset, fetch, now, libraries }) {
  const sam = preset.idp.users.find((/** @type {{username: string}} */ user) => user.username === 'sam');
  assert(sam, 'no LensIdP user sam in the preset');
  const redirectUri = preset.idp.publicRedirectUris[0];
  const options = {
    config,
    redirectUri,
    identityProvider: preset.idp.providerName,
    user: { username: sam.username, password: sam.password }
  };
  const deps = {
    fetch,
    now,
    crypto: globalThis.crypto,
    loadOAuth: async () => libraries.oauth,
    loadCognito: async () => libraries.identityJs,
    loadIdentitySdk: async () => ({
      identity: libraries.identitySdk,
      sts: libraries.stsSdk,
      http: { FetchHttpHandler: libraries.FetchHttpHandler }
    }),
    sdkOptions: libraries.sdkOptions
  };
  const userPool = await site.runBoth.runUserPoolFederation(options, deps);
  assert(userPool.verification.id?.valid, 'the federated user pool id token did not verify');
  assert(userPool.unseen && userPool.unseen.length > 0, 'the sandbox reported nothing out of sight');
  const identityPool = await site.runBoth.runIdentityPoolFederation(options, deps);
  assert(/assumed-role\/LensEditors\//.test(identityPool.caller.Arn), `sam got ${identityPool.caller.Arn}`);
  /** @param {{ entries: any[], steps: any[] }} run */
  const kept = (run) => ({
    entries: run.entries,
    steps: run.steps.map((/** @type {any} */ step) => ({
      diagram: step.diagram,
      step: step.step,
      entryId: step.entryId,
      operation: step.operation,
      outOfSight: step.outOfSight,
      moved: step.moved
    }))
  });
  return { userPool: kept(userPool), identityPool: kept(identityPool) };
}

/** @param {unknown} condition @param {string} message @returns {asserts condition} */
function assert(condition, message) {
  if (!condition) throw new Error(`record-sample-run: ${message}`);
}

/**
 * One recording, from a fresh sandbox in a temp folder. Returns the fixture's text.
 * @param {Awaited<ReturnType<typeof loadSiteModules>>} site
 */
async function record(site) {
  const [
    { startSandbox },
    { loadKeys },
    identityJs,
    identitySdk,
    stsSdk,
    s3Sdk,
    { FetchHttpHandler },
    jose,
    oauth
  ] = await Promise.all([
    import('../sandbox/lib/server.js'),
    import('../sandbox/lib/keys.js'),
    import('amazon-cognito-identity-js'),
    import('@aws-sdk/client-cognito-identity'),
    import('@aws-sdk/client-sts'),
    import('@aws-sdk/client-s3'),
    import('@smithy/fetch-http-handler'),
    import('jose'),
    import('oauth4webapi')
  ]);
  const preset = JSON.parse(await readFile(path.join(ROOT, 'sandbox/seed/preset.json'), 'utf8'));
  const sdkVersion = JSON.parse(
    await readFile(path.join(ROOT, 'node_modules/@aws-sdk/client-cognito-identity/package.json'), 'utf8')
  ).version;
  const endpoint = String(preset.endpoint);
  const config = {
    region: preset.region,
    userPoolId: preset.userPoolId,
    clientId: preset.clients.web.id,
    domain: '',
    identityPoolId: preset.identityPools.guests.id,
    endpoint,
    // LensIdP, the sandbox's OpenID provider: the preset's endpoint's port + 1 (the IDP contract).
    idpIssuer: idpIssuerOf(endpoint),
    idpClientId: preset.idp.publicClientId
  };
  const alice = preset.users.find((/** @type {{username: string}} */ user) => user.username === USERNAME);
  assert(alice, `no user ${USERNAME} in the preset`);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cognito-lens-recording-'));
  const clock = new FakeClock(RECORDED_AT);
  const realFetch = globalThis.fetch;
  /** @type {import('../src/lib/playground/trace').TraceEntry[]} */
  const entries = [];
  /** @type {unknown[]} */
  const sandboxErrors = [];
  /** @type {Awaited<ReturnType<typeof startSandbox>> | undefined} */
  let sandbox;
  const idpOrigin = new URL(config.idpIssuer).origin;
  let idpPort = 0;
  Determinism.start(clock);
  // The sandbox's own calls to LensIdP (the pool redeeming its code, the identity pool reading its keys) go to
  // the preset's issuer: deliver them to the port LensIdP really listens on, with the preset's Host.
  globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== idpOrigin) return realFetch(input, init);
    const response = await fetchOnPort(idpPort, input, init);
    // Node's HTTP server stamps Date from the real clock: restamp it from the fake one (the event feed shows it).
    if (response.headers.has('date')) response.headers.set('date', new Date(clock.now()).toUTCString());
    return response;
  };
  try {
    sandbox = await startSandbox({
      port: 0,
      publicUrl: endpoint,
      idpPort: 0,
      idpPublicUrl: config.idpIssuer,
      dataDir,
      reset: true,
      onCodeSent: () => {},
      onError: (error) => sandboxErrors.push(error)
    });
    const sandboxPort = sandbox.port;
    idpPort = sandbox.idpPort;

    // The network as the page sees it: a fixed time per exchange, and only the CORS-readable headers. The
    // federation runs' headless agent is a browser, not a page: it sees every header (redirects, cookies).
    /** @param {{ everyHeader?: boolean }} [view] @returns {typeof fetch} */
    const networkFor =
      (view = {}) =>
      async (input, init) => {
        clock.advance(EXCHANGE_MS / 2);
        const request = new Request(input, init);
        const url = new URL(request.url);
        // A page's requests name its origin (S3 answers CORS, ETag and the policy decision, by it); the agent's
        // are the IdP's and the pool's own pages, which name theirs.
        const sent = new Headers(request.headers);
        if (!view.everyHeader) sent.set('origin', SITE_ORIGIN);
        const response = await fetchOnPort(url.origin === idpOrigin ? idpPort : sandboxPort, request, {
          headers: sent
        });
        const body = await response.arrayBuffer();
        clock.advance(EXCHANGE_MS / 2);
        const headers = view.everyHeader
          ? new Headers(response.headers)
          : browserReadableHeaders(response.headers);
        // Node's HTTP server stamps Date from the real clock (out of reach of the fake one): restamp it with the
        // fake clock at the moment the sandbox answered, as a server on that clock would have.
        if (headers.has('date')) headers.set('date', new Date(clock.now() - EXCHANGE_MS / 2).toUTCString());
        return new Response([101, 204, 205, 304].includes(response.status) ? null : body, {
          status: response.status,
          statusText: response.statusText,
          headers
        });
      };
    const network = networkFor();

    // The playground's runner and flows, as the page builds them.
    const runner = new site.runner.FlowRunner({ fetch: network, now: () => clock.now() });
    runner.subscribe((event) => {
      if (event.type === 'exchange-started') entries.push(event.entry);
      if (event.type === 'exchange-finished') {
        entries.splice(
          entries.findIndex((entry) => entry.id === event.entry.id),
          1,
          event.entry
        );
      }
    });
    const flows = new site.flows.PlaygroundFlows({
      runner,
      now: () => clock.now(),
      loadCognito: async () => identityJs,
      loadIdentitySdk: async () => ({ identity: identitySdk, sts: stsSdk, http: { FetchHttpHandler } }),
      loadS3Sdk: async () => ({ s3: s3Sdk, http: { FetchHttpHandler } }),
      sdkOptions: flowsSdkOptions(sdkVersion)
    });

    const signIn = await flows.signIn(config, USERNAME, alice.password, 'USER_SRP_AUTH');
    assert(signIn.outcome.kind === 'signed-in', `sign-in ended in ${signIn.outcome.kind}`);
    const tokens = signIn.outcome.tokens;
    const verification = signIn.verification;
    for (const result of [verification?.id, verification?.access]) {
      assert(result?.valid, `token not valid: ${result?.firstFailure?.id} ${result?.firstFailure?.reason}`);
    }
    const jwks = verification?.jwks;
    assert(jwks, 'the key set was not downloaded');
    const logins = site.flows.loginsFor(config, tokens.idToken);
    const { identityId, credentials } = await flows.enhanced(config, logins);
    const callerIdentity = await flows.prove(config, credentials);

    // The two architectures: an API behind the user pool authorizer, and S3 with the credentials.
    const restApi = preset.apis.rest;
    const profile = restApi.methods.find((/** @type {{path: string}} */ m) => m.path === '/profile');
    const apiUrl = `${endpoint}/execute-api/${restApi.id}/${restApi.stage}`;
    for (const token of [tokens.idToken, tokens.accessToken]) {
      await flows.callApi({ apiUrl, route: profile, kind: 'rest-cognito', token });
    }
    const storage = await flows.storage(
      { region: config.region, bucket: preset.s3.buckets.uploads.name, endpoint },
      credentials
    );
    const folder = site.storage.ownFolder(identityId);
    for (const key of [`${folder}hello.txt`, `${site.storage.otherFolder(identityId)}hello.txt`]) {
      await flows.useCredentials(() => storage.put(key, 'hello from alice', 'text/plain'));
    }
    storage.destroy();

    // The replay's steps, cut from the trace in order.
    let next = 0;
    const steps = REPLAY.map((step) => {
      const made = entries.slice(next, next + step.operations.length);
      next += made.length;
      assert(
        JSON.stringify(made.map((entry) => entry.operation)) === JSON.stringify(step.operations),
        `step "${step.id}" expected ${step.operations.join(', ')}, the run made ${made.map((e) => e.operation).join(', ')}`
      );
      for (const entry of made) {
        const expected = 'status' in step ? step.status : 200;
        assert(
          entry.status === expected,
          `${entry.operation} answered ${entry.status} (expected ${expected}): ${entry.responseBody}`
        );
      }
      const caption =
        typeof step.caption === 'function' ? step.caption(Object.keys(logins)[0] ?? '') : step.caption;
      return { id: step.id, title: step.title, caption, entries: made.map((entry) => entry.id) };
    });
    assert(next === entries.length, `the run made ${entries.length - next} exchanges no step shows`);

    // Which role, and why: the id token's preferred role, from the group with the lowest precedence.
    const claims = claimsOf(tokens.idToken);
    const preferred = claims['cognito:preferred_role'];
    const groupName = Object.keys(preset.groups).find(
      (name) => preset.roles[preset.groups[name].role]?.arn === preferred
    );
    assert(preferred && groupName, 'the id token has no cognito:preferred_role from a preset group');
    const group = { name: groupName, precedence: preset.groups[groupName].precedence };
    const assumed = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(callerIdentity.Arn);
    assert(
      assumed && `arn:aws:iam::${assumed[1]}:role/${assumed[2]}` === preferred,
      `STS says ${callerIdentity.Arn}, the token prefers ${preferred}`
    );

    // The refresh token's key was wrapped with OAEP done above: the sandbox's key must still open it.
    const keys = loadKeys(path.join(ROOT, 'sandbox/seed/keys.json'));
    await jose.compactDecrypt(tokens.refreshToken, keys.refreshToken.privateKey);
    assert(
      sandboxErrors.length === 0,
      `the sandbox reported errors: ${sandboxErrors.map(String).join('; ')}`
    );

    // Both kinds of federation, by the driver "Run both live" uses (run-both.ts), one after the other so the
    // random stream is drawn in the same order every time.
    const federation = await recordFederation(site, {
      config: { ...config, domain: endpoint },
      preset,
      fetch: networkFor({ everyHeader: true }),
      now: () => clock.now(),
      libraries: {
        oauth,
        identityJs,
        identitySdk,
        stsSdk,
        FetchHttpHandler,
        sdkOptions: flowsSdkOptions(sdkVersion)
      }
    });

    const recording = {
      format: site.recording.RECORDING_FORMAT,
      label: LABEL,
      recordedAt: new Date(RECORDED_AT).toISOString(),
      config,
      steps,
      entries,
      tokens,
      jwks,
      identityId,
      credentials,
      callerIdentity,
      role: {
        chosen: preferred,
        why: `cognito:preferred_role from the id token (group ${group.name}, precedence ${group.precedence})`
      },
      federation
    };
    // The fixture must be one the site accepts.
    site.recording.parseRecording(JSON.parse(JSON.stringify(recording)));
    return recording;
  } finally {
    globalThis.fetch = realFetch;
    await sandbox?.close();
    Determinism.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The fixture's bytes: JSON as Prettier prints it, so `prettier --check` and the script agree.
 * @param {unknown} recording
 */
async function format(recording) {
  const prettier = await import('prettier');
  const settings = (await prettier.resolveConfig(FIXTURE)) ?? {};
  return prettier.format(JSON.stringify(recording), { ...settings, filepath: FIXTURE, plugins: [] });
}

/** @param {string} a @param {string} b @returns {number} the first line (1-based) where two texts differ */
function firstDifferentLine(a, b) {
  const left = a.split('\n');
  const right = b.split('\n');
  const index = left.findIndex((line, i) => line !== right[i]);
  return (index === -1 ? left.length : index) + 1;
}

async function main() {
  isolateFromAwsConfiguration();
  const site = await loadSiteModules();
  const text = await format(await record(site));
  const relative = path.relative(ROOT, FIXTURE);
  if (!options.check) {
    await mkdir(path.dirname(FIXTURE), { recursive: true });
    await writeFile(FIXTURE, text);
    console.log(`wrote ${relative} (${Buffer.byteLength(text)} bytes)`);
    return 0;
  }
  const committed = await readFile(FIXTURE, 'utf8').catch(() => null);
  if (committed === text) {
    console.log(`${relative} is up to date (${Buffer.byteLength(text)} bytes, re-recorded identically).`);
    return 0;
  }
  console.error(
    committed === null
      ? `${relative} does not exist: run node scripts/record-sample-run.js`
      : `${relative} differs from a new recording (first at line ${firstDifferentLine(committed, text)}): ` +
          'run node scripts/record-sample-run.js and review the diff.'
  );
  return 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith('record-sample-run:') ? message : error);
  process.exitCode = 1;
}
