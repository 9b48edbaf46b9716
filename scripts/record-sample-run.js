#!/usr/bin/env node
// @ts-check
// Records the playground's sample run from the local sandbox, for replay without any pool or network (presenter
// mode, the playground's "recorded run"). No npm script needed:
//
//   node scripts/record-sample-run.js          record and write content/recordings/sample-run.json
//   node scripts/record-sample-run.js --check  record again in memory; exit 1 if it differs from the committed file
//
// The run: alice signs in with SRP (amazon-cognito-identity-js), the app verifies her tokens against the pool's
// JWKS (the site's own verifier), then GetId and GetCredentialsForIdentity (@aws-sdk/client-cognito-identity) and
// GetCallerIdentity signed with the issued credentials (@aws-sdk/client-sts). Every exchange goes through the
// playground's traced fetch (src/lib/flows/trace.ts), so the recorded trace is redacted exactly as a live one.
//
// Byte-for-byte reproducible: the sandbox runs in this process, so one switch makes both sides deterministic for
// the duration of the recording (see `Determinism` below), and nothing else in the sandbox changes:
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
import { createHash, KeyObject, publicEncrypt, constants as cryptoConstants } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = path.join(ROOT, 'content/recordings/sample-run.json');
const RECORDED_AT = Date.UTC(2026, 0, 15, 9, 0, 0);
const EXCHANGE_MS = 40;
const SEED = 'cognito-lens sample run, format 1';
const USERNAME = 'alice';
const LABEL = 'Recorded sample run (local sandbox, fixed clock)';

// ---------------------------------------------------------------------------------------------------------------
// Determinism: installed before any library is loaded (some keep a reference to crypto.randomUUID at load time),
// inert (plain delegation) until `Determinism.start()`, inert again after `Determinism.stop()`.

/** A seeded byte stream: SHA-256(seed | counter) blocks, one after the other. */
class SeededStream {
  #seed;
  #counter = 0;
  #pool = Buffer.alloc(0);

  /** @param {string} seed */
  constructor(seed) {
    this.#seed = Buffer.from(seed, 'utf8');
  }

