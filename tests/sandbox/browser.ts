// A browser, as far as managed login needs one: a cookie jar for the sandbox's origin, redirects not followed (the
// test looks at each), and the sign-in form submitted with its hidden fields, as a user's browser posts it.
import { endpoint } from './support';

/** A browser's cookie jar for the sandbox's origin. */
export class Browser {
  cookies = new Map<string, string>();

  async fetch(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(path.startsWith('http') ? path : `${endpoint}${path}`, {
      ...init,
      headers,
      redirect: 'manual'
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      const expired = attributes.some((attribute) => attribute.trim().toLowerCase() === 'max-age=0');
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.trim());
    }
    return response;
  }

  /** Submits the sign-in form the page shows, with every hidden field, as the browser would. */
  async submitSignIn(page: string, username: string, password: string) {
    const fields = new URLSearchParams();
    for (const match of page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
      fields.set(decodeEntities(match[1] ?? ''), decodeEntities(match[2] ?? ''));
    }
    fields.set('username', username);
    fields.set('password', password);
    return this.fetch('/oauth2/authorize', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString()
    });
  }
}

export const decodeEntities = (text: string) =>
  text.replace(
    /&(amp|lt|gt|quot|#39|#96|#61);/g,
    (_, name: string) =>
      ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`', '#61': '=' })[name] ?? ''
  );
