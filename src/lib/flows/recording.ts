// A recorded sample run: one complete flow against the local sandbox (SRP sign-in, JWKS verification, GetId,
// GetCredentialsForIdentity, GetCallerIdentity), made by scripts/record-sample-run.js with a fixed clock and fixed
// randomness and committed as content/recordings/sample-run.json. The playground and presenter mode replay it
// step by step with no pool and no network. Pure: the fixture's type, its validation, and what the replay needs.

import { assertIsJwks } from '../tokens/parse-jwks';
import type { Jwks } from '../tokens/types';
import { CONFIG_FIELDS, type PlaygroundConfig } from './config';
import { redactJwts } from './redact';
import type { TraceEntry, TraceService } from './trace';

/**
 * The fixture format this module reads.
 *
 * @example
 * ```ts
 * if (raw.format !== RECORDING_FORMAT) console.warn('re-record the sample run');
 * ```
 */
export const RECORDING_FORMAT = 1;

/**
 * The diagrams a recording step can point at (content/diagrams/<id>.json).
 *
 * @example
 * ```ts
 * const diagram: RecordingDiagram = 'cip-federation';
 * ```
 */
export type RecordingDiagram = 'cup-federation' | 'cip-federation';

/**
 * For each diagram a step corresponds to, the diagram's step number (1-based).
 *
 * @example
 * ```ts
 * const diagram: RecordingDiagramSteps = { 'cip-federation': 3 }; // GetId
 * ```
 */
export type RecordingDiagramSteps = Partial<Record<RecordingDiagram, number>>;

/**
 * One step of the replay: what happens, in one sentence, and which exchanges of the trace it made.
 *
 * @example
 * ```ts
 * const step: RecordingStep = {
 *   id: 3, title: 'GetId', caption: 'The app hands the id token to the identity pool…',
 *   entries: [4], diagram: { 'cip-federation': 3 }
 * };
 * ```
 */
export interface RecordingStep {
  /** 1, 2, 3... in replay order. */
  id: number;
  title: string;
  /** One sentence for the replay's caption. */
  caption: string;
  /** Ids of {@link Recording.entries}, ascending. */
  entries: number[];
  diagram: RecordingDiagramSteps;
}

/**
 * The user pool tokens of the run, complete. They are the sandbox's (signed with its published test keys) and
 * expired long ago: the replay decodes them and verifies them offline against {@link Recording.jwks}.
 *
 * @example
 * ```ts
 * const { idToken } = recording.tokens;
 * ```
 */
export interface RecordedTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * The temporary AWS credentials of the run, complete (sandbox fakes; the UI masks them until revealed).
 *
 * @example
 * ```ts
 * const credentials: RecordedCredentials = {
 *   accessKeyId: 'ASIA…', secretKey: '…', sessionToken: '…', expiration: '2026-01-15T10:00:00.000Z'
 * };
 * ```
 */
export interface RecordedCredentials {
  accessKeyId: string;
  secretKey: string;
  sessionToken: string;
  /** ISO 8601. */
  expiration: string;
}

/**
 * STS GetCallerIdentity's answer, with the SDK's names.
 *
 * @example
 * ```ts
 * const caller: RecordedCallerIdentity = {
 *   Arn: 'arn:aws:sts::123456789012:assumed-role/LensEditors/CognitoIdentityCredentials',
 *   Account: '123456789012', UserId: 'AROA…:CognitoIdentityCredentials'
 * };
 * ```
 */
export interface RecordedCallerIdentity {
  Arn: string;
  Account: string;
  UserId: string;
}

/**
 * A complete recorded run, as committed in content/recordings/sample-run.json.
 *
 * @example
 * ```ts
 * import raw from '../../../content/recordings/sample-run.json';
 * const recording: Recording = parseRecording(raw);
 * ```
 */
export interface Recording {
  format: typeof RECORDING_FORMAT;
  /** Shown wherever the recording is: it must never pass for a live run. */
  label: string;
  /** ISO 8601: where the recorder's fake clock started. */
  recordedAt: string;
  config: PlaygroundConfig;
  steps: RecordingStep[];
  /** The trace, REDACTED as the live trace is (it was recorded through `createTracedFetch`). */
  entries: TraceEntry[];
  tokens: RecordedTokens;
  /** The user pool's key set as the run downloaded it. */
  jwks: Jwks;
  identityId: string;
  credentials: RecordedCredentials;
  callerIdentity: RecordedCallerIdentity;
  /** The role the identity pool chose, and why. */
  role: { chosen: string; why: string };
}

/**
 * A fixture that is not a usable recording. `path` says where (`steps[2].entries[0]`, `credentials`...).
 *
 * @example
 * ```ts
 * try { parseRecording(raw); } catch (error) {
 *   if (error instanceof RecordingError) console.error(error.path, error.message);
 * }
 * ```
 */
