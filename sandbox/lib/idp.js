// @ts-check
// LensIdP: a local OpenID Connect provider on its own port (another site, as Google is), built on oidc-provider
// (https://github.com/panva/node-oidc-provider, OpenID Certified). It has its own users (seed/preset.json `idp`),
// a sign-in page and a consent page (below; oidc-provider's development pages are turned off), discovery, JWKS,
// authorization code with PKCE (required for public clients), refresh tokens, userinfo and revocation. oidc-provider
// answers CORS on discovery and JWKS for every origin, and on the token and userinfo endpoints for the origins of a
// public client's redirect URIs, so a browser app (the playground) can use it directly.
//
// Two clients are registered:
//   lens-playground        public (no secret, PKCE S256), for identity pool federation straight from the browser
//   the user pool's client confidential (client_secret_basic), redirect URI <sandbox>/oauth2/idpresponse: the pool
//                          redeems codes server-side, as Cognito does with any OIDC IdP
//
// State: users, clients and the signing key come from the seed on every start; sessions, grants, codes and tokens
// are kept in `idp.json` in the data folder (JsonAdapter below), so they survive a restart like the rest of the
// sandbox and --reset clears them.
import { createServer } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
// @ts-expect-error -- oidc-provider 8 ships no type declarations
import Provider from 'oidc-provider';
import { escapeHtml, htmlPage, originOf, passwordForm } from './login-page.js';

/** @typedef {import('./seed.js').Preset} Preset */
/** @typedef {NonNullable<Preset['idp']>['users'][number]} IdpUser */

/** @param {string} a @param {string} b */
const sameText = (a, b) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** @param {import('node:http').IncomingMessage} req @returns {Promise<Record<string, string>>} */
async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 64 * 1024) break;
    chunks.push(chunk);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** The avatar the IdP serves as users' `picture`: their initial on a coloured disc. @param {string} name */
