// Issue 14, hostile input: thousands of malformed requests (generated with fast-check) against a sandbox of this
// file's own, only on loopback. None may stop the process or answer 5xx, and every error of the JSON APIs is
// Cognito-shaped: status 400, `{"__type": "...", "message": "..."}`.
// The count and the time are bounded (REQUESTS, TIME_LIMIT_MS); the seed is printed with any failure, and
// FUZZ_SEED=<n> replays a run.
import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as idp from '@aws-sdk/client-cognito-identity-provider';
import * as identity from '@aws-sdk/client-cognito-identity';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startSandboxProcess, type SandboxProcess } from './sandbox-process';
import { preset } from './support';

const REQUESTS = 3000;
const TIME_LIMIT_MS = 90_000;
const CONCURRENCY = 6;
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const USER_POOLS = 'AWSCognitoIdentityProviderService';
const IDENTITY_POOLS = 'AWSCognitoIdentityService';

/** Every operation of a service, with the members of its input, from the SDK's model. */
function operationsOf(module: Record<string, unknown>) {
  return Object.keys(module)
    .filter((key) => key.endsWith('Command') && key !== 'Command')
    .map((key) => {
      const name = key.slice(0, -'Command'.length);
      const input = module[`${name}Request$`] ?? module[`${name}Input$`];
      const members = Array.isArray(input) && Array.isArray(input[4]) ? (input[4] as string[]) : [];
      return { name, members };
    });
}

const services = [
  { service: USER_POOLS, signingName: 'cognito-idp', operations: operationsOf(idp) },
  { service: IDENTITY_POOLS, signingName: 'cognito-identity', operations: operationsOf(identity) }
];

const realIds = [
  preset.userPoolId,
  ...Object.values(preset.clients).map((client) => client.id),
  ...Object.values(preset.identityPools).map((pool) => pool.id),
  ...preset.users.map((user) => user.username),
  'editors',
  'USER_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'REFRESH_TOKEN_AUTH',
  'NEW_PASSWORD_REQUIRED',
  'PASSWORD_VERIFIER'
];
const hostile = [
  '__proto__',
  'constructor',
  'toString',
  'prototype',
  'hasOwnProperty',
  'valueOf',
  '',
  '\u0000',
  '%zz',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'a'.repeat(5000)
];

const text = fc.oneof(
  fc.constantFrom(...realIds, ...hostile),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 })
);
const attributeName = fc.oneof(
  fc.constantFrom('sub', 'email', 'email_verified', 'cognito:groups', 'cognito:preferred_role', 'custom:x'),
  text
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 2,
    arbitrary: fc.array(
      fc.oneof(
        fc.record({ Name: attributeName, Value: fc.oneof(text, fc.jsonValue({ maxDepth: 1 })) }),
        text
      ),
      { maxLength: 4 }
    )
  },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(attributeName, text), fc.oneof(text, fc.jsonValue())) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, [], {}) }
);

interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Sign with the sandbox's admin credentials before sending. */
  sign?: string;
  json: boolean;
}

const pathChar = fc.constantFrom(...'/%zZ09az.-_~?#&=+:@!$\'()*,;[]{}|^`"<>\\'.split(''));
const path_ = fc.oneof(
  fc.constantFrom(
    '//',
    '///',
    '//%zz',
    '/%',
    '/..',
    '/./',
    '/oauth2/authorize',
    '/oauth2/token',
    '/oauth2/userInfo',
    '/oauth2/revoke',
    '/logout',
    `/${preset.userPoolId}/.well-known/openid-configuration`,
    '/cognito-identity/.well-known/jwks_uri',
    '/health',
    '*',
    'http://127.0.0.1:1/x',
    'http://[::1/'
  ),
  fc.string({ unit: pathChar, maxLength: 30 }).map((tail) => `/${tail}`),
  fc.string({ unit: pathChar, maxLength: 30 })
);
const query = fc
  .dictionary(
    fc.constantFrom(
      'client_id',
      'redirect_uri',
      'response_type',
      'state',
      'scope',
      'code_challenge',
      'code_challenge_method',
      'nonce',
      'prompt',
      'logout_uri',
      'grant_type',
      'code',
      'token',
      '__proto__'
    ),
    fc.oneof(text, fc.constantFrom(...preset.clients.web.callbackUrls))
  )
  .map((fields) => new URLSearchParams(fields as Record<string, string>).toString());