export class RecordingError extends Error {
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`Recorded run is not usable: ${path === '' ? '' : `${path}: `}${problem}`);
    this.name = 'RecordingError';
    this.path = path;
  }
}

/**
 * A step of the replay with its trace entries resolved.
 *
 * @example
 * ```ts
 * for (const step of recordingSteps(recording)) console.log(step.id, step.title, step.entries.length);
 * ```
 */
export interface ReplayStep {
  id: number;
  title: string;
  caption: string;
  entries: readonly TraceEntry[];
  diagram: RecordingDiagramSteps;
}

const DIAGRAMS: readonly RecordingDiagram[] = ['cup-federation', 'cip-federation'];
const SERVICES: readonly TraceService[] = [
  'cognito-idp',
  'cognito-identity',
  'sts',
  'oauth2',
  'jwks',
  'other'
];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const JWS = /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/;
const JWE = /^eyJ[\w-]*\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/;

type Json = Record<string, unknown>;

const at = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function object(value: unknown, path: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RecordingError(path, `expected an object, found ${describe(value)}`);
  }
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new RecordingError(path, `expected an array, found ${describe(value)}`);
  return value;
}

function text(parent: Json, key: string, path: string, options: { empty?: boolean } = {}): string {
  const value = parent[key];
  if (typeof value !== 'string') {
    throw new RecordingError(
      at(path, key),
      `expected text, found ${value === undefined ? 'nothing' : describe(value)}`
    );
  }
  if (!options.empty && value.trim() === '') throw new RecordingError(at(path, key), 'is empty');
  return value;
}

function textOrNull(parent: Json, key: string, path: string): string | null {
  return parent[key] === null ? null : text(parent, key, path, { empty: true });
}

function integer(value: unknown, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RecordingError(path, `expected a whole number of at least ${min}, found ${describe(value)}`);
  }
  return value;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RecordingError(path, `expected a number of at least 0, found ${describe(value)}`);
  }
  return value;
}

function instant(parent: Json, key: string, path: string): string {
  const value = text(parent, key, path);
  if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw new RecordingError(at(path, key), `expected an ISO 8601 UTC time such as 2026-01-15T09:00:00.000Z`);
  }
  return value;
}

function headers(value: unknown, path: string): Record<string, string> {
  const record = object(value, path);
  return Object.fromEntries(
    Object.keys(record).map((name) => [name, text(record, name, path, { empty: true })])
  );
}

function parseEntry(value: unknown, path: string): TraceEntry {
  const raw = object(value, path);
  const service = raw.service;
  if (!SERVICES.includes(service as TraceService)) {
    throw new RecordingError(at(path, 'service'), `expected one of ${SERVICES.join(', ')}`);
  }
  const entry: TraceEntry = {
    id: integer(raw.id, at(path, 'id'), 1),
    startedAt: finite(raw.startedAt, at(path, 'startedAt')),
    durationMs: raw.durationMs === null ? null : finite(raw.durationMs, at(path, 'durationMs')),
    method: text(raw, 'method', path),
    url: text(raw, 'url', path),
    service: service as TraceService,
    operation: text(raw, 'operation', path),
    requestHeaders: headers(raw.requestHeaders, at(path, 'requestHeaders')),
    requestBody: text(raw, 'requestBody', path, { empty: true }),
    status: raw.status === null ? null : integer(raw.status, at(path, 'status'), 100),
    responseBody: textOrNull(raw, 'responseBody', path),
    error: textOrNull(raw, 'error', path)
  };
  if (raw.responseHeaders !== undefined) {
    entry.responseHeaders = headers(raw.responseHeaders, at(path, 'responseHeaders'));
  }
  // A recording is a finished run: every exchange has its outcome.
  if (entry.durationMs === null)
    throw new RecordingError(at(path, 'durationMs'), 'the exchange never finished');
  if (entry.status === null && entry.error === null) {
    throw new RecordingError(path, 'has neither a status nor an error');
  }
  return entry;
}

function parseDiagram(value: unknown, path: string): RecordingDiagramSteps {
  const raw = object(value, path);
  const out: RecordingDiagramSteps = {};
  for (const key of Object.keys(raw)) {
    if (!DIAGRAMS.includes(key as RecordingDiagram)) {
      throw new RecordingError(at(path, key), `unknown diagram (expected ${DIAGRAMS.join(' or ')})`);
    }
    out[key as RecordingDiagram] = integer(raw[key], at(path, key), 1);
  }
  return out;
}

