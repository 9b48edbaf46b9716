import { describe, expect, it } from 'vitest';
import type { RunEvent, RunStep } from '../../../src/lib/playground/run-both';
import { LiveCompare, type LiveCompareDeps } from '../../../src/lib/state/live-compare.svelte';

const step = (side: RunStep['side'], id: string, what = id): RunStep => ({
  side,
  diagram: side === 'user-pool' ? 'cup-federation' : 'cip-federation',
  step: id,
  entryId: 1,
  operation: 'Op',
  outOfSight: false,
  at: 0,
  moved: { what, shown: null }
});

function deps(overrides: Partial<LiveCompareDeps> = {}) {
  const calls: string[] = [];
  let clock = 0;
  const base: LiveCompareDeps = {
    async runUserPool(onEvent: (event: RunEvent) => void) {
      calls.push('user-pool');
      onEvent({ side: 'user-pool', type: 'step', step: step('user-pool', 'authorize') });
      onEvent({ side: 'user-pool', type: 'step', step: step('user-pool', 'token-exchange') });
      return {
        steps: [step('user-pool', 'authorize'), step('user-pool', 'token-exchange', 'final')]
      } as never;
    },
    async runIdentityPool(onEvent: (event: RunEvent) => void) {
      calls.push('identity-pool');
      onEvent({ side: 'identity-pool', type: 'step', step: step('identity-pool', 'get-id') });
      return { steps: [step('identity-pool', 'get-id', 'final id')] } as never;
    },
    finish: () => calls.push('finish'),
    now: () => (clock += 500),
    ...overrides
  };
  return { deps: base, calls };
}

describe('LiveCompare', () => {
  it('runs user pool federation, then identity pool federation, and keeps what each reached', async () => {
    const live = new LiveCompare();
    const { deps: d, calls } = deps();
    await live.run(d);
    expect(calls).toEqual(['user-pool', 'identity-pool', 'finish']);
    expect(live.phase).toBe('done');
    expect(live.reached('user-pool')).toBe('token-exchange');
    expect(live.reached('identity-pool')).toBe('get-id');
    // The finished run's account replaces its live events (it knows the tokens it received).
    expect(live.movedAt('user-pool', 'token-exchange')?.moved.what).toBe('final');
    expect(live.movedAt('identity-pool', 'sts-credentials')).toBeUndefined();
    expect(live.took).toBe(500);
  });

  it('a failure stops the run, is kept for the explainer, and the window is closed all the same', async () => {
    const live = new LiveCompare();
    const failure = new Error('sign-in window closed');
    const { deps: d, calls } = deps({
      runIdentityPool: async () => {
        throw failure;
      }
    });
    await live.run(d);
    expect(live.phase).toBe('failed');
    expect(live.error).toBe(failure);
    expect(live.side).toBeNull();
    expect(calls).toEqual(['user-pool', 'finish']);
    // Starting again clears the previous run.
    await live.run(deps().deps);
    expect(live.phase).toBe('done');
    expect(live.error).toBeNull();
  });
});
