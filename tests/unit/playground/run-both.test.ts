// The headless agent of run-both.ts against a fake IdP (injected fetch): redirects followed by hand, cookies
// kept per host (ports share them, as in browsers), the sign-in form and the consent form posted. The full
// runs are tested against the real sandbox in tests/sandbox/run-both.test.ts.
import { describe, expect, it } from 'vitest';
import { createHeadlessAgent } from '../../../src/lib/playground/run-both';

const POOL = 'http://127.0.0.1:9229';
const IDP = 'http://127.0.0.1:9230';
const APP = 'http://127.0.0.1:4173/playground';

function fakeWorld() {
  const seen: { method: string; url: string; cookie: string; body: string }[] = [];
  const redirect = (location: string, cookie?: string) => {
    const headers = new Headers({ location });
    if (cookie) headers.append('set-cookie', cookie);
    return new Response(null, { status: 302, headers });
  };
  const page = (html: string) =>
    new Response(html, { status: 200, headers: { 'content-type': 'text/html' } });
  const fetchFn = (async (input: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const url = new URL(input);
    seen.push({
      method: init.method ?? 'GET',
      url: input,
      cookie: headers.get('cookie') ?? '',
      body: String(init.body ?? '')
    });
    expect(init.redirect).toBe('manual');
    if (url.origin === POOL && url.pathname === '/oauth2/authorize')
      return redirect(`${IDP}/auth?client_id=pool`, 'pool_state=p1; Path=/');
    if (url.origin === IDP && url.pathname === '/auth')
      return redirect('/interaction/u1', '_interaction=i1; Path=/interaction/u1; HttpOnly');
    if (url.pathname === '/interaction/u1' && init.method !== 'POST') {
      return page(
        '<form method="POST" action="/interaction/u1/login"><input name="username"><input type="password" name="password"></form>'
      );
    }
    if (url.pathname === '/interaction/u1/login') return redirect(`${IDP}/interaction/u1/consent`);
    if (url.pathname === '/interaction/u1/consent') {
      return page(
        '<form method="POST" action="/interaction/u1/abort"></form><form method="POST" action="/interaction/u1/confirm"><button>Allow</button></form>'
      );
    }
    if (url.pathname === '/interaction/u1/confirm')
      return redirect(`${POOL}/oauth2/idpresponse?code=idp-code&state=s`);
    if (url.pathname === '/oauth2/idpresponse') return redirect(`${APP}?code=pool-code&state=app-state`);
    return new Response('lost', { status: 404 });
  }) as unknown as typeof fetch;
  return { seen, fetchFn };
}

describe('createHeadlessAgent', () => {
  it('follows the redirects, posts the sign-in and consent forms, and stops at the app', async () => {
    const { seen, fetchFn } = fakeWorld();
    const named: string[] = [];
    const callback = await createHeadlessAgent().signIn(
      `${POOL}/oauth2/authorize?identity_provider=LensIdP`,
      APP,
      { username: 'sam', password: 'Sam-social-1!' },
      fetchFn,
      (method, url) => named.push(`${method} ${new URL(url).pathname}`)
    );
    expect(callback.href).toBe(`${APP}?code=pool-code&state=app-state`);
    expect(seen.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      'GET /oauth2/authorize',
      'GET /auth',
      'GET /interaction/u1',
      'POST /interaction/u1/login',
      'GET /interaction/u1/consent',
      'POST /interaction/u1/confirm',
      'GET /oauth2/idpresponse'
    ]);
    expect(named).toHaveLength(seen.length);
    const login = seen.find((request) => request.url.endsWith('/login'));
    expect(new URLSearchParams(login?.body)).toEqual(
      new URLSearchParams({ username: 'sam', password: 'Sam-social-1!' })
    );
    // One host, two ports: one cookie jar, as a browser keeps it.
    expect(seen.at(-1)?.cookie).toContain('pool_state=p1');
    expect(seen.at(-1)?.cookie).toContain('_interaction=i1');
    // The app's redirect URI is never requested.
    expect(seen.some((request) => request.url.startsWith(APP))).toBe(false);
  });

  it('says plainly when the fetch hides redirects (a browser page)', async () => {
    const opaque = (async () => {
      const response = new Response(null, { status: 200 });
      Object.defineProperty(response, 'type', { value: 'opaqueredirect' });
      return response;
    }) as unknown as typeof fetch;
    await expect(
      createHeadlessAgent().signIn(
        `${POOL}/oauth2/authorize`,
        APP,
        { username: 'a', password: 'b' },
        opaque,
        () => {}
      )
    ).rejects.toThrow(/hides redirects/);
  });

  it('stops on a page with neither a sign-in nor a consent form', async () => {
    const lost = (async () =>
      new Response('<p>Something went wrong</p>', { status: 200 })) as unknown as typeof fetch;
    await expect(
      createHeadlessAgent().signIn(`${IDP}/auth`, APP, { username: 'a', password: 'b' }, lost, () => {})
    ).rejects.toThrow(/No sign-in or consent form at \/auth/);
  });
});
