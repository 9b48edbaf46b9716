// @ts-check
// The sandbox's managed login pages (sign-in form, error page), in place of cognito-local's bare form, which echoed
// `state`, `scope` and `code_challenge` into the page unescaped: a link could run script on the sandbox's origin.
// Here every value goes through escapeHtml, and the page is served with a strict Content-Security-Policy: no
// script at all, only the one inline stylesheet (allowed by its hash), forms may post only to the sandbox and
// (after the redirect) to the app's own callback origin, and no other site may frame it.
// Styled like the site (its colours and fonts, light and dark by prefers-color-scheme), with plain inline CSS.
import { createHash } from 'node:crypto';

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value ?? '').replace(
    /[&<>"'`=]/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;' })[
        char
      ] ?? char
  );
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f4f5f9;--card:#fff;--fg:#1b1d29;--muted:#4a4f63;--border:#d5d8e3;
--accent:#3f3bc4;--accent-fg:#fff;--bad:#b3261e;--bad-soft:#fbe3e1;--focus:#c2410c;--cup:#0b6e4f;
font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Helvetica Neue',Arial,sans-serif}
@media (prefers-color-scheme:dark){:root{--bg:#12131a;--card:#1f2130;--fg:#e8e9f0;--muted:#aeb2c4;
--border:#3a3d50;--accent:#a5a3ff;--accent-fg:#12131a;--bad:#ff8a80;--bad-soft:#3d1a18;--focus:#ffb86b;
--cup:#5fd3a6}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--fg);
line-height:1.5;padding:1rem}
main{width:100%;max-width:26rem;background:var(--card);border:1px solid var(--border);border-radius:8px;
padding:1.5rem 1.75rem}
.badge{display:inline-block;font-size:.8rem;color:var(--cup);border:1px solid currentColor;border-radius:999px;
padding:0 .6rem}
h1{font-size:1.4rem;margin:.5rem 0 .25rem}
p{margin:.25rem 0 1rem;color:var(--muted)}
code{font-family:ui-monospace,'SFMono-Regular','DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:.85em;
overflow-wrap:anywhere}
label{display:block;font-weight:600;margin:.9rem 0 .3rem}
input{width:100%;font:inherit;padding:.55rem .7rem;border:1px solid var(--border);border-radius:8px;
background:var(--bg);color:var(--fg)}
button{margin-top:1.25rem;width:100%;font:inherit;font-weight:600;padding:.6rem;border:0;border-radius:8px;
background:var(--accent);color:var(--accent-fg);cursor:pointer}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.error{background:var(--bad-soft);color:var(--bad);border-radius:8px;padding:.5rem .75rem;margin:1rem 0 0}
a{color:var(--accent)}
.back{display:block;margin-top:1.25rem;text-align:center}
.or{text-align:center;margin:1rem 0 .25rem}
.provider{display:block;text-align:center;font-weight:600;padding:.55rem;border:1px solid var(--accent);
border-radius:8px;text-decoration:none;margin-top:.5rem}
dl{font-size:.85rem;color:var(--muted);margin:1.25rem 0 0;display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem}
dd{margin:0}
`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/**
 * The page's Content-Security-Policy. `form-action` also lists the callback's origin: browsers apply it to the
 * redirect that follows the form post.
 * @param {string | undefined} callbackOrigin
 */
export function contentSecurityPolicy(callbackOrigin) {
  const formAction = ["'self'", ...(callbackOrigin ? [callbackOrigin] : [])].join(' ');
  return [
    "default-src 'none'",
    `style-src 'sha256-${STYLE_HASH}'`,
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    "base-uri 'none'"
  ].join('; ');
}

/**
 * @param {{title: string, body: string, callbackOrigin?: string, status?: number}} page
 * @returns {import('./oauth2.js').OAuthResponse}
 */
export function htmlPage({ title, body, callbackOrigin, status = 200 }) {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy(callbackOrigin),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store'
    },
    body: html
  };
}

/** @param {string} url @returns {string | undefined} */
export function originOf(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The error (if any) and the username and password form of a sign-in page, every value escaped; shared by the
 * managed login page and LensIdP's.
 * @param {{action: string, hidden?: string, username?: string, error?: string}} input `hidden`: inputs, already escaped
 */
export function passwordForm({ action, hidden = '', username, error }) {
  return `${error ? `<p class="error" role="alert" id="error">${escapeHtml(error)}</p>` : ''}
<form method="POST" action="${escapeHtml(action)}">
${hidden ? `${hidden}\n` : ''}<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${escapeHtml(username ?? '')}"${error ? ' aria-describedby="error"' : ''}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`;
}

/**
 * The sign-in form. `fields` are the authorization request's parameters, carried through as hidden inputs.
 * @param {{
 *   poolName: string, poolId: string, clientName: string, clientId: string, redirectUri: string,
 *   cancelUrl: string, fields: Record<string, string>, username?: string, error?: string,
 *   providers?: {name: string, href: string}[]
 * }} input `providers`: the identity providers the app client supports, offered as "Continue with <name>" `cancelUrl` returns to the app with `error=access_denied` (and its state), as OAuth 2.0 has it
 */
export function signInPage(input) {
  const { poolName, poolId, clientName, clientId, redirectUri, cancelUrl, fields, username, error } = input;
  const providers = (input.providers ?? [])
    .map(
      (provider) =>
        `<a class="provider" href="${escapeHtml(provider.href)}">Continue with ${escapeHtml(provider.name)}</a>`
    )
    .join('\n');
  const hidden = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const callbackOrigin = originOf(redirectUri);
  const body = `<span class="badge">Local Cognito sandbox · managed login</span>
<h1>Sign in to ${escapeHtml(clientName)}</h1>
<p>User pool <strong>${escapeHtml(poolName)}</strong></p>
${passwordForm({ action: '/oauth2/authorize', hidden, username, error })}
${providers ? `<p class="or">or</p>\n${providers}` : ''}
${callbackOrigin ? `<a class="back" href="${escapeHtml(cancelUrl)}">Cancel and go back to ${escapeHtml(clientName)}</a>` : ''}
<dl>
<dt>Pool</dt><dd><code>${escapeHtml(poolId)}</code></dd>
<dt>App client</dt><dd><code>${escapeHtml(clientId)}</code></dd>
<dt>Returns to</dt><dd><code>${escapeHtml(redirectUri)}</code></dd>
</dl>`;
  return htmlPage({ title: `Sign in · ${clientName}`, body, callbackOrigin });
}

/**
 * An error shown instead of redirecting: the redirect_uri cannot be trusted (unknown client, unregistered URI).
 * @param {{error: string, description: string, status?: number}} input
 */
export function errorPage({ error, description, status = 400 }) {
  const body = `<span class="badge">Local Cognito sandbox · managed login</span>
<h1>Something went wrong</h1>
<p class="error" role="alert"><code>${escapeHtml(error)}</code>: ${escapeHtml(description)}</p>
<p>The app that sent you here asked for something this user pool cannot do. Go back to the app and try again.</p>`;
  return htmlPage({ title: 'Error · managed login', body, status });
}

/** A page that says the user is signed out (a /logout with no place to return to). */
export function signedOutPage() {
  return htmlPage({
    title: 'Signed out · managed login',
    body: `<span class="badge">Local Cognito sandbox · managed login</span>
<h1>You are signed out</h1>
<p>The managed login session on this sandbox has ended. You can close this page.</p>`
  });
}