/** A JSON 1.1 call: a real operation with members of random type, or a made-up target. */
const jsonCall: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.constantFrom(...services),
    fc.nat(),
    fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 4, arbitrary: fc.constantFrom('signed', 'unsigned', 'badly-signed') }
    ),
    fc.oneof(fc.constantFrom(...hostile), fc.string({ maxLength: 12 })),
    fc.integer({ min: 0, max: 9 }),
    fc.infiniteStream(value),
    fc.oneof(
      { weight: 8, arbitrary: fc.constant('members') },
      { weight: 1, arbitrary: fc.constantFrom('raw', 'array', 'empty', 'truncated') }
    ),
    fc.string({ maxLength: 50 })
  )
  .map(([service, index, signing, madeUp, roll, values, shape, raw]) => {
    const operation = service.operations[index % service.operations.length] ?? { name: 'x', members: [] };
    const name = roll === 0 ? madeUp : operation.name;
    const target = roll === 1 ? `${madeUp}.${operation.name}` : `${service.service}.${name}`;
    const iterator = values[Symbol.iterator]();
    const members = Object.fromEntries(
      operation.members.filter(() => roll !== 2).map((member) => [member, iterator.next().value])
    );
    const body =
      shape === 'raw'
        ? raw
        : shape === 'array'
          ? JSON.stringify([members])
          : shape === 'empty'
            ? ''
            : shape === 'truncated'
              ? JSON.stringify(members).slice(0, -1)
              : JSON.stringify(members);
    return {
      kind: `json ${target} (${signing ?? 'no auth'}, ${shape})`,
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body,
      sign: signing === 'unsigned' || signing === undefined ? undefined : `${service.signingName}:${signing}`,
      json: true
    };
  });

/** Anything else a client could send: other paths and methods, forms, odd headers, a bad Host. */
const otherCall: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD'),
    path_,
    query,
    fc.oneof(query, fc.string({ maxLength: 60 })),
    fc.constantFrom(
      'application/x-www-form-urlencoded',
      'application/x-amz-json-1.1',
      'application/json',
      'text/plain',
      ''
    ),
    fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('[::bad', 'a:99999', 'évil', '', '127.0.0.1:0', 'x'.repeat(300))
    ),
    fc.oneof(fc.constant(undefined), fc.string({ maxLength: 30 }))
  )
  .map(([method, target, search, body, contentType, host, cookie]) => {
    const headers: Record<string, string> = {};
    if (contentType) headers['content-type'] = contentType;
    if (host !== undefined) headers.host = host;
    if (cookie !== undefined) headers.cookie = cookie;
    const separator = target.includes('?') ? '&' : '?';
    return {
      kind: `${method} ${target}`,
      method,
      path: search ? `${target}${separator}${search}` : target,
      headers,
      body: method === 'GET' || method === 'HEAD' ? '' : body,
      json: false
    };
  });

const fuzzRequest = fc.oneof({ weight: 3, arbitrary: jsonCall }, { weight: 2, arbitrary: otherCall });

/** Header values as an HTTP client may send them (no control characters); paths without spaces. */
const sendable = (value: string) =>
  [...value].map((char) => (char >= ' ' && char <= '~' ? char : '?')).join('');

let sandbox: SandboxProcess;
let port: number;
const dataRoot = mkdtempSync(path.join(tmpdir(), 'cognito-sandbox-fuzz-'));
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

beforeAll(async () => {
  port = await freePort();
  sandbox = await startSandboxProcess({ port, dataDir: path.join(dataRoot, 'data'), reset: true });
});

afterAll(async () => {
  agent.destroy();
  await sandbox?.stop();
  rmSync(dataRoot, { recursive: true, force: true });
});

