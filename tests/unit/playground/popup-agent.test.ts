import { describe, expect, it } from 'vitest';
import {
  CALLBACK_MESSAGE,
  createPopupAgent,
  type PopupHost,
  type SignInWindow
} from '../../../src/lib/playground/popup-agent';
import { openSignInWindow } from '../../../src/lib/playground/sign-in-window';

const ORIGIN = 'http://127.0.0.1:4173';
const user = { username: 'sam', password: 'x' };
const noName = () => {};

/** A page that can open windows, receive messages and run timers by hand. */
function fakeHost({ blocked = false } = {}) {
  const listeners = new Set<(event: MessageEvent) => void>();
  const timers = new Map<number, () => void>();
  const opened: { url: string; win: SignInWindow }[] = [];
  let next = 1;
  const host: PopupHost = {
    open(url) {
      if (blocked) return null;
      const win: SignInWindow = { closed: false, close: () => (win.closed = true), location: { href: url } };
      opened.push({ url, win });
      return win;
    },
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
    location: { origin: ORIGIN },
    setInterval: (handler) => {
      timers.set(next, handler);
      return next++;
    },
    clearInterval: (id) => timers.delete(id as number)
  };
  const post = (data: unknown, source: unknown, origin = ORIGIN) => {
    for (const listener of [...listeners]) listener({ data, source, origin } as MessageEvent);
  };
  const tick = () => [...timers.values()].forEach((run) => run());
  return { host, opened, post, tick, listeners };
}

describe('the popup sign-in agent', () => {
  it('opens the window in the click, then sends it to the provider and resolves with the callback address', async () => {
    const { host, opened, post, listeners } = fakeHost();
    // The page opens the window in the click (openSignInWindow), before the run is loaded.
    const agent = createPopupAgent(host, { opened: openSignInWindow(host) });
    expect(opened).toHaveLength(1);
    expect(opened[0]!.url).toBe('about:blank');
    const result = agent.signIn(
      'http://127.0.0.1:9229/oauth2/authorize?x=1',
      `${ORIGIN}/callback`,
      user,
      fetch,
      noName
    );
    const win = opened[0]!.win;
    expect(win.location.href).toBe('http://127.0.0.1:9229/oauth2/authorize?x=1');
    post({ type: CALLBACK_MESSAGE, url: `${ORIGIN}/callback?code=abc&state=s` }, win);
    expect((await result).searchParams.get('code')).toBe('abc');
    expect(listeners.size).toBe(0);
    // The second sign-in reuses the same window: no new pop-up needs the click's permission.
    const second = agent.signIn('http://127.0.0.1:9230/auth?y=2', `${ORIGIN}/callback`, user, fetch, noName);
    expect(opened).toHaveLength(1);
    post({ type: CALLBACK_MESSAGE, url: `${ORIGIN}/callback?code=def` }, win);
    expect((await second).searchParams.get('code')).toBe('def');
    agent.close();
    expect(win.closed).toBe(true);
  });

  it('adopts the window the page opened in the click, before the run was loaded', async () => {
    const { host, opened, post } = fakeHost();
    const early = host.open('about:blank', 'lens-sign-in', '')!;
    const agent = createPopupAgent(host, { opened: early });
    const result = agent.signIn('http://127.0.0.1:9229/a', `${ORIGIN}/callback`, user, fetch, noName);
    expect(opened).toHaveLength(1);
    expect(early.location.href).toBe('http://127.0.0.1:9229/a');
    post({ type: CALLBACK_MESSAGE, url: `${ORIGIN}/callback?code=x` }, early);
    expect((await result).searchParams.get('code')).toBe('x');
  });

  it('ignores messages from another origin, another window, another shape or another address', async () => {
    const { host, opened, post } = fakeHost();
    const agent = createPopupAgent(host);
    const result = agent.signIn('http://127.0.0.1:9229/a', `${ORIGIN}/callback`, user, fetch, noName);
    const win = opened[0]!.win;
    post({ type: CALLBACK_MESSAGE, url: `${ORIGIN}/callback?code=evil1` }, win, 'http://evil.example');
    post({ type: CALLBACK_MESSAGE, url: `${ORIGIN}/callback?code=evil2` }, {});
    post({ type: 'other', url: `${ORIGIN}/callback?code=evil3` }, win);
    post({ type: CALLBACK_MESSAGE, url: 'http://evil.example/callback?code=evil4' }, win);
    post({ type: CALLBACK_MESSAGE, url: `${ORIGIN}/callback?code=good` }, win);
    expect((await result).searchParams.get('code')).toBe('good');
  });

  it('a blocked pop-up and a closed window are errors with their own codes', async () => {
    const blocked = createPopupAgent(fakeHost({ blocked: true }).host);
    await expect(
      blocked.signIn('http://127.0.0.1:9229/a', `${ORIGIN}/callback`, user, fetch, noName)
    ).rejects.toMatchObject({
      code: 'ERR_SIGN_IN_WINDOW_BLOCKED'
    });

    const { host, opened, tick, listeners } = fakeHost();
    const agent = createPopupAgent(host);
    const result = agent.signIn('http://127.0.0.1:9229/a', `${ORIGIN}/callback`, user, fetch, noName);
    tick();
    opened[0]!.win.close();
    tick();
    await expect(result).rejects.toMatchObject({ code: 'ERR_SIGN_IN_WINDOW_CLOSED' });
    expect(listeners.size).toBe(0);
  });
});
