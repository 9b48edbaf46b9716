// Every HTTP exchange of the playground goes through one traced fetch, which reports it to the trace list.
// Entries are built from redacted copies only: a raw password, code or token never lands in an entry.

import { redactHeaders, redactText, redactUrl } from './redact';

/**
 * Which service an exchange talked to.
 *
 * @example
 * ```ts
 * const service: TraceService = describeRequest(url, headers, body).service;
 * ```
 */
export type TraceService = 'cognito-idp' | 'cognito-identity' | 'sts' | 'oauth2' | 'jwks' | 'other';

/**
 * One HTTP exchange as the trace shows it. Bodies, headers and the URL are REDACTED copies (see
 * `redactText`, `redactHeaders`, `redactUrl`); `null` fields are not known yet (in flight) or do not apply
 * (`status`/`responseBody` after a network failure, `error` after a response).
 *
 * @example
 * ```ts
 * const entry: TraceEntry = {
 *   id: 1, startedAt: 1700000000000, durationMs: 42, method: 'POST', url: 'http://127.0.0.1:9229/',
 *   service: 'cognito-idp', operation: 'InitiateAuth', requestHeaders: {}, requestBody: '{}',
 *   status: 200, responseBody: '{}', error: null
 * };
 * ```
 */
export interface TraceEntry {
  /** 1, 2, 3... per traced fetch, in the order the requests started. */
  id: number;
  /** Clock time when the request started (the injected `now()`, milliseconds). */
  startedAt: number;
  /** From start to the response body fully read (or the failure); `null` while in flight. */
  durationMs: number | null;
  method: string;
  url: string;
  service: TraceService;
  /** `InitiateAuth`, `GetId`, `GetCallerIdentity`, `POST /oauth2/token`, `GET jwks.json`, `GET /path`... */
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
}

/**
 * What {@link createTracedFetch} needs: the real `fetch`, a clock, and where to report entries.
 *
 * @example
 * ```ts
 * const deps: TracedFetchDeps = { fetch, now: () => Date.now(), onStart: add, onFinish: update };
 * ```
 */
export interface TracedFetchDeps {
  fetch: typeof fetch;
  now: () => number;
  /** A request started; `entry` has `durationMs`, `status`, `responseBody` and `error` null. Must not throw. */
  onStart(entry: TraceEntry): void;
  /** The same exchange (same `id`), finished: a NEW object, with the response or the error. Must not throw. */
  onFinish(entry: TraceEntry): void;
}

const SERVICE_BY_TARGET_PREFIX: Readonly<Record<string, TraceService>> = {
  AWSCognitoIdentityProviderService: 'cognito-idp',
  AWSCognitoIdentityService: 'cognito-identity'
};

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

function formAction(body: string | null): string | null {
  if (typeof body !== 'string' || !/(?:^|&)Action=/.test(body)) return null;
  try {
    const action = new URLSearchParams(body).get('Action');
    return action !== null && /^\w+$/.test(action) ? action : null;
  } catch {
    return null;
  }
}

/**
 * Name an exchange: `X-Amz-Target` for the Cognito JSON APIs, the form `Action` for STS, the path for the
 * OAuth 2.0 endpoints and key sets. `method` defaults to POST when there is a body, GET otherwise.
 *
 * @example
 * ```ts
 * describeRequest('https://cognito-idp.us-east-1.amazonaws.com/', {
 *   'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth'
 * }, '{}'); // { service: 'cognito-idp', operation: 'InitiateAuth' }
 * describeRequest('https://sts.amazonaws.com/', {}, 'Action=GetCallerIdentity&Version=2011-06-15');
 * // { service: 'sts', operation: 'GetCallerIdentity' }
 * describeRequest('https://x.auth.us-east-1.amazoncognito.com/oauth2/token', {}, 'grant_type=...');
 * // { service: 'oauth2', operation: 'POST /oauth2/token' }
 * ```
 */
export function describeRequest(
  url: string,
  headers: Record<string, string>,
  body: string | null,
  method?: string
): { service: TraceService; operation: string } {
  const verb =
    typeof method === 'string' && method !== ''
      ? method.toUpperCase()
      : typeof body === 'string' && body !== ''
        ? 'POST'
        : 'GET';
  const target = headerValue(headers, 'x-amz-target');
  if (target !== undefined) {
    const [prefix = '', operation = ''] = target.split('.');
    const service = SERVICE_BY_TARGET_PREFIX[prefix];
    if (service !== undefined && operation !== '') return { service, operation };
  }
  const action = formAction(body);
  if (action !== null) return { service: 'sts', operation: action };
  let path: string;
  try {
    path = new URL(String(url)).pathname;
  } catch {
    return { service: 'other', operation: `${verb} ${String(url)}` };
  }
  if (/^\/oauth2\/[\w-]+$/i.test(path) || path === '/logout') {
    return { service: 'oauth2', operation: `${verb} ${path}` };
  }
  const keys = /\/\.well-known\/(jwks\.json|jwks_uri)$/.exec(path)?.[1];
  if (keys !== undefined) return { service: 'jwks', operation: `GET ${keys}` };
  return { service: 'other', operation: `${verb} ${path}` };
}