  /** @param {number} n @returns {Buffer} */
  bytes(n) {
    while (this.#pool.length < n) {
      const counter = Buffer.alloc(4);
      counter.writeUInt32BE(this.#counter);
      this.#counter += 1;
      const block = createHash('sha256').update(this.#seed).update(counter).digest();
      this.#pool = Buffer.concat([this.#pool, block]);
    }
    const out = Buffer.from(this.#pool.subarray(0, n));
    this.#pool = this.#pool.subarray(n);
    return out;
  }

  /** A uniform integer in [0, range), by rejection sampling on 48 bits. @param {number} range */
  below(range) {
    const limit = 2 ** 48 - (2 ** 48 % range);
    for (;;) {
      const value = this.bytes(6).readUIntBE(0, 6);
      if (value < limit) return value % range;
    }
  }

  uuid() {
    const b = this.bytes(16);
    b.writeUInt8((b.readUInt8(6) & 0x0f) | 0x40, 6); // version 4
    b.writeUInt8((b.readUInt8(8) & 0x3f) | 0x80, 8); // RFC 4122 variant
    const hex = b.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

/** Milliseconds that move only when told to. */
class FakeClock {
  #now;
  /** @param {number} start */
  constructor(start) {
    this.#now = start;
  }
  now() {
    return this.#now;
  }
  /** @param {number} ms */
  advance(ms) {
    this.#now += ms;
  }
}

/** @param {ArrayBufferView | ArrayBuffer} target @returns {Uint8Array} */
function bytesOf(target) {
  return target instanceof ArrayBuffer
    ? new Uint8Array(target)
    : new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
}

/** MGF1 (RFC 8017 B.2.1). @param {string} hash @param {Buffer} seed @param {number} length */
function mgf1(hash, seed, length) {
  const parts = [];
  for (let counter = 0, total = 0; total < length; counter += 1) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = createHash(hash).update(seed).update(c).digest();
    parts.push(block);
    total += block.length;
  }
  return Buffer.concat(parts).subarray(0, length);
}

/**
 * RSAES-OAEP-ENCRYPT (RFC 8017 7.1.1) with the seed given: OAEP encoding here, raw RSA in OpenSSL.
 * @param {KeyObject} publicKey @param {string} hash node name (sha1, sha256...) @param {Buffer} message
 * @param {Buffer} label @param {(n: number) => Buffer} random
 */
function oaepEncrypt(publicKey, hash, message, label, random) {
  const k = Math.ceil(/** @type {number} */ (publicKey.asymmetricKeyDetails?.modulusLength) / 8);
  const lHash = createHash(hash).update(label).digest();
  const hLen = lHash.length;
  if (message.length > k - 2 * hLen - 2) throw new Error('RSA-OAEP: message too long');
  const db = Buffer.concat([
    lHash,
    Buffer.alloc(k - message.length - 2 * hLen - 2),
    Buffer.from([1]),
    message
  ]);
  const seed = random(hLen);
  const dbMask = mgf1(hash, seed, db.length);
  const maskedDb = Buffer.from(db.map((byte, i) => byte ^ dbMask.readUInt8(i)));
  const seedMask = mgf1(hash, maskedDb, hLen);
  const maskedSeed = Buffer.from(seed.map((byte, i) => byte ^ seedMask.readUInt8(i)));
  const encoded = Buffer.concat([Buffer.from([0]), maskedSeed, maskedDb]);
  return publicEncrypt({ key: publicKey, padding: cryptoConstants.RSA_NO_PADDING }, encoded);
}

const Determinism = (() => {
  const require = createRequire(import.meta.url);
  /** @type {typeof import('node:crypto')} the CommonJS object behind `node:crypto`'s ESM exports */
  const cjsCrypto = require('node:crypto');
  const webcrypto = globalThis.crypto;
  const subtle = webcrypto.subtle;
  const real = {
    randomBytes: cjsCrypto.randomBytes,
    randomFillSync: cjsCrypto.randomFillSync,
    randomFill: cjsCrypto.randomFill,
    randomInt: cjsCrypto.randomInt,
    randomUUID: cjsCrypto.randomUUID,
    getRandomValues: webcrypto.getRandomValues.bind(webcrypto),
    webRandomUUID: webcrypto.randomUUID.bind(webcrypto),
    encrypt: subtle.encrypt.bind(subtle),
    random: Math.random,
    Date: globalThis.Date
  };
  /** @type {{stream: SeededStream, clock: FakeClock} | null} */
  let active = null;

  /** @param {ArrayBufferView | ArrayBuffer} target @param {number} [offset] @param {number} [size] */
  const fill = (target, offset = 0, size) => {
    if (!active) throw new Error('record-sample-run: deterministic randomness used while inactive');
    const view = bytesOf(target);
    const length = size ?? view.length - offset;
    view.set(active.stream.bytes(length), offset);
    return target;
  };

  Object.assign(cjsCrypto, {
    /** @param {number} size @param {Function} [callback] */
    randomBytes(size, callback) {
      if (!active) return real.randomBytes(size, /** @type {any} */ (callback));
      const bytes = active.stream.bytes(size);
      if (typeof callback !== 'function') return bytes;
      process.nextTick(callback, null, bytes);
      return undefined;
    },
    /** @param {ArrayBufferView | ArrayBuffer} target @param {number} [offset] @param {number} [size] */
    randomFillSync(target, offset, size) {
      return active
        ? fill(target, offset, size)
        : real.randomFillSync(/** @type {any} */ (target), offset, size);
    },
    /** @param {ArrayBufferView | ArrayBuffer} target @param {...any} rest */
    randomFill(target, ...rest) {
      if (!active) return /** @type {any} */ (real.randomFill)(target, ...rest);
      const callback = rest.pop();
      fill(target, rest[0], rest[1]);
      process.nextTick(callback, null, target);
    },
    /** @param {...any} args */
    randomInt(...args) {
      if (!active) return /** @type {any} */ (real.randomInt)(...args);
      const callback = typeof args.at(-1) === 'function' ? args.pop() : undefined;
      const [min, max] = args.length === 1 ? [0, args[0]] : args;
      const value = min + active.stream.below(max - min);
      if (!callback) return value;
      process.nextTick(callback, null, value);
      return undefined;
    },
    /** @param {any} [options] */
    randomUUID(options) {
      return active ? active.stream.uuid() : real.randomUUID(options);
    }
  });
  // Re-points the named ESM exports of node:crypto (`import { randomUUID } from 'node:crypto'`) at the above.
  syncBuiltinESMExports();

  Object.defineProperties(webcrypto, {
    getRandomValues: {
      configurable: true,
      writable: true,
      /** @param {any} array */
      value: (array) => (active ? fill(array) : real.getRandomValues(array))
    },
    randomUUID: {
      configurable: true,
      writable: true,
      value: () => (active ? active.stream.uuid() : real.webRandomUUID())
    }
  });
  Object.defineProperty(subtle, 'encrypt', {
    configurable: true,
    writable: true,
    /** @param {any} algorithm @param {CryptoKey} key @param {BufferSource} data */
    value: async (algorithm, key, data) => {
      const name = typeof algorithm === 'string' ? algorithm : algorithm?.name;
      if (!active || String(name).toUpperCase() !== 'RSA-OAEP') return real.encrypt(algorithm, key, data);
      const stream = active.stream;
      const hash = /** @type {RsaHashedKeyAlgorithm} */ (key.algorithm).hash.name
        .replace('-', '')
        .toLowerCase();
      const label = algorithm?.label ? Buffer.from(bytesOf(algorithm.label)) : Buffer.alloc(0);
      const message = Buffer.from(bytesOf(/** @type {any} */ (data)));
      const out = oaepEncrypt(KeyObject.from(key), hash, message, label, (n) => stream.bytes(n));
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
    }
  });

  Math.random = () => (active ? active.stream.bytes(6).readUIntBE(0, 6) / 2 ** 48 : real.random());

  /** `Date` reading the fake clock while active; instances are ordinary Dates. @param {...any} args */
  function DeterministicDate(...args) {
    const now = active ? active.clock.now() : real.Date.now();
    if (!new.target) return new real.Date(now).toString();
    return Reflect.construct(real.Date, args.length === 0 ? [now] : args, new.target);
  }
  Object.setPrototypeOf(DeterministicDate, real.Date);
  DeterministicDate.prototype = real.Date.prototype;
  DeterministicDate.now = () => (active ? active.clock.now() : real.Date.now());
  globalThis.Date = /** @type {DateConstructor} */ (/** @type {unknown} */ (DeterministicDate));

  return {
    /** @param {FakeClock} clock */
    start(clock) {
      active = { stream: new SeededStream(SEED), clock };
    },
    stop() {
      active = null;
    }
  };
})();

// ---------------------------------------------------------------------------------------------------------------

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
  const { createServer } = await import('vite');
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    resolve: { alias: { $lib: path.join(ROOT, 'src/lib') } },
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] }
  });
  try {
    return {
      trace: /** @type {typeof import('../src/lib/flows/trace')} */ (
        await server.ssrLoadModule('/src/lib/flows/trace.ts')
      ),
      recording: /** @type {typeof import('../src/lib/flows/recording')} */ (
        await server.ssrLoadModule('/src/lib/flows/recording.ts')
      ),
      tokens: /** @type {typeof import('../src/lib/tokens')} */ (
        await server.ssrLoadModule('/src/lib/tokens/index.ts')
      ),
      cognito: /** @type {typeof import('../src/lib/cognito')} */ (
        await server.ssrLoadModule('/src/lib/cognito/index.ts')
      )
    };
  } finally {
    // Nothing of Vite keeps running (or drawing random numbers) during the recording.
    await server.close();
  }
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
            if (value !== undefined)
              responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
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

