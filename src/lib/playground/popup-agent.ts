// Signing in at an identity provider from a page that must stay alive (its tokens live in memory only): the
// provider's pages open in a small window of their own, which ends at /callback (SignInCallback.svelte) and
// hands its address back by postMessage on this site's origin. It is the browser's `SignInAgent` for
// run-both.ts, where Node uses a headless one.
import { LensError } from '../errors';
import { CALLBACK_MESSAGE } from './callback-message';
import type { IdpUser, SignInAgent } from './run-both';
import { openSignInWindow, type SignInWindow } from './sign-in-window';

export { CALLBACK_MESSAGE, type SignInWindow };

/** The opening page: `window` in a browser, a fake in tests. */
export interface PopupHost {
  open(url: string, target: string, features: string): SignInWindow | null;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  location: { origin: string };
  setInterval(handler: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}

export interface PopupAgent extends SignInAgent {
  /** Closes the window, if it is open. */
  close(): void;
}

/**
 * @example
 * ```ts
 * const agent = createPopupAgent(window, { opened: openSignInWindow(window) }); // in the click handler
 * await runUserPoolFederation(options, { ...deps, agent }); agent.close();
 * ```
 */
export function createPopupAgent(
  host: PopupHost,
  { pollMs = 400, opened = null }: { pollMs?: number; opened?: SignInWindow | null } = {}
): PopupAgent {
  // A window the page opened in the click (openSignInWindow), before it loaded this module.
  let popup: SignInWindow | null = opened;

  function ensureWindow(url: string): SignInWindow {
    if (popup && !popup.closed) {
      popup.location.href = url;
      popup.focus?.();
      return popup;
    }
    popup = openSignInWindow(host, url);
    if (!popup) {
      throw new LensError('ERR_SIGN_IN_WINDOW_BLOCKED', 'the browser blocked the sign-in window');
    }
    return popup;
  }

  return {
    close() {
      if (popup && !popup.closed) popup.close();
      popup = null;
    },
    signIn(start: string, stopAt: string, _user: IdpUser): Promise<URL> {
      return new Promise((resolve, reject) => {
        let win: SignInWindow;
        try {
          win = ensureWindow(start);
        } catch (error) {
          reject(error);
          return;
        }
        const done = () => {
          host.removeEventListener('message', onMessage);
          host.clearInterval(timer);
        };
        const onMessage = (event: MessageEvent) => {
          // Only /callback of this site, in the window this agent opened, answering this sign-in.
          if (event.origin !== host.location.origin || event.source !== (win as unknown)) return;
          const data = event.data as { type?: unknown; url?: unknown } | null;
          if (data?.type !== CALLBACK_MESSAGE || typeof data.url !== 'string') return;
          if (!data.url.startsWith(stopAt)) return;
          done();
          resolve(new URL(data.url));
        };
        const timer = host.setInterval(() => {
          if (!win.closed) return;
          done();
          reject(new LensError('ERR_SIGN_IN_WINDOW_CLOSED', 'the sign-in window was closed'));
        }, pollMs);
        host.addEventListener('message', onMessage);
      });
    }
  };
}
