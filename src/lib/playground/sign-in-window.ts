/** The window a live run signs in through (popup-agent.ts): what a browser's `Window` offers of it. */
export interface SignInWindow {
  closed: boolean;
  close(): void;
  location: { href: string };
  focus?(): void;
}

const NAME = 'lens-sign-in';
const FEATURES = 'popup,width=520,height=700';

/**
 * Opens the sign-in window at `url` (blank by default). Browsers allow it only during a click (or key press)
 * handler, before anything asynchronous; `null` when a pop-up blocker refused it. Kept free of imports so
 * a page can call it without loading the run.
 */
export function openSignInWindow(
  host: { open(url: string, target: string, features: string): SignInWindow | null },
  url = 'about:blank'
): SignInWindow | null {
  return host.open(url, NAME, FEATURES);
}