/** @param {unknown} condition @param {string} message @returns {asserts condition} */
function assert(condition, message) {
  if (!condition) throw new Error(`record-sample-run: ${message}`);
}

/**
 * One recording, from a fresh sandbox in a temp folder. Returns the fixture's text.
 * @param {Awaited<ReturnType<typeof loadSiteModules>>} site
 */
async function record(site) {
  const [{ startSandbox }, { loadKeys }, identityJs, identitySdk, stsSdk, { FetchHttpHandler }, jose] =
    await Promise.all([
      import('../sandbox/lib/server.js'),
      import('../sandbox/lib/keys.js'),
      import('amazon-cognito-identity-js'),
      import('@aws-sdk/client-cognito-identity'),
      import('@aws-sdk/client-sts'),
      import('@smithy/fetch-http-handler'),
      import('jose')
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
    endpoint
  };
  const alice = preset.users.find((/** @type {{username: string}} */ user) => user.username === USERNAME);
  assert(alice, `no user ${USERNAME} in the preset`);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cognito-lens-recording-'));
  const clock = new FakeClock(RECORDED_AT);
  const realFetch = globalThis.fetch;
  /** @type {import('../src/lib/flows/trace').TraceEntry[]} */
  const entries = [];
  /** @type {unknown[]} */
  const sandboxErrors = [];
  /** @type {Awaited<ReturnType<typeof startSandbox>> | undefined} */
  let sandbox;
  Determinism.start(clock);
  try {
    sandbox = await startSandbox({
      port: 0,
      publicUrl: endpoint,
      dataDir,
      reset: true,
      onCodeSent: () => {},
      onError: (error) => sandboxErrors.push(error)
    });
    const sandboxPort = sandbox.port;

    // The network as the page sees it: a fixed time per exchange, and only the CORS-readable headers.
    /** @type {typeof fetch} */
    const network = async (input, init) => {
      clock.advance(EXCHANGE_MS / 2);
      const response = await fetchOnPort(sandboxPort, input, init);
      const body = await response.arrayBuffer();
      clock.advance(EXCHANGE_MS / 2);
      const headers = browserReadableHeaders(response.headers);
      // Node's HTTP server stamps Date from the real clock (out of reach of the fake one): restamp it with the
      // fake clock at the moment the sandbox answered, as a server on that clock would have.
      if (headers.has('date')) headers.set('date', new Date(clock.now() - EXCHANGE_MS / 2).toUTCString());
      return new Response(body, { status: response.status, statusText: response.statusText, headers });
    };
    const traced = site.trace.createTracedFetch({
      fetch: network,
      now: () => clock.now(),
      onStart: (entry) => entries.push(entry),
      onFinish: (entry) =>
        entries.splice(
          entries.findIndex((e) => e.id === entry.id),
          1,
          entry
        )
    });
    // amazon-cognito-identity-js calls the global fetch, as in the page (which wraps window.fetch).
    globalThis.fetch = traced;

    /** @type {{id: number, title: string, caption: string, entries: number[], diagram: Record<string, number>}[]} */
    const steps = [];
    /**
     * @template T
     * @param {{title: string, caption: string, diagram: Record<string, number>, operations: string[]}} step
     * @param {() => Promise<T>} work
     * @returns {Promise<T>}
     */
    const runStep = async (step, work) => {
      const before = entries.length;
      const result = await work();
      const made = entries.slice(before);
      assert(
        JSON.stringify(made.map((entry) => entry.operation)) === JSON.stringify(step.operations),
        `step "${step.title}" made ${made.map((entry) => entry.operation).join(', ')}`
      );
      for (const entry of made) {
        assert(entry.status === 200, `${entry.operation} answered ${entry.status}: ${entry.responseBody}`);
      }
      steps.push({
        id: steps.length + 1,
        title: step.title,
        caption: step.caption,
        entries: made.map((entry) => entry.id),
        diagram: step.diagram
      });
      return result;
    };

    const sdkOptions = {
      region: config.region,
      endpoint,
      requestHandler: new FetchHttpHandler({ customFetch: traced }),
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
    const loginsKey = site.cognito.deriveLoginsKey({ userPoolId: config.userPoolId });
    const issuer = `${endpoint}/${config.userPoolId}`;

    // 1. SRP sign-in, as the playground does it (memory storage, endpoint with its trailing slash).
    const storage = (() => {
      /** @type {Map<string, string>} */
      const items = new Map();
      return {
        /** @param {string} key */
        getItem: (key) => items.get(key) ?? null,
        /** @param {string} key @param {string} value */
        setItem: (key, value) => void items.set(key, value),
        /** @param {string} key */
        removeItem: (key) => void items.delete(key),
        clear: () => items.clear()
      };
    })();
    const pool = new identityJs.CognitoUserPool({
      UserPoolId: config.userPoolId,
      ClientId: config.clientId,
      endpoint: `${endpoint}/`,
      Storage: storage
    });
    const user = new identityJs.CognitoUser({ Username: USERNAME, Pool: pool, Storage: storage });
    user.setAuthenticationFlowType('USER_SRP_AUTH');
    /** @type {import('amazon-cognito-identity-js').CognitoUserSession} */
    const session = await runStep(
      {
        title: 'Sign in with SRP',
        caption:
          'amazon-cognito-identity-js proves that alice knows her password without sending it: InitiateAuth ' +
          '(USER_SRP_AUTH) sends SRP_A and gets the PASSWORD_VERIFIER challenge, RespondToAuthChallenge ' +
          'answers it and receives the id, access and refresh tokens.',
        diagram: { 'cup-federation': 5, 'cip-federation': 2 },
        operations: ['InitiateAuth', 'RespondToAuthChallenge']
      },
      () =>
        new Promise((resolve, reject) =>
          user.authenticateUser(
            new identityJs.AuthenticationDetails({ Username: USERNAME, Password: alice.password }),
            {
              onSuccess: resolve,
              onFailure: reject,
              newPasswordRequired: () => reject(new Error('unexpected NEW_PASSWORD_REQUIRED')),
              mfaRequired: () => reject(new Error('unexpected MFA challenge')),
              totpRequired: () => reject(new Error('unexpected MFA challenge')),
              customChallenge: () => reject(new Error('unexpected custom challenge'))
            }
          )
        )
    );
    const tokens = {
      idToken: session.getIdToken().getJwtToken(),
      accessToken: session.getAccessToken().getJwtToken(),
      refreshToken: session.getRefreshToken().getToken()
    };

    // 2. Verification against the JWKS, with the playground's verifier and cache (one GET for both tokens).
    const jwksCache = site.tokens.createJwksCache({ fetch: traced, now: () => clock.now() });
    const jwksUri = site.cognito.deriveJwksUri(issuer);
    const jwks = await runStep(
      {
        title: 'Verify the tokens with the JWKS',
        caption:
          "The app downloads the user pool's public keys once and checks both tokens itself: RS256 signature " +
          'by the key named in kid, issuer, client id, token_use and expiry, without asking Cognito.',
        diagram: { 'cup-federation': 6 },
        operations: ['GET jwks.json']
      },
      async () => {
        const common = { issuer: [issuer], clientId: config.clientId, groups: null, scopes: null };
        const deps = { now: () => clock.now(), jwks: jwksCache.source(jwksUri) };
        const results = await Promise.all([
          site.tokens.verifyToken(tokens.idToken, { ...common, tokenUse: 'id' }, deps),
          site.tokens.verifyToken(tokens.accessToken, { ...common, tokenUse: 'access' }, deps)
        ]);
        for (const result of results) {
          assert(result.valid, `token not valid: ${result.firstFailure?.id} ${result.firstFailure?.reason}`);
        }
        return jwksCache.getJwks(jwksUri);
      }
    );

    // 3-4. The enhanced flow, as the playground's IdentityPoolClient calls it.
    const identity = new identitySdk.CognitoIdentityClient(sdkOptions);
    const logins = { [loginsKey]: tokens.idToken };
    const identityId = await runStep(
      {
        title: 'GetId',
        caption:
          `The app hands the id token to the identity pool in a Logins map under ${loginsKey}, ` +
          "and gets back alice's IdentityId, the same one every time she signs in.",
        diagram: { 'cip-federation': 3 },
        operations: ['GetId']
      },
      async () => {
        const result = await identity.send(
          new identitySdk.GetIdCommand({ IdentityPoolId: config.identityPoolId, Logins: logins })
        );
        assert(result.IdentityId, 'GetId returned no IdentityId');
        return result.IdentityId;
      }
    );
    const credentials = await runStep(
      {
        title: 'GetCredentialsForIdentity',
        caption:
          'With the same Logins map the identity pool checks the id token again, takes the role its ' +
          'cognito:preferred_role claim names and returns temporary AWS credentials valid for one hour.',
        diagram: { 'cip-federation': 5 },
        operations: ['GetCredentialsForIdentity']
      },
      async () => {
        const result = await identity.send(
          new identitySdk.GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: logins })
        );
        const issued = result.Credentials;
        assert(
          issued?.AccessKeyId && issued.SecretKey && issued.SessionToken && issued.Expiration,
          'GetCredentialsForIdentity returned incomplete credentials'
        );
        return {
          accessKeyId: issued.AccessKeyId,
          secretKey: issued.SecretKey,
          sessionToken: issued.SessionToken,
          expiration: issued.Expiration.toISOString()
        };
      }
    );

    // 5. Proof: STS names the caller of a request signed with those credentials.
    const sts = new stsSdk.STSClient({
      ...sdkOptions,
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretKey,
        sessionToken: credentials.sessionToken
      }
    });
    const callerIdentity = await runStep(
      {
        title: 'GetCallerIdentity',
        caption:
          'A request to STS signed (SigV4) with the new credentials succeeds, and STS names the caller: ' +
          'the role the identity pool chose, assumed for this identity.',
        diagram: { 'cip-federation': 6 },
        operations: ['GetCallerIdentity']
      },
      async () => {
        const result = await sts.send(new stsSdk.GetCallerIdentityCommand({}));
        assert(result.Arn && result.Account && result.UserId, 'GetCallerIdentity returned no identity');
        return { Arn: result.Arn, Account: result.Account, UserId: result.UserId };
      }
    );
    identity.destroy();
    sts.destroy();

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

    const recording = {
      format: 1,
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
      }
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