async function signed(request: FuzzRequest, how: string) {
  const [service = '', mode] = how.split(':');
  const secret = mode === 'badly-signed' ? 'not-the-secret' : preset.admin.secretAccessKey;
  const signer = new SignatureV4({
    service,
    region: preset.region,
    credentials: { accessKeyId: preset.admin.accessKeyId, secretAccessKey: secret },
    sha256: Hash.bind(null, 'sha256')
  });
  const result = await signer.sign({
    method: request.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: request.path,
    headers: { ...request.headers, host: `127.0.0.1:${port}` },
    body: request.body
  });
  return result.headers as Record<string, string>;
}

function send(request: FuzzRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, sendable(value)])
    );
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: request.method,
        path: request.path.replace(/[^\u0021-\u007e]/g, '%20'),
        headers: { ...headers, 'content-length': String(Buffer.byteLength(request.body)) },
        timeout: 10_000
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
        );
        res.on('error', reject);
      }
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(request.body);
  });
}

/** A raw request the HTTP client would refuse to send; resolves with the status line, or '' if closed. */
function sendRaw(raw: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.setTimeout(3000, () => socket.destroy());
    socket.end(raw);
  });
}

describe('hostile input (fuzz)', () => {
  it(
    `survives ${REQUESTS} malformed requests: no crash, no 5xx, Cognito-shaped errors`,
    async () => {
      const requests = fc.sample(fuzzRequest, { numRuns: REQUESTS, seed });
      const failures: string[] = [];
      const started = Date.now();
      let tried = 0;
      let next = 0;
      async function worker() {
        while (next < requests.length && Date.now() - started < TIME_LIMIT_MS) {
          const request = requests[next++] as FuzzRequest;
          const headers = request.sign
            ? { ...request.headers, ...(await signed(request, request.sign)) }
            : request.headers;
          let response;
          try {
            response = await send({ ...request, headers });
          } catch (error) {
            failures.push(`${request.kind}: no answer (${(error as Error).message})`);
            continue;
          }
          tried += 1;
          if (response.status >= 500) {
            failures.push(`${request.kind}: ${response.status} ${response.body.slice(0, 200)}`);
          } else if (request.json && response.status !== 200) {
            let error: Record<string, unknown> = {};
            try {
              error = JSON.parse(response.body) as Record<string, unknown>;
            } catch {
              // reported below
            }
            const shaped =
              response.status === 400 &&
              typeof error.__type === 'string' &&
              typeof error.message === 'string' &&
              Object.keys(error).length === 2;
            if (!shaped)
              failures.push(`${request.kind}: not Cognito-shaped: ${response.status} ${response.body}`);
          }
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));

      const raw = [
        'GET // HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
        'GET /// HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
        'GET //%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
        'GET / HTTP/1.1\r\nHost: [::bad\r\n\r\n',
        'GET //evil:99999/ HTTP/1.1\r\nHost: a:b:c\r\n\r\n',
        'GET http://[::1/ HTTP/1.1\r\nHost: x\r\n\r\n',
        'BREW /pot HTCPCP/1.0\r\n\r\n',
        'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
        'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
        '\u0000\u0001\u0002garbage\r\n\r\n'
      ];
      for (const line of raw) {
        const status = await sendRaw(line);
        tried += 1;
        if (/^HTTP\/1\.1 5/.test(status)) failures.push(`raw ${JSON.stringify(line)}: ${status}`);
      }

      const health = await fetch(`${sandbox.url}/health`);
      console.log(
        `fuzz: seed ${seed}, ${tried} requests in ${Date.now() - started} ms, ${failures.length} failures`
      );
      expect(failures.slice(0, 10), `seed ${seed}`).toEqual([]);
      expect(tried).toBeGreaterThanOrEqual(1000);
      expect(health.status).toBe(200);
      expect(sandbox.output()).not.toContain('unexpected error');
      // Still the same process: it stops cleanly, with exit code 0.
      expect(await sandbox.stop()).toBe(0);
    },
    TIME_LIMIT_MS + 30_000
  );
});