function isRequest(value: unknown): value is Request {
  return typeof Request !== 'undefined' && value instanceof Request;
}

function headersToRecord(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (init === undefined) return out;
  try {
    new Headers(init).forEach((value, name) => {
      out[name] = value;
    });
  } catch {
    // Invalid headers: fetch itself will refuse them and the trace shows that error.
  }
  return out;
}

function isReadableStream(value: unknown): boolean {
  return typeof ReadableStream !== 'undefined' && value instanceof ReadableStream;
}

/** The body text, read without consuming what is forwarded; `null` when there is no body. */
async function readRequestBody(input: unknown, init: RequestInit | undefined): Promise<string | null> {
  try {
    const body = init?.body;
    if (body !== undefined && body !== null) {
      if (typeof body === 'string') return body;
      if (body instanceof URLSearchParams) return body.toString();
      // A stream can be read only once: the real request gets it.
      if (isReadableStream(body)) return '«streamed body, not shown»';
      // Response copies buffers and re-reads Blobs and FormData: the original stays usable.
      return await new Response(body).text();
    }
    if (body === null || !isRequest(input) || input.body === null) return null;
    return await input.clone().text();
  } catch {
    return null;
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message !== '' ? error.message : error.name;
  return String(error);
}

/**
 * Wrap `fetch` so every exchange is reported to the trace, with redacted bodies, headers and URL only.
 * Accepts what `fetch` accepts (a string, URL or Request, and `init`); the request is forwarded unchanged to
 * `deps.fetch` (a Request body is read from a clone), and the response comes back untouched (its body is
 * read from a clone, before returning, so `onFinish` precedes the caller's next step). A network failure
 * is reported as `error` with `status: null`, then rethrown unchanged. Ids count from 1 per traced fetch.
 *
 * @example
 * ```ts
 * const tracedFetch = createTracedFetch({
 *   fetch: globalThis.fetch.bind(globalThis),
 *   now: () => performance.now(),
 *   onStart: (entry) => trace.push(entry),
 *   onFinish: (entry) => trace.replace(entry.id, entry)
 * });
 * await tracedFetch('https://cognito-idp.us-east-1.amazonaws.com/', { method: 'POST', headers, body });
 * ```
 */
export function createTracedFetch(deps: TracedFetchDeps): typeof fetch {
  if (deps === null || typeof deps !== 'object')
    throw new TypeError('createTracedFetch needs its dependencies');
  for (const name of ['fetch', 'now', 'onStart', 'onFinish'] as const) {
    if (typeof deps[name] !== 'function')
      throw new TypeError(`createTracedFetch: deps.${name} must be a function`);
  }
  let nextId = 1;

  async function tracedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const id = nextId;
    nextId += 1;
    const request = isRequest(input) ? input : null;
    const rawUrl = request !== null ? request.url : input instanceof URL ? input.href : String(input);
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const rawHeaders = headersToRecord(init?.headers ?? request?.headers);
    const rawBody = await readRequestBody(input, init);
    const contentType =
      rawHeaders['content-type'] ??
      (init?.body instanceof URLSearchParams ? 'application/x-www-form-urlencoded' : undefined);
    const { service, operation } = describeRequest(rawUrl, rawHeaders, rawBody, method);
    const startedAt = deps.now();
    const started: TraceEntry = {
      id,
      startedAt,
      durationMs: null,
      method,
      url: redactUrl(rawUrl),
      service,
      operation,
      requestHeaders: redactHeaders(rawHeaders),
      requestBody: rawBody === null ? '' : redactText(rawBody, contentType),
      status: null,
      responseBody: null,
      error: null
    };
    deps.onStart({ ...started });

    let response: Response;
    try {
      response = await deps.fetch(input, init);
    } catch (error) {
      deps.onFinish({
        ...started,
        durationMs: deps.now() - startedAt,
        error: redactText(errorMessage(error))
      });
      throw error;
    }
    let responseBody: string | null;
    try {
      responseBody = redactText(
        await response.clone().text(),
        response.headers.get('content-type') ?? undefined
      );
    } catch {
      responseBody = null;
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    deps.onFinish({
      ...started,
      durationMs: deps.now() - startedAt,
      status: response.status,
      responseBody,
      responseHeaders: redactHeaders(responseHeaders)
    });
    return response;
  }

  return tracedFetch as typeof fetch;
}
