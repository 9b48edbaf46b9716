// "Run both live" on /compare, loaded on the click: the sandbox's configuration, the browser's libraries and
// the sign-in window, handed to run-both.ts through LiveCompare.
import { browserLibraries } from '$lib/playground/browser-libraries';
import { createPopupAgent } from '$lib/playground/popup-agent';
import {
  runIdentityPoolFederation,
  runUserPoolFederation,
  type RunBothOptions
} from '$lib/playground/run-both';
import type { SignInWindow } from '$lib/playground/sign-in-window';
import { SANDBOX, SANDBOX_CONFIG } from '$lib/sandbox-preset';
import type { LiveCompare } from '$lib/state/live-compare.svelte';

/** The sandbox's IdP user the live run asks to sign in (shown next to the button). */
export const LIVE_USER = SANDBOX.idp.users[0]!;

/** Runs both federations against the sandbox; `redirectUri` is /callback on this site (absolute URL). */
export function runLive(live: LiveCompare, opened: SignInWindow | null, redirectUri: string): Promise<void> {
  const agent = createPopupAgent(window, { opened });
  const options: RunBothOptions = {
    config: SANDBOX_CONFIG,
    redirectUri,
    identityProvider: SANDBOX.idp.providerName,
    user: LIVE_USER
  };
  const deps = {
    ...browserLibraries,
    fetch: window.fetch.bind(window),
    now: () => Date.now(),
    crypto: window.crypto,
    agent
  };
  return live.run({
    runUserPool: (onEvent) => runUserPoolFederation(options, deps, onEvent),
    runIdentityPool: (onEvent) => runIdentityPoolFederation(options, deps, onEvent),
    finish: () => agent.close(),
    now: () => performance.now()
  });
}
