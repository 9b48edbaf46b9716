// Every HTTP exchange of the playground goes through one traced fetch, which reports it to the trace list.
// Entries are built from redacted copies only: a raw password, code or token never lands in an entry.

import { operationForTarget } from './operations';
import { redactHeaders, redactText, redactUrl } from './redact';
import type { FlowName, TraceEntry, TraceService } from './types';

export type { TraceEntry, TraceService };

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
  /** The flow running when a request starts (the runner's); absent: entries carry `flow: null`. */
  flow?: () => FlowName | null;
  /**
   * The catalogue name of a URL the path alone cannot name (an outside IdP's endpoints, announced by its
   * discovery document), or `undefined`.
   */
  nameOf?: (method: string, url: string) => { service: TraceService; operation: string } | undefined;
  /** The id of the next entry; absent: 1, 2, 3... per traced fetch. */
  nextId?: () => number;
  /** A request started; `entry` has `durationMs`, `status`, `responseBody` and `error` null. Must not throw. */
  onStart(entry: TraceEntry): void;
  /** The same exchange (same `id`), finished: a NEW object, with the response or the error. Must not throw. */
  onFinish(entry: TraceEntry): void;
}

// Services of operations outside the catalogue, by the X-Amz-Target prefix.
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
  // The catalogue names what it knows; anything else is still shown, by path.
  const target = headerValue(headers, 'x-amz-target');
  if (target !== undefined) {
    const known = operationForTarget(target);
    if (known !== undefined) return { service: known.service, operation: known.name };
    const [prefix = '', operation = ''] = target.split('.');
    const service = SERVICE_BY_TARGET_PREFIX[prefix];
    if (service !== undefined && /^\w+$/.test(operation)) return { service, operation };
  }
  const s3 = s3Operation(url, headers, verb);
  if (s3 !== null) return { service: 's3', operation: s3 };
  if (isExecuteApi(url)) {
    return { service: 'execute-api', operation: operationForTarget(`${verb} execute-api`)?.name ?? verb };
  }
  const action = formAction(body);
  if (action !== null)
    return { service: 'sts', operation: operationForTarget(`Action=${action}`)?.name ?? action };
  let path: string;
  try {
    path = new URL(String(url)).pathname;
  } catch {
    return { service: 'other', operation: `${verb} ${String(url)}` };
  }
  const endpoint =
    /\/oauth2\/[\w-]+$|\/logout$|\/\.well-known\/(?:jwks\.json|jwks_uri|openid-configuration)$|\/sandbox\/events$/i.exec(
      path
    )?.[0];
  const known = endpoint === undefined ? undefined : operationForTarget(`${verb} ${endpoint}`);
  if (known !== undefined) return { service: known.service, operation: known.name };
  if (/^\/oauth2\/[\w-]+$/i.test(path) || path === '/logout') {
    return { service: 'oauth2', operation: `${verb} ${path}` };
  }
  const keys = /\/\.well-known\/(jwks\.json|jwks_uri)$/.exec(path)?.[1];
  if (keys !== undefined) return { service: 'jwks', operation: `GET ${keys}` };
  return { service: 'other', operation: `${verb} ${path}` };
}

/**
 * An S3 REST request: SigV4-signed for the `s3` service (its credential scope says so, whatever the host: the
 * sandbox or a bucket's own). The operation follows from the method and the query, as S3 routes it.
 */
function s3Operation(url: string, headers: Record<string, string>, verb: string): string | null {
  const authorization = headerValue(headers, 'authorization') ?? '';
  if (!/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[^/]+\/s3\/aws4_request/.test(authorization)) return null;
  let query: URLSearchParams;
  try {
    query = new URL(String(url)).searchParams;
  } catch {
    return null;
  }
  if (verb === 'PUT')
    return headerValue(headers, 'x-amz-copy-source') === undefined ? 'PutObject' : 'CopyObject';
  if (verb === 'GET') return query.get('list-type') === '2' ? 'ListObjectsV2' : 'GetObject';
  if (verb === 'HEAD') return 'HeadObject';
  if (verb === 'DELETE') return 'DeleteObject';
  return null;
}

/** An API Gateway endpoint: `<id>.execute-api.<region>.amazonaws.com`, or the sandbox's `/execute-api/` path. */
function isExecuteApi(url: string): boolean {
  try {
    const { hostname, pathname } = new URL(String(url));
    return (
      /\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/.test(hostname) || pathname.startsWith('/execute-api/')
    );
  } catch {
    return false;
  }
}

/** Bodies past this size (an uploaded or downloaded file) are summarised, not copied into the trace. */
const SHOWN_BODY_BYTES = 16 * 1024;

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
      const size =
        body instanceof Blob
          ? body.size
          : ArrayBuffer.isView(body) || body instanceof ArrayBuffer
            ? body.byteLength
            : 0;
      if (size > SHOWN_BODY_BYTES) return `«${size} bytes of file content, not shown»`;
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
  let counter = 1;
  const nextId =
    deps.nextId ??
    (() => {
      counter += 1;
      return counter - 1;
    });

  async function tracedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const id = nextId();
    const request = isRequest(input) ? input : null;
    const rawUrl = request !== null ? request.url : input instanceof URL ? input.href : String(input);
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const rawHeaders = headersToRecord(init?.headers ?? request?.headers);
    const rawBody = await readRequestBody(input, init);
    const contentType =
      rawHeaders['content-type'] ??
      (init?.body instanceof URLSearchParams ? 'application/x-www-form-urlencoded' : undefined);
    const { service, operation } =
      deps.nameOf?.(method, rawUrl) ?? describeRequest(rawUrl, rawHeaders, rawBody, method);
    const startedAt = deps.now();
    const started: TraceEntry = {
      id,
      flow: deps.flow?.() ?? null,
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
    const length = Number(response.headers.get('content-length') ?? 0);
    try {
      responseBody =
        length > SHOWN_BODY_BYTES
          ? `«${length} bytes of file content, not shown»`
          : redactText(await response.clone().text(), response.headers.get('content-type') ?? undefined);
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