function parseSteps(value: unknown, entries: readonly TraceEntry[]): RecordingStep[] {
  const list = array(value, 'steps');
  if (list.length === 0) throw new RecordingError('steps', 'a recording needs at least one step');
  const known = new Set(entries.map((entry) => entry.id));
  const owner = new Map<number, number>();
  let last = 0;
  const steps = list.map((item, index): RecordingStep => {
    const path = at('steps', index);
    const raw = object(item, path);
    const id = integer(raw.id, at(path, 'id'), 1);
    if (id !== index + 1)
      throw new RecordingError(at(path, 'id'), `expected ${index + 1} (steps count 1, 2, 3...)`);
    const ids = array(raw.entries, at(path, 'entries')).map((entryId, i) => {
      const where = at(at(path, 'entries'), i);
      const n = integer(entryId, where, 1);
      if (!known.has(n)) throw new RecordingError(where, `entry ${n} is not in the trace`);
      const other = owner.get(n);
      if (other !== undefined) throw new RecordingError(where, `entry ${n} already belongs to step ${other}`);
      if (n <= last)
        throw new RecordingError(
          where,
          `entry ${n} comes after entry ${last}: steps replay the trace in order`
        );
      owner.set(n, id);
      last = n;
      return n;
    });
    if (ids.length === 0) throw new RecordingError(at(path, 'entries'), 'a step needs at least one exchange');
    return {
      id,
      title: text(raw, 'title', path),
      caption: text(raw, 'caption', path),
      entries: ids,
      diagram: parseDiagram(raw.diagram, at(path, 'diagram'))
    };
  });
  const orphan = entries.find((entry) => !owner.has(entry.id));
  if (orphan)
    throw new RecordingError('steps', `entry ${orphan.id} (${orphan.operation}) belongs to no step`);
  return steps;
}

function parseEntries(value: unknown): TraceEntry[] {
  const entries = array(value, 'entries').map((item, index) => parseEntry(item, at('entries', index)));
  if (entries.length === 0) throw new RecordingError('entries', 'a recording needs at least one exchange');
  entries.forEach((entry, index) => {
    if (entry.id !== index + 1) {
      throw new RecordingError(
        at(at('entries', index), 'id'),
        `expected ${index + 1} (entries count 1, 2, 3...)`
      );
    }
  });
  return entries;
}

function parseTokens(value: unknown): RecordedTokens {
  const raw = object(value, 'tokens');
  const jws = (key: string) => {
    const token = text(raw, key, 'tokens');
    if (!JWS.test(token))
      throw new RecordingError(at('tokens', key), 'expected a JWT (three base64url parts)');
    return token;
  };
  const refreshToken = text(raw, 'refreshToken', 'tokens');
  if (!JWE.test(refreshToken)) {
    throw new RecordingError(
      'tokens.refreshToken',
      'expected a JWE (five base64url parts), as Cognito issues'
    );
  }
  return { idToken: jws('idToken'), accessToken: jws('accessToken'), refreshToken };
}

function parseJwksValue(value: unknown): Jwks {
  try {
    assertIsJwks(value);
  } catch (error) {
    throw new RecordingError('jwks', error instanceof Error ? error.message : String(error));
  }
  return JSON.parse(JSON.stringify(value)) as Jwks;
}

/** The trace must be the redacted one: no secret of the run, and nothing shaped like a JWT, in any entry. */
function assertRedacted(entries: readonly TraceEntry[], secrets: readonly string[]): void {
  entries.forEach((entry, index) => {
    const path = at('entries', index);
    const strings: [string, string][] = [
      ['url', entry.url],
      ['requestBody', entry.requestBody],
      ['responseBody', entry.responseBody ?? ''],
      ['error', entry.error ?? ''],
      ...Object.entries(entry.requestHeaders).map(([name, v]): [string, string] => [
        `requestHeaders.${name}`,
        v
      ]),
      ...Object.entries(entry.responseHeaders ?? {}).map(([name, v]): [string, string] => [
        `responseHeaders.${name}`,
        v
      ])
    ];
    for (const [key, value] of strings) {
      if (secrets.some((secret) => value.includes(secret)) || redactJwts(value) !== value) {
        throw new RecordingError(
          at(path, key),
          'holds an unredacted secret: record through createTracedFetch'
        );
      }
    }
  });
}

/**
 * Check a parsed fixture and return it typed (a copy; the input is not changed). Throws a
 * {@link RecordingError} naming the first problem: wrong `format`, a missing or mistyped field, steps that do not
 * cover the trace once and in order, a diagram step that does not exist, or a trace that is not redacted (a token,
 * secret key or session token of the run, or any JWT-shaped text, in an entry).
 *
 * @example
 * ```ts
 * import raw from '../../../content/recordings/sample-run.json';
 * const recording = parseRecording(raw);
 * parseRecording({ format: 2 }); // RecordingError: format 2 is not one this site reads (1): …
 * ```
 */
