// A recorded sample run: one complete flow against the local sandbox (SRP sign-in with the tokens' verification,
// GetId, GetCredentialsForIdentity, GetCallerIdentity), made by scripts/record-sample-run.js through the same
// runner and flows as the live playground, with a fixed clock and fixed randomness, and committed as
// content/recordings/sample-run.json. The playground and presenter mode replay it with no pool and no network.
// The file is the JSON form of the playground's own types (types.ts), checked by one schema (valibot). It is
// parsed at build time only (server load), so the schema library never reaches the browser.

import * as v from 'valibot';
import { assertIsJwks } from '../tokens/parse-jwks';
import type { Jwks } from '../tokens/types';
import { CONFIG_FIELDS, type PlaygroundConfig } from './config';
import { currentSteps, type DiagramSteps } from './diagram-sync';
import { redactJwts } from './redact';
import {
  FLOW_NAMES,
  TRACE_SERVICES,
  type CallerIdentity,
  type Credentials,
  type SessionTokens,
  type TraceEntry
} from './types';

/**
 * The fixture format this module reads.
 *
 * @example
 * ```ts
 * if (raw.format !== RECORDING_FORMAT) console.warn('re-record the sample run');
 * ```
 */
export const RECORDING_FORMAT = 2;

/**
 * One step of the replay: a stable id, what happens in one sentence, and the exchanges of the trace it made.
 *
 * @example
 * ```ts
 * const step: RecordingStep = { id: 'get-id', title: 'GetId', caption: 'The app hands…', entries: [4] };
 * ```
 */
export interface RecordingStep {
  /** Stable, kebab-case, unique in the recording. */
  id: string;
  title: string;
  /** One sentence for the replay's caption. */
  caption: string;
  /** Ids of {@link Recording.entries}, ascending. */
  entries: number[];
}

/**
 * A complete recorded run, as committed in content/recordings/sample-run.json (dates parsed).
 *
 * @example
 * ```ts
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
  /** The trace, REDACTED as the live trace is (it was recorded through the runner's traced fetch). */
  entries: TraceEntry[];
  tokens: SessionTokens;
  /** The user pool's key set as the run downloaded it. */
  jwks: Jwks;
  identityId: string;
  credentials: Credentials;
  callerIdentity: CallerIdentity;
  /** The role the identity pool chose, and why. */
  role: { chosen: string; why: string };
  /**
   * Both kinds of federation with the sandbox's LensIdP, recorded by run-both.ts (the driver of "Run both
   * live"): each side's trace and the diagram steps it reached, with what moved. Absent in older recordings.
   */
  federation?: { userPool: RecordedRun; identityPool: RecordedRun };
}

/**
 * One side of "Run both live" as recorded: its trace (redacted) and its steps (see run-both.ts `RunStep`).
 *
 * @example
 * ```ts
 * recording.federation?.identityPool.steps.find((step) => step.step === 'get-id')?.moved.shown;
 * ```
 */
