// The one runner: every flow of the playground (sign-in, refresh, sign-out, the identity pool flows) runs
// through it, live in the page and in scripts/record-sample-run.js, so the recording is made by the code that
// replays it. It owns the traced fetch: each exchange is tagged with the flow that made it and reported as a
// typed event.

import { createTracedFetch } from './trace';
import type { FlowName, TraceEvent } from './types';

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

  constructor(deps: RunnerDeps) {
    this.#now = deps.now;
    this.fetch = createTracedFetch({
      fetch: deps.fetch,
      now: deps.now,
      flow: () => this.#current,
      onStart: (entry) => this.#emit({ type: 'exchange-started', entry }),
      onFinish: (entry) => this.#emit({ type: 'exchange-finished', entry })
    });
  }

  /** The flow running now, or `null`. */
  get current(): FlowName | null {
    return this.#current;
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
