// @ts-check
// User pool federation with an OIDC identity provider, as Cognito runs it
// (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-oidc-flow.html):
//   1. managed login (or identity_provider= / idp_identifier= on /oauth2/authorize) redirects the browser to the
//      IdP's authorization endpoint, with the pool's own client id at the IdP and redirect_uri /oauth2/idpresponse;
//   2. the IdP returns a code to /oauth2/idpresponse; the pool redeems it server-side with its client secret,
//      verifies the IdP's id token against the IdP's JWKS (issuer, audience, nonce, expiry) and reads userInfo;
//   3. the pool creates or updates the federated user `<ProviderName>_<sub>` (status EXTERNAL_PROVIDER, attributes
//      from the provider's AttributeMapping, an `identities` attribute), or, when an administrator linked that IdP
//      identity to a user with AdminLinkProviderForUser, signs in that user instead; it never links by itself
//      (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html);
//   4. the app receives the pool's own authorization code, never the IdP's.
// Each server-side leg is recorded in the event feed (events.js), since the app never sees it.
// AdminLinkProviderForUser and AdminDisableProviderForUser live here too:
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminLinkProviderForUser.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableProviderForUser.html
import { randomBytes, randomUUID } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { ServiceError, invalidParameter, resourceNotFound } from './errors.js';
import { schemaOf } from './schema.js';

/** @typedef {import('./identity-providers.js').IdentityProviderRecord} IdentityProviderRecord */
/** @typedef {import('./directory.js').UserRecord} UserRecord */
/** @typedef {Record<string, any>} Body */

/**
 * One entry of the `identities` attribute. In the id token every value is a string
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html:
 * `"primary": "true"`, `"dateCreated": "1642699117273"`, `"issuer": null`).
 * @typedef {{userId: string, providerName: string, providerType: string, issuer: null, primary: boolean,
 *   dateCreated: number, attributeName?: string}} LinkedIdentity
 */

export const FEDERATION_COOKIE = 'cognito-federation';
const STATE_SECONDS = 600;
const FETCH_TIMEOUT_MS = 5000;

/**
 * The `identities` attribute of a user, parsed (an empty list when absent or unreadable).
 * @param {UserRecord | undefined} user
 * @returns {LinkedIdentity[]}
 */