export interface RecordedRun {
  entries: TraceEntry[];
  steps: {
    diagram: 'cup-federation' | 'cip-federation';
    step: string;
    entryId: number;
    operation: string;
    outOfSight: boolean;
    moved: { what: string; shown: unknown; token?: string };
  }[];
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
 * A step of the replay with its trace entries resolved and the diagram steps they reach.
 *
 * @example
 * ```ts
 * for (const step of recordingSteps(recording)) console.log(step.id, step.entries.length, step.diagram);
 * ```
 */
export interface ReplayStep {
  id: string;
  title: string;
  caption: string;
  entries: readonly TraceEntry[];
  diagram: DiagramSteps;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const JWS = /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/;
const JWE = /^eyJ[\w-]*\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/;
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const text = () => v.string('expected text');
const filled = () =>
  v.pipe(
    text(),
    v.check((value) => value.trim() !== '', 'is empty')
  );
const instant = () =>
  v.pipe(
    filled(),
    v.regex(ISO_INSTANT, 'expected an ISO 8601 UTC time such as 2026-01-15T09:00:00.000Z'),
    v.check((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 UTC time')
  );
const whole = (min: number) =>
  v.pipe(
    v.number('expected a number'),
    v.integer(`expected a whole number of at least ${min}`),
    v.minValue(min, `expected a whole number of at least ${min}`)
  );
const obj = <T extends v.ObjectEntries>(entries: T) => v.object(entries, 'expected an object');
const list = <T extends v.GenericSchema>(item: T) => v.array(item, 'expected an array');
const headers = () => v.record(v.string(), text(), 'expected an object');

const EntrySchema = v.pipe(
  obj({
    id: whole(1),
    flow: v.nullable(v.picklist(FLOW_NAMES, `expected one of ${FLOW_NAMES.join(', ')}`)),
    startedAt: v.pipe(v.number('expected a number'), v.minValue(0, 'expected a number of at least 0')),
    // A recording is a finished run: every exchange has its outcome.
    durationMs: v.pipe(
      v.nullable(v.pipe(v.number('expected a number'), v.minValue(0))),
      v.check((value) => value !== null, 'the exchange never finished')
    ),
    method: filled(),
    url: filled(),
    service: v.picklist(TRACE_SERVICES, `expected one of ${TRACE_SERVICES.join(', ')}`),
    operation: filled(),
    requestHeaders: headers(),
    requestBody: text(),
    status: v.nullable(whole(100)),
    responseBody: v.nullable(text()),
    error: v.nullable(text()),
    responseHeaders: v.optional(headers()),
    outOfSight: v.optional(v.literal(true, 'expected true'))
  }),
  v.check((entry) => entry.status !== null || entry.error !== null, 'has neither a status nor an error')
);

const StepSchema = obj({
  id: v.pipe(filled(), v.regex(KEBAB, 'expected a kebab-case id such as "get-id"')),
  title: filled(),
  caption: filled(),
  entries: v.pipe(list(whole(1)), v.minLength(1, 'a step needs at least one exchange'))
});

const RecordedRunSchema = obj({
  entries: v.pipe(list(EntrySchema), v.minLength(1, 'a run needs at least one exchange')),
  steps: v.pipe(
    list(
      obj({
        diagram: v.picklist(['cup-federation', 'cip-federation'] as const, 'expected a federation diagram'),
        step: v.pipe(filled(), v.regex(KEBAB, 'expected a kebab-case step id')),
        entryId: whole(1),
        operation: filled(),
        outOfSight: v.boolean('expected true or false'),
        moved: obj({
          what: filled(),
          shown: v.unknown(),
          token: v.optional(v.pipe(text(), v.regex(JWS, 'expected a JWT (three base64url parts)')))
        })
      })
    ),
    v.minLength(1, 'a run needs at least one step')
  )
});

const RecordingSchema = obj({
  format: v.literal(
    RECORDING_FORMAT,
    (issue) =>
      `format ${describe(issue.input)} is not one this site reads (${RECORDING_FORMAT}): re-record with node scripts/record-sample-run.js`
  ),
  label: filled(),
  recordedAt: instant(),
  config: v.pipe(
    obj(
      // A recording made before identity pool federation has no outside IdP fields: they read as unset.
      Object.fromEntries(
        CONFIG_FIELDS.map((field) => [
          field,
          field === 'idpIssuer' || field === 'idpClientId' ? v.optional(text()) : text()
        ])
      ) as Record<keyof PlaygroundConfig, ReturnType<typeof text>>
    ),
    v.forward(
      v.check((config) => config.region.trim() !== '', 'is empty'),
      ['region']
    ),
    v.forward(
      v.check((config) => config.userPoolId.trim() !== '', 'is empty'),
      ['userPoolId']
    ),
    v.forward(
      v.check((config) => config.clientId.trim() !== '', 'is empty'),
      ['clientId']
    )
  ),
  steps: v.pipe(list(StepSchema), v.minLength(1, 'a recording needs at least one step')),
  entries: v.pipe(list(EntrySchema), v.minLength(1, 'a recording needs at least one exchange')),
  tokens: obj({
    idToken: v.pipe(text(), v.regex(JWS, 'expected a JWT (three base64url parts)')),
    accessToken: v.pipe(text(), v.regex(JWS, 'expected a JWT (three base64url parts)')),
    refreshToken: v.pipe(text(), v.regex(JWE, 'expected a JWE (five base64url parts), as Cognito issues'))
  }),
  jwks: v.custom<Jwks>((value) => {
    try {
      assertIsJwks(value);
      return true;
    } catch {
      return false;
    }
  }, 'expected a JSON Web Key Set of RSA signing keys'),
  identityId: filled(),
  credentials: obj({
    accessKeyId: filled(),
    secretAccessKey: filled(),
    sessionToken: filled(),
    expiration: v.pipe(
      instant(),
      v.transform((value) => new Date(value))
    )
  }),
  callerIdentity: obj({ Arn: filled(), Account: filled(), UserId: filled() }),
  role: obj({ chosen: filled(), why: filled() }),
  federation: v.optional(obj({ userPool: RecordedRunSchema, identityPool: RecordedRunSchema }))
});

type Parsed = v.InferOutput<typeof RecordingSchema>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).reduce<string>((path, item) => {
    const key = item.key as string | number;
    return typeof key === 'number' ? `${path}[${key}]` : path === '' ? String(key) : `${path}.${String(key)}`;
  }, '');
}

function messageOf(issue: v.BaseIssue<unknown>): string {
  // valibot's own type messages do not say what was found: add it.
  if (
    issue.kind === 'schema' &&
    issue.type !== 'literal' &&
    issue.type !== 'picklist' &&
    issue.type !== 'custom'
  ) {
    return `${issue.message}, found ${describe(issue.input)}`;
  }
  return issue.message;
}

/** What one schema cannot say field by field: ids in order, steps covering the trace once, redaction. */
function checkTogether(recording: Parsed): void {
  recording.entries.forEach((entry, index) => {
    if (entry.id !== index + 1) {
      throw new RecordingError(`entries[${index}].id`, `expected ${index + 1} (entries count 1, 2, 3...)`);
    }
  });
  const owner = new Map<number, string>();
  const stepIds = new Set<string>();
  let last = 0;
  recording.steps.forEach((step, index) => {
    if (stepIds.has(step.id)) throw new RecordingError(`steps[${index}].id`, `"${step.id}" is used twice`);
    stepIds.add(step.id);
    step.entries.forEach((n, i) => {
      const where = `steps[${index}].entries[${i}]`;
      if (n > recording.entries.length) throw new RecordingError(where, `entry ${n} is not in the trace`);
      const other = owner.get(n);
      if (other !== undefined) throw new RecordingError(where, `entry ${n} already belongs to step ${other}`);
      if (n <= last) {
        throw new RecordingError(
          where,
          `entry ${n} comes after entry ${last}: steps replay the trace in order`
        );
      }
      owner.set(n, step.id);
      last = n;
    });
  });
  const orphan = recording.entries.find((entry) => !owner.has(entry.id));
  if (orphan)
    throw new RecordingError('steps', `entry ${orphan.id} (${orphan.operation}) belongs to no step`);

  const secrets = [
    recording.tokens.idToken,
    recording.tokens.accessToken,
    recording.tokens.refreshToken,
    recording.credentials.secretAccessKey,
    recording.credentials.sessionToken
  ];
  recording.entries.forEach((entry, index) => {
    const strings: [string, string][] = [
      ['url', entry.url],
      ['requestBody', entry.requestBody],
      ['responseBody', entry.responseBody ?? ''],
      ['error', entry.error ?? ''],
      ...Object.entries(entry.requestHeaders).map(([name, value]): [string, string] => [
        `requestHeaders.${name}`,
        value
      ]),
      ...Object.entries(entry.responseHeaders ?? {}).map(([name, value]): [string, string] => [
        `responseHeaders.${name}`,
        value
      ])
    ];
    for (const [key, value] of strings) {
      if (secrets.some((secret) => value.includes(secret)) || redactJwts(value) !== value) {
        throw new RecordingError(
          `entries[${index}].${key}`,
          'holds an unredacted secret: record through the runner'
        );
      }
    }
  });
}

/**
 * Check a parsed fixture and return it typed (a copy; the input is not changed, the credentials' expiry becomes a
 * Date). Throws a {@link RecordingError} naming the first problem: wrong `format`, a missing or mistyped field,
 * steps that do not cover the trace once and in order, or a trace that is not redacted (a token, secret key or
 * session token of the run, or any JWT-shaped text, in an entry).
 *
 * @example
 * ```ts
 * const recording = parseRecording(JSON.parse(readFileSync('content/recordings/sample-run.json', 'utf8')));
 * parseRecording({ format: 1 }); // RecordingError: format number 1 is not one this site reads (2): …
 * ```
 */
export function parseRecording(raw: unknown): Recording {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new RecordingError('', `expected an object, found ${describe(raw)}`);
  }
  const result = v.safeParse(RecordingSchema, raw, { abortEarly: true });
  if (!result.success) {
    const [issue] = result.issues;
    throw new RecordingError(pathOf(issue), messageOf(issue));
  }
  const recording = result.output;
  checkTogether(recording);
  // valibot copies objects, not arrays of primitives inside them in every version: copy to be sure.
  return structuredClone(recording) as Recording;
}

/**
 * The replay's steps in order, each with its caption, its trace entries and the diagram steps they reach
 * (read from the catalogue, as the live playground reads them).
 *
 * @example
 * ```ts
 * recordingSteps(recording).map((step) => step.id);
 * // ['sign-in', 'verify-tokens', 'get-id', 'get-credentials', 'prove-credentials']
 * ```
 */
export function recordingSteps(recording: Recording): ReplayStep[] {
  const byId = new Map(recording.entries.map((entry) => [entry.id, entry]));
  return recording.steps.map((step) => {
    const entries = step.entries.flatMap((id) => byId.get(id) ?? []);
    return {
      id: step.id,
      title: step.title,
      caption: step.caption,
      entries,
      diagram: currentSteps(entries, null)
    };
  });
}

/**
 * The trace as it stood after the first `count` steps of the replay; `[]` for 0, everything for the last step
 * or beyond.
 *
 * @example
 * ```ts
 * traceThrough(recording, 2).map((entry) => entry.operation);
 * // ['InitiateAuth', 'RespondToAuthChallenge', 'GET jwks.json']
 * ```
 */
export function traceThrough(recording: Recording, count: number): TraceEntry[] {
  const shown = new Set(recording.steps.slice(0, Math.max(0, count)).flatMap((step) => step.entries));
  return recording.entries.filter((entry) => shown.has(entry.id));
}

/**
 * The step a trace entry belongs to (a click on an entry moves the replay there), or `undefined`.
 *
 * @example
 * ```ts
 * stepOfEntry(recording, 4)?.id; // 'get-id'
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
 * await verifyToken(recording.tokens.idToken, options, { now: () => recordingNow(recording), jwks });
 * ```
 */
export function recordingNow(recording: Recording): number {
  return recording.entries.reduce(
    (latest, entry) => Math.max(latest, entry.startedAt + (entry.durationMs ?? 0)),
    Date.parse(recording.recordedAt)
  );
}