export function parseRecording(raw: unknown): Recording {
  const root = object(raw, '');
  if (root.format !== RECORDING_FORMAT) {
    throw new RecordingError(
      'format',
      `format ${describe(root.format)} is not one this site reads (${RECORDING_FORMAT}): re-record with node scripts/record-sample-run.js`
    );
  }
  const label = text(root, 'label', '');
  const recordedAt = instant(root, 'recordedAt', '');
  const configRaw = object(root.config, 'config');
  const config = Object.fromEntries(
    CONFIG_FIELDS.map((field) => [field, text(configRaw, field, 'config', { empty: true })])
  ) as unknown as PlaygroundConfig;
  for (const field of ['region', 'userPoolId', 'clientId'] as const) {
    if (config[field].trim() === '') throw new RecordingError(at('config', field), 'is empty');
  }
  const entries = parseEntries(root.entries);
  const steps = parseSteps(root.steps, entries);
  const tokens = parseTokens(root.tokens);
  const jwks = parseJwksValue(root.jwks);
  const identityId = text(root, 'identityId', '');
  const credentialsRaw = object(root.credentials, 'credentials');
  const credentials: RecordedCredentials = {
    accessKeyId: text(credentialsRaw, 'accessKeyId', 'credentials'),
    secretKey: text(credentialsRaw, 'secretKey', 'credentials'),
    sessionToken: text(credentialsRaw, 'sessionToken', 'credentials'),
    expiration: instant(credentialsRaw, 'expiration', 'credentials')
  };
  const callerRaw = object(root.callerIdentity, 'callerIdentity');
  const callerIdentity: RecordedCallerIdentity = {
    Arn: text(callerRaw, 'Arn', 'callerIdentity'),
    Account: text(callerRaw, 'Account', 'callerIdentity'),
    UserId: text(callerRaw, 'UserId', 'callerIdentity')
  };
  const roleRaw = object(root.role, 'role');
  const role = { chosen: text(roleRaw, 'chosen', 'role'), why: text(roleRaw, 'why', 'role') };
  assertRedacted(entries, [
    tokens.idToken,
    tokens.accessToken,
    tokens.refreshToken,
    credentials.secretKey,
    credentials.sessionToken
  ]);
  return {
    format: RECORDING_FORMAT,
    label,
    recordedAt,
    config,
    steps,
    entries,
    tokens,
    jwks,
    identityId,
    credentials,
    callerIdentity,
    role
  };
}

/**
 * The replay's steps in order, each with its caption and its trace entries.
 *
 * @example
 * ```ts
 * recordingSteps(recording).map((step) => step.title);
 * // ['Sign in with SRP', 'Verify the tokens with the JWKS', 'GetId', 'GetCredentialsForIdentity', 'GetCallerIdentity']
 * ```
 */
export function recordingSteps(recording: Recording): ReplayStep[] {
  const byId = new Map(recording.entries.map((entry) => [entry.id, entry]));
  return recording.steps.map((step) => ({
    id: step.id,
    title: step.title,
    caption: step.caption,
    entries: step.entries.flatMap((id) => byId.get(id) ?? []),
    diagram: { ...step.diagram }
  }));
}

/**
 * The trace as it stood after step `stepId` of the replay (all entries of steps 1..stepId, in order); `[]` for
 * 0, everything for the last step or beyond.
 *
 * @example
 * ```ts
 * traceThrough(recording, 2).map((entry) => entry.operation);
 * // ['InitiateAuth', 'RespondToAuthChallenge', 'GET jwks.json']
 * ```
 */
export function traceThrough(recording: Recording, stepId: number): TraceEntry[] {
  const shown = new Set(recording.steps.filter((step) => step.id <= stepId).flatMap((step) => step.entries));
  return recording.entries.filter((entry) => shown.has(entry.id));
}

/**
 * The step a trace entry belongs to (a click on an entry moves the replay there), or `undefined`.
 *
 * @example
 * ```ts
 * stepOfEntry(recording, 4)?.title; // 'GetId'
 * ```
 */
export function stepOfEntry(recording: Recording, entryId: number): RecordingStep | undefined {
  return recording.steps.find((step) => step.entries.includes(entryId));
}

/**
 * The recorded clock at the end of the run (the last exchange's end), in milliseconds: the `now` to verify the
 * recorded tokens and describe the credentials' expiry with, since on today's clock they expired long ago.
 *
 * @example
 * ```ts
 * await verifyToken(recording.tokens.idToken, options, {
 *   now: () => recordingNow(recording),
 *   jwks: jwksSourceFromJwks(recording.jwks, 'recorded JWKS')
 * });
 * ```
 */
export function recordingNow(recording: Recording): number {
  return recording.entries.reduce(
    (latest, entry) => Math.max(latest, entry.startedAt + (entry.durationMs ?? 0)),
    Date.parse(recording.recordedAt)
  );
}
