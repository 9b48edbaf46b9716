// One type per thing the playground handles, named as the AWS SDKs name it. The recording
// (content/recordings/sample-run.json) is the JSON serialisation of these types (dates as ISO 8601 text).

/**
 * The user pool tokens of a session, complete (they stay in memory; the trace holds redacted copies only).
 *
 * @example
 * ```ts
 * const tokens: SessionTokens = { idToken: 'eyJ…', accessToken: 'eyJ…', refreshToken: 'eyJjdHki…' };
 * ```
 */
export interface SessionTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * Temporary AWS credentials, with the names of the SDKs' credential objects (`AwsCredentialIdentity`).
 * GetCredentialsForIdentity calls the secret `SecretKey` and STS calls it `SecretAccessKey`: both become
 * `secretAccessKey` here, once, in the client that reads the response.
 *
 * @example
 * ```ts
 * const credentials: Credentials = {
 *   accessKeyId: 'ASIA…', secretAccessKey: '…', sessionToken: '…', expiration: new Date('2026-01-15T10:00:00Z')
 * };
 * ```
 */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/**
 * STS GetCallerIdentity's answer, with the SDK's names.
 *
 * @example
 * ```ts
 * const caller: CallerIdentity = {
 *   Arn: 'arn:aws:sts::123456789012:assumed-role/LensEditors/CognitoIdentityCredentials',
 *   Account: '123456789012', UserId: 'AROA…:CognitoIdentityCredentials'
 * };
 * ```
 */
export interface CallerIdentity {
  Arn: string;
  Account: string;
  UserId: string;
}

/**
 * The flows the playground runs. Every traced exchange carries the flow it belongs to, which decides the
 * diagrams it may be drawn on (a password sign-in is never drawn on the Google-federation diagram).
 *
 * @example
 * ```ts
 * const flow: FlowName = 'sign-in-srp';
 * ```
 */
export type FlowName =
  | 'sign-up'
  | 'sign-in-srp'
  | 'sign-in-password'
  | 'managed-login'
  | 'refresh'
  | 'sign-out'
  | 'revoke'
  | 'identity-enhanced'
  | 'identity-basic'
  | 'identity-guest'
  | 'prove-credentials'
  /** Managed login straight to an outside IdP (`identity_provider=`): user pool federation. */
  | 'federated-sign-in'
  /** Sign-in at an outside IdP, its id token straight into `Logins`: identity pool federation. */
  | 'idp-federation'
  | 'call-api'
  | 'use-credentials';

/** Every flow name, for checks at run time (the recording's schema). */
export const FLOW_NAMES: readonly FlowName[] = [
  'sign-up',
  'sign-in-srp',
  'sign-in-password',
  'managed-login',
  'refresh',
  'sign-out',
  'revoke',
  'identity-enhanced',
  'identity-basic',
  'identity-guest',
  'prove-credentials',
  'federated-sign-in',
  'idp-federation',
  'call-api',
  'use-credentials'
];

/**
 * Which service an exchange talked to.
 *
 * @example
 * ```ts
 * const service: TraceService = 'cognito-identity';
 * ```
 */
export type TraceService =
  | 'cognito-idp'
  | 'cognito-identity'
  | 'sts'
  | 'oauth2'
  | 'jwks'
  | 'idp'
  | 'sandbox'
  | 's3'
  | 'execute-api'
  | 'other';

/** Every service, for checks at run time. */
export const TRACE_SERVICES: readonly TraceService[] = [
  'cognito-idp',
  'cognito-identity',
  'sts',
  'oauth2',
  'jwks',
  'idp',
  'sandbox',
  's3',
  'execute-api',
  'other'
];

/**
 * One HTTP exchange as the trace shows it. Bodies, headers and the URL are REDACTED copies (see
 * `redactText`, `redactHeaders`, `redactUrl`); `null` fields are not known yet (in flight) or do not apply
 * (`status`/`responseBody` after a network failure, `error` after a response).
 *
 * @example
 * ```ts
 * const entry: TraceEntry = {
 *   id: 1, flow: 'sign-in-srp', startedAt: 1700000000000, durationMs: 42, method: 'POST',
 *   url: 'http://127.0.0.1:9229/', service: 'cognito-idp', operation: 'InitiateAuth', requestHeaders: {},
 *   requestBody: '{}', status: 200, responseBody: '{}', error: null
 * };
 * ```
 */
export interface TraceEntry {
  /** 1, 2, 3... per traced fetch, in the order the requests started. */
  id: number;
  /** The flow that made the request; `null` when it ran outside any flow. */
  flow: FlowName | null;
  /** Clock time when the request started (the injected `now()`, milliseconds). */
  startedAt: number;
  /** From start to the response body fully read (or the failure); `null` while in flight. */
  durationMs: number | null;
  method: string;
  url: string;
  service: TraceService;
  /** The catalogue's name (`InitiateAuth`, `GetId`, `POST /oauth2/token`, `GET jwks.json`) or `GET /path`. */
  operation: string;
  requestHeaders: Record<string, string>;
  /** The request body, redacted (JSON pretty-printed); `''` when there is none. */
  requestBody: string;
  /** HTTP status; `null` while in flight or when no response arrived. */
  status: number | null;
  responseBody: string | null;
  /** Why no response arrived (network failure, CORS, abort): the error's message. */
  error: string | null;
  /** Response headers the browser lets the page read (CORS), redacted; absent until the response. */
  responseHeaders?: Record<string, string>;
  /**
   * `true`: an exchange the app never sees (the user pool redeeming the IdP's code), read from the sandbox's
   * event feed, not made by this page. Absent for the page's own exchanges.
   */
  outOfSight?: true;
}

/**
 * What the runner reports, in order: a flow starts, its exchanges start and finish, the flow ends.
 *
 * @example
 * ```ts
 * runner.subscribe((event) => { if (event.type === 'exchange-finished') console.log(event.entry.operation); });
 * ```
 */
export type TraceEvent =
  | { type: 'flow-started'; flow: FlowName; at: number }
  | { type: 'exchange-started'; entry: TraceEntry }
  | { type: 'exchange-finished'; entry: TraceEntry }
  | { type: 'flow-finished'; flow: FlowName; at: number; ok: boolean };

/** An exchange that got an answer below 400 and no error. */
export function succeeded(entry: Pick<TraceEntry, 'status' | 'error'>): boolean {
  return entry.status !== null && entry.status < 400 && entry.error === null;
}