export function identitiesOf(user) {
  const raw = user?.Attributes?.find((attribute) => attribute.Name === 'identities')?.Value;
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/**
 * The `identities` claim of an id token, in the shape AWS documents (every value a string, issuer null).
 * @param {UserRecord} user
 */
export function identitiesClaim(user) {
  const identities = identitiesOf(user);
  if (identities.length === 0) return undefined;
  return identities.map((identity) => ({
    userId: String(identity.userId),
    providerName: String(identity.providerName),
    providerType: String(identity.providerType),
    issuer: null,
    primary: String(Boolean(identity.primary)),
    dateCreated: String(identity.dateCreated)
  }));
}

/** @param {{Name: string, Value?: string}[] | undefined} attributes @param {string} name @param {string | undefined} value */
function withAttribute(attributes, name, value) {
  const rest = (attributes ?? []).filter((attribute) => attribute.Name !== name);
  return value === undefined ? rest : [...rest, { Name: name, Value: value }];
}

/** @param {string | undefined} header @param {string} name */
function cookieValue(header, name) {
  for (const part of String(header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** @param {Headers} headers */
const plainHeaders = (headers) => Object.fromEntries([...headers.entries()]);

/**
 * @param {{
 *   directory: import('./directory.js').Directory,
 *   identityProviders: import('./identity-providers.js').IdentityProviders,
 *   events: import('./events.js').Events,
 *   baseUrl: string,
 *   fetch?: typeof fetch,
 *   now?: () => number
 * }} deps
 */
export function createFederation({ directory, identityProviders, events, baseUrl, ...deps }) {
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const now = deps.now ?? (() => Math.floor(Date.now() / 1000));
  const redirectUri = `${baseUrl}/oauth2/idpresponse`;
  /** @type {Map<string, {fields: Record<string, string>, poolId: string, providerName: string, nonce: string,
   *   binding: string, exp: number}>} */
  const pending = new Map();
  /** @type {Map<string, ReturnType<typeof createRemoteJWKSet>>} */
  const keySets = new Map();

  /** @param {string} url @param {RequestInit} [init] */
  const fetchWithTimeout = (url, init = {}) =>
    fetchImpl(url, { ...init, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'manual' });

  /**
   * The IdP's endpoints: ProviderDetails where given, else its discovery document.
   * @param {IdentityProviderRecord} provider
   */
  async function endpoints(provider) {
    const details = provider.ProviderDetails;
    const issuer = String(details.oidc_issuer).replace(/\/$/, '');
    /** @type {Record<string, any>} */
    let discovered = {};
    if (!details.authorize_url || !details.token_url || !details.jwks_uri) {
      const response = await fetchWithTimeout(`${issuer}/.well-known/openid-configuration`);
      if (!response.ok) throw new Error(`discovery at ${issuer} answered ${response.status}`);
      discovered = await response.json();
    }
    return {
      issuer: details.oidc_issuer,
      authorize: String(details.authorize_url ?? discovered.authorization_endpoint),
      token: String(details.token_url ?? discovered.token_endpoint),
      userInfo: details.attributes_url ?? discovered.userinfo_endpoint,
      jwks: String(details.jwks_uri ?? discovered.jwks_uri)
    };
  }

  /** @param {string} url */
  function keySet(url) {
    let set = keySets.get(url);
    if (!set) {
      set = createRemoteJWKSet(new URL(url), { timeoutDuration: FETCH_TIMEOUT_MS });
      keySets.set(url, set);
    }
    return set;
  }

  const prune = () => {
    const time = now();
    for (const [state, entry] of pending) if (entry.exp < time) pending.delete(state);
  };

  /**
   * The user pool's attributes from the IdP's claims, through the provider's AttributeMapping (schema attributes
   * only; booleans and numbers as Cognito stores them, as strings).
   * @param {IdentityProviderRecord} provider
   * @param {Record<string, unknown>} claims
   */
  function mappedAttributes(provider, claims) {
    const schema = schemaOf(directory.poolOptions(provider.UserPoolId));
    /** @type {{Name: string, Value: string}[]} */
    const attributes = [];
    for (const [attribute, claim] of Object.entries(provider.AttributeMapping ?? {})) {
      if (attribute === 'username' || !schema.has(attribute) || attribute === 'sub') continue;
      const value = claims[claim];
      if (value === undefined || value === null) continue;
      attributes.push({
        Name: attribute,
        Value: typeof value === 'object' ? JSON.stringify(value) : String(value)
      });
    }
    return attributes;
  }

  /**
   * A native (or other) user an administrator linked to this IdP identity, if any.
   * @param {string} poolId
   * @param {string} providerName
   * @param {string} userId the IdP's subject
   * @param {Record<string, unknown>} claims
   */
  function linkedUser(poolId, providerName, userId, claims) {
    return directory
      .users(poolId)
      .find((user) =>
        identitiesOf(user).some(
          (identity) =>
            !identity.primary &&
            identity.providerName === providerName &&
            (identity.attributeName && identity.attributeName !== 'Cognito_Subject'
              ? String(claims[identity.attributeName]) === identity.userId
              : identity.userId === userId)
        )
      );
  }

  return {
    /**
     * The identity providers an app client may use (its SupportedIdentityProviders that exist in the pool).
     * @param {import('./directory.js').ClientRecord & {SupportedIdentityProviders?: string[]}} client
     */
    providersFor(client) {
      return (client.SupportedIdentityProviders ?? [])
        .map((name) => identityProviders.byName(client.UserPoolId, name))
        .filter((provider) => provider !== undefined);
    },

    /**
     * Step 1: where to send the browser, and the cookie that binds the IdP's answer to this browser.
     * @param {{poolId: string, provider: IdentityProviderRecord, fields: Record<string, string>}} start
     * @returns {Promise<{location: string, cookie: string}>}
     */
    async begin({ poolId, provider, fields }) {
      prune();
      const { authorize } = await endpoints(provider);
      const state = randomBytes(24).toString('base64url');
      const binding = randomBytes(24).toString('base64url');
      const nonce = randomBytes(16).toString('base64url');
      pending.set(state, {
        fields,
        poolId,
        providerName: provider.ProviderName,
        nonce,
        binding,
        exp: now() + STATE_SECONDS
      });
      const url = new URL(authorize);
      url.searchParams.set('client_id', String(provider.ProviderDetails.client_id));
      url.searchParams.set('redirect_uri', redirectUri);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('scope', String(provider.ProviderDetails.authorize_scopes));
      url.searchParams.set('state', state);
      url.searchParams.set('nonce', nonce);
      const location = url.toString();
      events.record({
        kind: 'idp-authorize-redirect',
        summary: `The user pool sends the browser to ${provider.ProviderName} (${authorize}) with its own client id at the IdP, and redirect_uri ${redirectUri}.`,
        request: { method: 'GET', url: location, headers: {} },
        response: { status: 302, headers: { location } }
      });
      return {
        location,
        cookie: `${FEDERATION_COOKIE}=${state}.${binding}; Path=/oauth2/idpresponse; HttpOnly; SameSite=Lax; Max-Age=${STATE_SECONDS}`
      };
    },

    /**
     * Steps 2 and 3, at /oauth2/idpresponse.
     * @param {Record<string, string>} query
     * @param {string | undefined} cookie
     * @returns {Promise<
     *   | {kind: 'unknown-state'}
     *   | {kind: 'error', fields: Record<string, string>, error: string, description: string}
     *   | {kind: 'signed-in', fields: Record<string, string>, poolId: string, username: string, authTime: number}
     * >}
     */
    async complete(query, cookie) {
      prune();
      const state = String(query.state ?? '');
      const entry = pending.get(state);
      const [cookieState, binding] = String(cookieValue(cookie, FEDERATION_COOKIE) ?? '').split('.');
      // The state must be one this pool issued, to this browser: otherwise there is no app to return to that
      // the pool can trust (and no redirect at all).
      if (!entry || cookieState !== state || binding !== entry.binding) return { kind: 'unknown-state' };
      pending.delete(state);
      const { fields } = entry;
      /** @param {string} error @param {string} description */
      const fail = (error, description) => ({
        kind: /** @type {const} */ ('error'),
        fields,
        error,
        description
      });
      if (query.error) {
        return fail(query.error, query.error_description ?? `${entry.providerName} returned an error.`);
      }
      const provider = identityProviders.byName(entry.poolId, entry.providerName);
      if (!provider)
        return fail('invalid_request', `The identity provider ${entry.providerName} no longer exists.`);
      const details = provider.ProviderDetails;

      // Redeem the code, server-side, with the pool's client secret at the IdP.
      const where = await endpoints(provider);
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        code: String(query.code ?? ''),
        redirect_uri: redirectUri,
        client_id: String(details.client_id)
      }).toString();
      const requestHeaders = {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(
          `${encodeURIComponent(String(details.client_id))}:${encodeURIComponent(String(details.client_secret ?? ''))}`
        ).toString('base64')}`
      };
      const response = await fetchWithTimeout(where.token, { method: 'POST', headers: requestHeaders, body });
      const text = await response.text();
      events.record({
        kind: 'idp-code-redeemed',
        summary: `The user pool redeems ${provider.ProviderName}'s authorization code at ${where.token} (server to server, with its client secret): ${response.status}.`,
        request: { method: 'POST', url: where.token, headers: requestHeaders, body },
        response: { status: response.status, headers: plainHeaders(response.headers), body: text }
      });
      /** @type {Record<string, any>} */
      let tokens = {};
      try {
        tokens = JSON.parse(text);
      } catch {
        // handled below
      }
      if (!response.ok || typeof tokens.id_token !== 'string') {
        return fail(
          'invalid_request',
          `${provider.ProviderName} did not return an id token (${response.status}).`
        );
      }

      // Verify the IdP's id token against the IdP's keys.
      /** @type {Record<string, unknown>} */
      let claims;
      try {
        ({ payload: claims } = await jwtVerify(tokens.id_token, keySet(where.jwks), {
          issuer: details.oidc_issuer,
          audience: String(details.client_id),
          currentDate: new Date(now() * 1000)
        }));
        if (claims.nonce !== entry.nonce) throw new Error('nonce mismatch');
      } catch (error) {
        events.record({
          kind: 'idp-token-verified',
          summary: `The user pool refused ${provider.ProviderName}'s id token: ${/** @type {Error} */ (error).message}.`,
          request: { method: 'GET', url: where.jwks, headers: {} },
          response: { status: 400, headers: {}, body: tokens.id_token }
        });
        return fail('invalid_request', `The id token from ${provider.ProviderName} is not valid.`);
      }
      // Attributes from userInfo too, as Cognito reads them (attributes_request_method).
      if (where.userInfo && typeof tokens.access_token === 'string') {
        const info = await fetchWithTimeout(String(where.userInfo), {
          method: details.attributes_request_method === 'POST' ? 'POST' : 'GET',
          headers: { authorization: `Bearer ${tokens.access_token}` }
        }).catch(() => undefined);
        if (info?.ok) claims = { ...(await info.json().catch(() => ({}))), ...claims };
      }
      const usernameClaim = provider.AttributeMapping?.username ?? 'sub';
      const userId = String(claims[usernameClaim] ?? claims.sub);
      events.record({
        kind: 'idp-token-verified',
        summary: `The user pool verified ${provider.ProviderName}'s id token against ${where.jwks} (issuer ${details.oidc_issuer}, audience ${details.client_id}, nonce): subject ${userId}.`,
        request: { method: 'GET', url: where.jwks, headers: {} },
        response: { status: 200, headers: {}, body: JSON.stringify({ id_token: tokens.id_token, claims }) }
      });

      const poolId = provider.UserPoolId;
      const authTime = now();
      const linked = linkedUser(poolId, provider.ProviderName, userId, claims);
      if (linked) {
        if (linked.Enabled === false) return fail('invalid_request', 'User is disabled.');
        events.record({
          kind: 'federated-user-linked',
          summary: `${provider.ProviderName} user ${userId} is linked to the user pool user ${linked.Username} (AdminLinkProviderForUser): the app gets ${linked.Username}'s tokens.`
        });
        return { kind: 'signed-in', fields, poolId, username: linked.Username, authTime };
      }

      const username = `${provider.ProviderName}_${userId}`;
      const mapped = mappedAttributes(provider, claims);
      const existing = directory.user(poolId, username);
      if (existing && existing.Username === username) {
        if (existing.Enabled === false) return fail('invalid_request', 'User is disabled.');
        await directory.updateUser(poolId, username, (current) => {
          let attributes = current.Attributes ?? [];
          for (const { Name, Value } of mapped) attributes = withAttribute(attributes, Name, Value);
          return { ...current, Attributes: attributes, UserLastModifiedDate: new Date(authTime * 1000) };
        });
        events.record({
          kind: 'federated-user-updated',
          summary: `The user pool updated ${username}'s mapped attributes (${mapped.map((a) => a.Name).join(', ') || 'none'}) from ${provider.ProviderName}.`
        });
      } else {
        /** @type {LinkedIdentity} */
        const identity = {
          userId,
          providerName: provider.ProviderName,
          providerType: provider.ProviderType,
          issuer: null,
          primary: true,
          dateCreated: authTime * 1000
        };
        await directory.createUser(poolId, {
          Username: username,
          Attributes: [
            { Name: 'sub', Value: randomUUID() },
            ...mapped,
            { Name: 'identities', Value: JSON.stringify([identity]) }
          ],
          Enabled: true,
          UserStatus: 'EXTERNAL_PROVIDER',
          RefreshTokens: [],
          UserCreateDate: new Date(authTime * 1000),
          UserLastModifiedDate: new Date(authTime * 1000)
        });
        events.record({
          kind: 'federated-user-created',
          summary: `The user pool created the federated user ${username} (status EXTERNAL_PROVIDER; ${mapped.map((a) => a.Name).join(', ') || 'no attributes'} mapped from ${provider.ProviderName}). It does not link it to any existing user by itself.`
        });
      }
      return { kind: 'signed-in', fields, poolId, username, authTime };
    },

    /** @param {Body} body */
    async AdminLinkProviderForUser(body) {
      const poolId = String(body.UserPoolId);
      if (!directory.poolOptions(poolId)) throw resourceNotFound(`User pool ${poolId} does not exist.`);
      const destination = body.DestinationUser ?? {};
      const source = body.SourceUser ?? {};
      if (destination.ProviderName !== 'Cognito') {
        throw invalidParameter(
          'The sandbox links to native users only: DestinationUser.ProviderName must be Cognito.'
        );
      }
      const user = directory.user(poolId, String(destination.ProviderAttributeValue));
      if (!user || user.Username !== String(destination.ProviderAttributeValue)) {
        throw new ServiceError('UserNotFoundException', 'User does not exist.');
      }
      const provider = identityProviders.byName(poolId, String(source.ProviderName));
      if (!provider)
        throw invalidParameter(`Identity provider ${source.ProviderName} does not exist in this user pool.`);
      const attributeName = String(source.ProviderAttributeName ?? 'Cognito_Subject');
      const value = String(source.ProviderAttributeValue ?? '');
      if (!value) throw invalidParameter('SourceUser.ProviderAttributeValue is required.');
      // A source identity that already signed in has its own user: Cognito does not merge two users
      // (aws/aws-sdk-net#1000: "Merging is not currently supported, provide a SourceUser that has not been signed
      // up in order to link"). Delete that user first, then link.
      if (
        attributeName === 'Cognito_Subject' &&
        directory.user(poolId, `${provider.ProviderName}_${value}`)
      ) {
        throw invalidParameter(
          'Merging is not currently supported, provide a SourceUser that has not been signed up in order to link'
        );
      }
      const elsewhere = directory
        .users(poolId)
        .find((candidate) =>
          identitiesOf(candidate).some(
            (identity) =>
              !identity.primary &&
              identity.providerName === provider.ProviderName &&
              identity.userId === value
          )
        );
      if (elsewhere && elsewhere.Username !== user.Username) {
        throw new ServiceError('AliasExistsException', `The source user is already linked to another user.`);
      }
      if (elsewhere) return {};
      /** @type {LinkedIdentity} */
      const identity = {
        userId: value,
        providerName: provider.ProviderName,
        providerType: provider.ProviderType,
        issuer: null,
        primary: false,
        dateCreated: now() * 1000,
        ...(attributeName === 'Cognito_Subject' ? {} : { attributeName })
      };
      await directory.updateUser(poolId, user.Username, (current) => ({
        ...current,
        Attributes: withAttribute(
          current.Attributes,
          'identities',
          JSON.stringify([...identitiesOf(current), identity])
        )
      }));
      events.record({
        kind: 'federated-user-linked',
        summary: `AdminLinkProviderForUser: ${provider.ProviderName} user ${value} now signs in as ${user.Username}.`
      });
      return {};
    },

    /** @param {Body} body */
    async AdminDisableProviderForUser(body) {
      const poolId = String(body.UserPoolId);
      if (!directory.poolOptions(poolId)) throw resourceNotFound(`User pool ${poolId} does not exist.`);
      const target = body.User ?? {};
      const providerName = String(target.ProviderName);
      const value = String(target.ProviderAttributeValue ?? '');
      if (providerName === 'Cognito') {
        // A native user: no password sign-in any more.
        const user = directory.user(poolId, value);
        if (!user || user.Username !== value)
          throw new ServiceError('UserNotFoundException', 'User does not exist.');
        await directory.updateUser(poolId, user.Username, (current) => ({
          ...current,
          PasswordSignInDisabled: true
        }));
        return {};
      }
      if (!identityProviders.byName(poolId, providerName)) {
        throw invalidParameter(`Identity provider ${providerName} does not exist in this user pool.`);
      }
      let found = false;
      for (const user of directory.users(poolId)) {
        const identities = identitiesOf(user);
        const kept = identities.filter(
          (identity) =>
            identity.primary || identity.providerName !== providerName || identity.userId !== value
        );
        if (kept.length !== identities.length) {
          found = true;
          await directory.updateUser(poolId, user.Username, (current) => ({
            ...current,
            Attributes: withAttribute(
              current.Attributes,
              'identities',
              kept.length > 0 ? JSON.stringify(kept) : undefined
            )
          }));
        }
      }
      const federated = directory.user(poolId, `${providerName}_${value}`);
      if (federated && federated.Username === `${providerName}_${value}`) {
        found = true;
        await directory.updateUser(poolId, federated.Username, (current) => ({ ...current, Enabled: false }));
      }
      if (!found) throw new ServiceError('UserNotFoundException', 'User does not exist.');
      return {};
    }
  };
}

/** @typedef {ReturnType<typeof createFederation>} Federation */