function avatarSvg(name) {
  const initial = escapeHtml((name.trim()[0] ?? '?').toUpperCase());
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><circle cx="48" cy="48" r="48" fill="#0b6e4f"/><text x="48" y="62" font-family="sans-serif" font-size="44" fill="#fff" text-anchor="middle">${initial}</text></svg>`;
}

/**
 * oidc-provider's storage interface over one JSON document: {[model]: {[id]: {payload, exp}}}. Expired entries are
 * dropped when read and when the sandbox starts.
 * @param {import('./store.js').JsonDocument} document
 * @param {() => number} now epoch seconds
 */
export function jsonAdapterFactory(document, now = () => Math.floor(Date.now() / 1000)) {
  for (const [model, entries] of Object.entries(document.get([]) ?? {})) {
    for (const [id, entry] of Object.entries(/** @type {Record<string, {exp?: number}>} */ (entries))) {
      if (entry.exp !== undefined && entry.exp <= now()) delete entries[id];
    }
    if (Object.keys(entries).length === 0) delete document.get([])[model];
  }
  return class JsonAdapter {
    /** @param {string} model */
    constructor(model) {
      this.model = model;
    }

    /** @param {string} id */
    #entry(id) {
      const entry = document.get([this.model, id]);
      if (!entry) return undefined;
      if (entry.exp !== undefined && entry.exp <= now()) {
        void document.delete([this.model, id]);
        return undefined;
      }
      return entry;
    }

    /** @param {string} id @param {Record<string, any>} payload @param {number} [expiresIn] */
    async upsert(id, payload, expiresIn) {
      // Expired entries of this model go as new ones come, so the file does not grow without bound.
      const entries = document.get([this.model]) ?? {};
      for (const [key, entry] of Object.entries(entries)) {
        if (entry?.exp !== undefined && entry.exp <= now()) delete entries[key];
      }
      await document.set([this.model, id], {
        payload,
        ...(expiresIn ? { exp: now() + expiresIn } : {})
      });
    }

    /** @param {string} id */
    async find(id) {
      return this.#entry(id)?.payload;
    }

    /** @param {string} uid */
    async findByUid(uid) {
      const entries = document.get([this.model]) ?? {};
      const id = Object.keys(entries).find((key) => entries[key]?.payload?.uid === uid);
      return id === undefined ? undefined : this.find(id);
    }

    /** @param {string} userCode */
    async findByUserCode(userCode) {
      const entries = document.get([this.model]) ?? {};
      const id = Object.keys(entries).find((key) => entries[key]?.payload?.userCode === userCode);
      return id === undefined ? undefined : this.find(id);
    }

    /** @param {string} id */
    async consume(id) {
      const entry = this.#entry(id);
      if (!entry) return;
      await document.set([this.model, id], {
        ...entry,
        payload: { ...entry.payload, consumed: Math.floor(Date.now() / 1000) }
      });
    }

    /** @param {string} id */
    async destroy(id) {
      await document.delete([this.model, id]);
    }

    /** @param {string} grantId */
    async revokeByGrantId(grantId) {
      const entries = document.get([this.model]) ?? {};
      for (const [id, entry] of Object.entries(entries)) {
        if (entry?.payload?.grantId === grantId) delete entries[id];
      }
      await document.save();
    }
  };
}

const BADGE = '<span class="badge">LensIdP · local OpenID Connect provider</span>';

/**
 * Where the IdP's forms may lead (CSP form-action also applies to the redirects after a post): the client's
 * redirect URI, and for the user pool's client whatever app the pool then returns to.
 * @param {string} redirectUri
 */
const formTargets = (redirectUri) =>
  redirectUri.endsWith('/oauth2/idpresponse') ? 'http: https:' : originOf(redirectUri);

/**
 * @param {{uid: string, clientName: string, redirectUri: string, username?: string, error?: string}} input
 */
function loginPage({ uid, clientName, redirectUri, username, error }) {
  const body = `${BADGE}
<h1>Sign in to LensIdP</h1>
<p><strong>${escapeHtml(clientName)}</strong> asks you to sign in with your LensIdP account.</p>
${passwordForm({ action: `/interaction/${uid}/login`, username, error })}
<form method="POST" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit" class="secondary">Cancel</button></form>
<dl><dt>Returns to</dt><dd><code>${escapeHtml(redirectUri)}</code></dd></dl>`;
  return htmlPage({
    title: 'Sign in · LensIdP',
    body,
    callbackOrigin: formTargets(redirectUri),
    status: error ? 401 : 200
  });
}

/**
 * @param {{uid: string, clientName: string, redirectUri: string, username: string, scopes: string[]}} input
 */
function consentPage({ uid, clientName, redirectUri, username, scopes }) {
  const what = {
    openid: 'your LensIdP user id',
    email: 'your email address',
    profile: 'your name, picture and department',
    offline_access: 'access while you are away (a refresh token)'
  };
  const items = scopes
    .map((scope) => `<li>${escapeHtml(/** @type {Record<string, string>} */ (what)[scope] ?? scope)}</li>`)
    .join('');
  const body = `${BADGE}
<h1>Allow ${escapeHtml(clientName)}?</h1>
<p>Signed in as <strong>${escapeHtml(username)}</strong>. <strong>${escapeHtml(clientName)}</strong> will receive:</p>
<ul>${items}</ul>
<form method="POST" action="/interaction/${escapeHtml(uid)}/confirm"><button type="submit">Allow</button></form>
<form method="POST" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit" class="secondary">Cancel</button></form>
<dl><dt>Returns to</dt><dd><code>${escapeHtml(redirectUri)}</code></dd></dl>`;
  return htmlPage({ title: 'Allow access · LensIdP', body, callbackOrigin: formTargets(redirectUri) });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {import('./oauth2.js').OAuthResponse} page
 */
function sendPage(res, page) {
  res.writeHead(page.status, page.headers);
  res.end(page.body);
}

/**
 * Starts LensIdP.
 * @param {{
 *   preset: Preset,
 *   port: number,
 *   host: string,
 *   publicUrl?: string,
 *   signingKey: Record<string, any>,
 *   cookieKey: string,
 *   poolRedirectUri: string,
 *   state: import('./store.js').JsonDocument,
 *   onError: (error: unknown) => void
 * }} options `publicUrl`: the issuer, when it is not the address listened on; port 0 picks a free port
 */
export async function startIdp(options) {
  const { preset, port, host, publicUrl, signingKey, cookieKey, poolRedirectUri, state, onError } = options;
  const config = preset.idp;
  if (!config) throw new Error('seed/preset.json has no `idp` section');
  const server = createServer();
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const actualPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const issuer = publicUrl ?? `http://${host}:${actualPort}`;

  /** @type {Map<string, IdpUser>} */
  const bySub = new Map(config.users.map((user) => [user.sub, user]));
  /** @param {IdpUser} user */
  const claimsOf = (user) => ({
    sub: user.sub,
    ...user.claims,
    preferred_username: user.username,
    picture: `${issuer}/pictures/${encodeURIComponent(user.username)}.svg`
  });

  const provider = new Provider(issuer, {
    adapter: jsonAdapterFactory(state),
    clients: [
      {
        client_id: config.publicClientId,
        client_name: 'Cognito Lens playground',
        token_endpoint_auth_method: 'none',
        redirect_uris: config.publicRedirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        scope: [...config.scopes, 'offline_access'].join(' ')
      },
      {
        client_id: config.poolClient.id,
        client_secret: config.poolClient.secret,
        client_name: `Cognito user pool ${preset.userPoolName}`,
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: [poolRedirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        scope: [...config.scopes, 'offline_access'].join(' ')
      }
    ],
    jwks: { keys: [signingKey] },
    // Lax, not oidc-provider's default None for the session cookie: browsers refuse SameSite=None without Secure, and
    // LensIdP is served over http. Every step of a sign-in is a top-level navigation, which Lax cookies follow.
    cookies: {
      keys: [cookieKey],
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true }
    },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'picture', 'preferred_username', 'department']
    },
    // The id token carries the claims of the granted scopes (as Google's and Auth0's do), not only `sub`: the user
    // pool's attribute mapping and the identity pool's role rules read them from it.
    conformIdTokenClaims: false,
    /** @param {unknown} _ctx @param {string} sub */
    async findAccount(_ctx, sub) {
      const user = bySub.get(sub);
      if (!user) return undefined;
      return { accountId: sub, claims: async () => claimsOf(user) };
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true }
    },
    // Every client that may refresh gets a refresh token, without asking for offline_access.
    issueRefreshToken: async (/** @type {unknown} */ _ctx, /** @type {any} */ client) =>
      client.grantTypeAllowed('refresh_token'),
    pkce: {
      required: (/** @type {unknown} */ _ctx, /** @type {any} */ client) => client.clientAuthMethod === 'none'
    },
    /** @param {unknown} _ctx @param {string} origin @param {{redirectUris: string[]}} client */
    clientBasedCORS(_ctx, origin, client) {
      return client.redirectUris.some((uri) => originOf(uri) === origin);
    },
    interactions: {
      url: (/** @type {unknown} */ _ctx, /** @type {{uid: string}} */ interaction) =>
        `/interaction/${interaction.uid}`
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 300,
      IdToken: 3600,
      RefreshToken: 14 * 24 * 3600,
      Interaction: 3600,
      Session: 24 * 3600,
      Grant: 14 * 24 * 3600
    },
    /** @param {any} ctx @param {{error: string, error_description?: string}} out */
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = htmlPage({
        title: 'Error · LensIdP',
        body: `${BADGE}
<h1>Something went wrong</h1>
<p class="error" role="alert"><code>${escapeHtml(out.error)}</code>: ${escapeHtml(out.error_description)}</p>`
      }).body;
    }
  });
  provider.on('server_error', (/** @type {unknown} */ _ctx, /** @type {unknown} */ error) => onError(error));
  const callback = provider.callback();

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} uid
   * @param {string | undefined} action
   */
  async function interaction(req, res, uid, action) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const { prompt, params } = details;
    const client = await provider.Client.find(String(params.client_id));
    const clientName = String(client?.clientName ?? params.client_id);
    const redirectUri = String(params.redirect_uri);
    if (action === 'abort') {
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user cancelled the sign-in at LensIdP.' },
        { mergeWithLastSubmission: false }
      );
    }
    if (prompt.name === 'login') {
      if (req.method !== 'POST' || action !== 'login')
        return sendPage(res, loginPage({ uid, clientName, redirectUri }));
      const form = await readForm(req);
      const user = config?.users.find((candidate) => candidate.username === form.username);
      if (!user || !sameText(String(form.password ?? ''), user.password)) {
        return sendPage(
          res,
          loginPage({
            uid,
            clientName,
            redirectUri,
            username: form.username,
            error: 'Incorrect username or password.'
          })
        );
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.sub } },
        { mergeWithLastSubmission: false }
      );
    }
    if (prompt.name === 'consent') {
      const accountId = String(details.session?.accountId);
      const user = bySub.get(accountId);
      if (req.method !== 'POST' || action !== 'confirm') {
        return sendPage(
          res,
          consentPage({
            uid,
            clientName,
            redirectUri,
            username: user?.username ?? accountId,
            scopes: String(params.scope ?? '')
              .split(' ')
              .filter(Boolean)
          })
        );
      }
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId: String(params.client_id) });
      if (!grant) throw new Error('grant vanished');
      const missing = /** @type {Record<string, any>} */ (prompt.details);
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
        grant.addResourceScope(indicator, /** @type {string[]} */ (scopes).join(' '));
      }
      const grantId = await grant.save();
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true }
      );
    }
    throw new Error(`unexpected prompt ${prompt.name}`);
  }

  server.on('request', async (req, res) => {
    try {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const step = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(path);
      const picture = /^\/pictures\/([\w-]+)\.svg$/.exec(path);
      if (step) {
        try {
          await interaction(req, res, String(step[1]), step[2]);
        } catch (error) {
          if (res.headersSent) throw error;
          const page = htmlPage({
            title: 'Sign-in expired · LensIdP',
            status: 400,
            body: `${BADGE}
<h1>This sign-in has expired</h1>
<p class="error" role="alert">Go back to the app and start again. (${escapeHtml(/** @type {Error} */ (error).message)})</p>`
          });
          sendPage(res, page);
        }
      } else if (picture && req.method === 'GET') {
        const user = config?.users.find((candidate) => candidate.username === picture[1]);
        if (!user) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, {
          'content-type': 'image/svg+xml',
          'cache-control': 'public, max-age=3600',
          'access-control-allow-origin': '*',
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'"
        });
        res.end(avatarSvg(String(user.claims.name ?? user.username)));
      } else {
        await callback(req, res);
      }
    } catch (error) {
      onError(error);
      if (!res.headersSent)
        res.writeHead(500, { 'content-type': 'text/plain' }).end('LensIdP failed; see the sandbox console.');
      else res.destroy();
    }
  });

  return {
    issuer,
    port: actualPort,
    provider,
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
    }
  };
}

/** @typedef {Awaited<ReturnType<typeof startIdp>>} Idp */
