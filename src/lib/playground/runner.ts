// The one runner: every flow of the playground (sign-in, refresh, sign-out, the identity pool flows) runs
// through it, live in the page and in scripts/record-sample-run.js, so the recording is made by the code that
// replays it. It owns the traced fetch: each exchange is tagged with the flow that made it and reported as a
// typed event.

import { operationNamed } from './operations';
import { redactHeaders, redactText, redactUrl } from './redact';
import { createTracedFetch } from './trace';
import type { FlowName, TraceEntry, TraceEvent } from './types';

/**
 * An exchange this page did not make but may show: the user pool's own calls to an outside IdP, as the
 * sandbox's event feed reports them (raw: {@link FlowRunner.reportOutOfSight} redacts it).
 *
 * @example
 * ```ts
 * const seen: UnseenExchange = { operation: 'Pool redeems the IdP code', request: { method: 'POST', url, headers: {}, body: 'code=…' },
 *   response: { status: 200, headers: {}, body: '{"id_token":"eyJ…"}' } };
 * ```
 */
export interface UnseenExchange {
  operation: string;
  request?: { method?: string; url?: string; headers?: Record<string, string>; body?: unknown };
  response?: { status?: number; headers?: Record<string, string>; body?: unknown };
  /** A sentence for an event without a request (the user created...). */
  summary?: string;
}

function bodyText(body: unknown): { text: string; type: string | undefined } {
  if (body === undefined || body === null) return { text: '', type: undefined };
  if (typeof body === 'string') return { text: body, type: undefined };
  return { text: JSON.stringify(body), type: 'application/json' };
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name) return value;
  return undefined;
}

/**
 * What the runner needs: the network and a clock.
 *
 * @example
 * ```ts
 * const deps: RunnerDeps = { fetch: globalThis.fetch.bind(globalThis), now: () => Date.now() };
 * ```
 */
export interface RunnerDeps {
  fetch: typeof fetch;
  now: () => number;
}

/**
 * Runs flows one at a time (a second one waits for the first), tags their exchanges and reports events.
 *
 * @example
 * ```ts
 * const runner = new FlowRunner({ fetch, now: () => Date.now() });
 * runner.subscribe((event) => events.push(event));
 * const identityId = await runner.run('identity-enhanced', () => client.getId(logins));
 * ```
 */
export class FlowRunner {
  /** The traced fetch every client of the playground is given (never `window.fetch` replaced). */
  readonly fetch: typeof fetch;
  #now: () => number;
  #current: FlowName | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #listeners = new Set<(event: TraceEvent) => void>();
  #nextId = 1;
  /** Endpoints named by URL (`METHOD origin+path` -> catalogue name): an outside IdP's, from discovery. */
  #named = new Map<string, string>();

  constructor(deps: RunnerDeps) {
    this.#now = deps.now;
    this.fetch = createTracedFetch({
      fetch: deps.fetch,
      now: deps.now,
      nextId: () => this.#nextId++,
      nameOf: (method, url) => {
        const name = this.#named.get(endpointKey(method, url));
        const operation = name === undefined ? undefined : operationNamed(name);
        return operation && { service: operation.service, operation: operation.name };
      },
      flow: () => this.#current,
      onStart: (entry) => this.#emit({ type: 'exchange-started', entry }),
      onFinish: (entry) => this.#emit({ type: 'exchange-finished', entry })
    });
  }

  /** The flow running now, or `null`. */
  get current(): FlowName | null {
    return this.#current;
  }

  /**
   * Name an endpoint the trace cannot recognise by its path (an outside IdP's token endpoint, its keys...):
   * later exchanges with that method and URL (query ignored) carry the catalogue's `operation`.
   *
   * @example
   * ```ts
   * runner.nameEndpoint('POST', discovery.token_endpoint, 'POST IdP token');
   * ```
   */
  nameEndpoint(method: string, url: string, operation: string): void {
    if (operationNamed(operation) === undefined) throw new Error(`${operation} is not in the catalogue`);
    this.#named.set(endpointKey(method, url), operation);
  }

  /**
   * Report an exchange this page did not make (the user pool's own calls, from the sandbox's event feed) as a
   * finished trace entry of the running flow, marked `outOfSight`, redacted like every other entry.
   */
  reportOutOfSight(seen: UnseenExchange): TraceEntry {
    const operation = operationNamed(seen.operation);
    const request = bodyText(seen.request?.body);
    const response = bodyText(seen.response?.body ?? (seen.request ? undefined : seen.summary));
    const at = this.#now();
    const entry: TraceEntry = {
      id: this.#nextId++,
      flow: this.#current,
      startedAt: at,
      durationMs: 0,
      method: (seen.request?.method ?? 'EVENT').toUpperCase(),
      // An event without an HTTP exchange (the pool creating its user) is named by its catalogue target.
      url: redactUrl(seen.request?.url ?? operation?.target ?? seen.operation),
      service: operation?.service ?? 'other',
      operation: operation?.name ?? seen.operation,
      requestHeaders: redactHeaders(seen.request?.headers ?? {}),
      requestBody: redactText(request.text, headerOf(seen.request?.headers, 'content-type') ?? request.type),
      status: seen.response?.status ?? 200,
      responseBody: redactText(
        response.text,
        headerOf(seen.response?.headers, 'content-type') ?? response.type
      ),
      error: null,
      responseHeaders: redactHeaders(seen.response?.headers ?? {}),
      outOfSight: true
    };
    this.#emit({ type: 'exchange-started', entry: { ...entry } });
    this.#emit({ type: 'exchange-finished', entry });
    return entry;
  }

  /** Listen to the events; returns the function that stops listening. */
  subscribe(listener: (event: TraceEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Run `work` as `flow`: after any flow already running, with every exchange it makes tagged `flow`.
   * Resolves or rejects as `work` does.
   */
  run<T>(flow: FlowName, work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(async () => {
      this.#current = flow;
      this.#emit({ type: 'flow-started', flow, at: this.#now() });
      let ok = false;
      try {
        const value = await work();
        ok = true;
        return value;
      } finally {
        this.#current = null;
        this.#emit({ type: 'flow-finished', flow, at: this.#now(), ok });
      }
    });
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #emit(event: TraceEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not break the flow.
      }
    }
  }
}

function endpointKey(method: string, url: string): string {
  try {
    const parsed = new URL(url);
    return `${method.toUpperCase()} ${parsed.origin}${parsed.pathname}`;
  } catch {
    return `${method.toUpperCase()} ${url}`;
  }
}
