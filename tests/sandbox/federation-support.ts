// A headless browser for LensIdP's and managed login's HTML forms: fetch, a cookie jar, manual redirects. Cookies
// are kept per host (not per port), as browsers keep them, so the sandbox and LensIdP share one jar.
import * as oidc from 'openid-client';
import { expect } from 'vitest';
import { idpUrl, preset } from './support';

export const idp = preset.idp;
export const idpLoginKey = idpUrl.replace(/^https?:\/\//, '');
export const playgroundRedirect = 'http://127.0.0.1:4173/playground';

export class Browser {
  readonly cookies = new Map<string, string>();
  /** Every URL this browser was sent to, in order. */
  readonly visited: string[] = [];

  #remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    this.visited.push(url);
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual'
    });
    this.#remember(response);
    return response;
  }

  /**
   * Follows redirects until a page (200/4xx) or a redirect to `stopAt`'s origin and path.
   * @returns the final response and its URL (for a stop, the Location that was not followed)
   */
  async follow(url: string, stopAt: string, init: { form?: Record<string, string> } = {}) {
    let response = await this.request(url, init);
    let current = url;
    for (let hops = 0; hops < 20; hops += 1) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      current = new URL(location, current).toString();
      if (current.startsWith(stopAt)) return { response, url: current };
      response = await this.request(current);
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /**
   * Signs in at LensIdP from its sign-in page, allows the consent if asked, and returns the URL LensIdP redirects to
   * at `stopAt` (the app's or the user pool's redirect URI).
   */
  async signInAtIdp(start: string, stopAt: string, username: string, password: string) {
    let { response, url } = await this.follow(start, stopAt);
    if (url.startsWith(stopAt)) return url;
    let html = await response.text();
    expect(html, `LensIdP sign-in page at ${url}`).toContain('<label for="username">Username</label>');
    const loginAction = /action="([^"]+\/login)"/.exec(html)?.[1];
    ({ response, url } = await this.follow(new URL(String(loginAction), url).toString(), stopAt, {
      form: { username, password }
    }));
    if (url.startsWith(stopAt)) return url;
    html = await response.text();
    const confirm = /action="([^"]+\/confirm)"/.exec(html)?.[1];
    if (!confirm) throw new Error(`no consent form after signing in (status ${response.status}): ${html}`);
    expect(html).toContain('>Allow</button>');
    ({ url } = await this.follow(new URL(confirm, url).toString(), stopAt, { form: {} }));
    if (!url.startsWith(stopAt)) throw new Error(`LensIdP did not return to ${stopAt}: ${url}`);
    return url;
  }
}

export const idpUser = (username: 'sam' | 'alice') => {
  const user = idp.users.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no IdP user ${username}`);
  return user;
};

/** The playground's direct path: openid-client, code + PKCE at LensIdP with the public client; the IdP's tokens. */
export async function signInAtIdpDirectly(username: 'sam' | 'alice', browser = new Browser()) {
  const config = await oidc.discovery(new URL(idpUrl), idp.publicClientId, undefined, oidc.None(), {
    execute: [oidc.allowInsecureRequests]
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: playgroundRedirect,
    scope: idp.scopes.join(' '),
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state
  });
  const callback = await browser.signInAtIdp(
    url.toString(),
    playgroundRedirect,
    username,
    idpUser(username).password
  );
  return oidc.authorizationCodeGrant(config, new URL(callback), {
    pkceCodeVerifier: verifier,
    expectedState: state
  });
}
