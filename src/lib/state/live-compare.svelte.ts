import type { IdentityPoolRun, RunEvent, RunSide, RunStep, UserPoolRun } from '$lib/playground/run-both';

/** What a live run of both federations needs: the two runs (with their sign-in window) and a clock. */
export interface LiveCompareDeps {
  runUserPool(onEvent: (event: RunEvent) => void): Promise<UserPoolRun>;
  runIdentityPool(onEvent: (event: RunEvent) => void): Promise<IdentityPoolRun>;
  /** Closes the sign-in window, whatever happened. */
  finish(): void;
  now(): number;
}

export type LivePhase = 'idle' | 'running' | 'done' | 'failed';

/**
 * "Run both live" on /compare: user pool federation, then identity pool federation, against the sandbox,
 * one after the other (one sign-in window, one user). Each side keeps the diagram steps its run reached and
 * what moved there, so the diagrams can follow the runs and, afterwards, stepping replays them.
 * Tokens and credentials stay in this object, in memory.
 */
export class LiveCompare {
  phase = $state<LivePhase>('idle');
  /** The run in progress. */
  side = $state<RunSide | null>(null);
  error = $state<unknown>(null);
  /** Start to finish, in milliseconds, once done. */
  took = $state<number | null>(null);
  #steps = $state<Record<RunSide, RunStep[]>>({ 'user-pool': [], 'identity-pool': [] });

  /** The steps `side`'s run reached, in order. */
  steps(side: RunSide): RunStep[] {
    return this.#steps[side];
  }

  /** The id of the latest step `side`'s run reached (null before its first). */
  reached(side: RunSide): string | null {
    return this.#steps[side].at(-1)?.step ?? null;
  }

  /** What moved at step `id` of `side`'s diagram in this run (the latest exchange that reached it). */
  movedAt(side: RunSide, id: string): RunStep | undefined {
    return this.#steps[side].findLast((step) => step.step === id);
  }

  async run(deps: LiveCompareDeps): Promise<void> {
    if (this.phase === 'running') return;
    this.phase = 'running';
    this.error = null;
    this.took = null;
    this.#steps = { 'user-pool': [], 'identity-pool': [] };
    const started = deps.now();
    const onEvent = (event: RunEvent) => {
      if (event.type !== 'step') return;
      this.#steps[event.step.side] = [...this.#steps[event.step.side], event.step];
    };
    try {
      this.side = 'user-pool';
      const userPool = await deps.runUserPool(onEvent);
      // The finished run knows more than its live events (the tokens it received): keep its account.
      this.#steps['user-pool'] = userPool.steps;
      this.side = 'identity-pool';
      const identityPool = await deps.runIdentityPool(onEvent);
      this.#steps['identity-pool'] = identityPool.steps;
      this.took = deps.now() - started;
      this.phase = 'done';
    } catch (error) {
      this.error = error;
      this.phase = 'failed';
    } finally {
      this.side = null;
      deps.finish();
    }
  }
}
