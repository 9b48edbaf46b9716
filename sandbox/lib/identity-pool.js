// @ts-check
// Cognito Identity Pools (AWSCognitoIdentityService), which cognito-local lacks entirely: GetId,
// GetCredentialsForIdentity (enhanced flow) and GetOpenIdToken (basic flow). Logins are checked as Cognito checks
// them: the provider must be configured, the issuer must match it, the signature must verify against the user
// pool's keys, the token must be an id token of a configured client and unexpired.
// An identity pool can also trust an OpenID Connect provider directly (OpenIdConnectProviderARNs; the Logins key
// is the provider's issuer without https://, as IAM OIDC providers are named:
// https://docs.aws.amazon.com/cognito/latest/developerguide/open-id.html): its id token is verified against the
// provider's JWKS, its aud must be one of the client ids configured for the provider, and the role comes from the
// provider's role mapping, by rules (role-rules.js), by token, or the pool's default.
import { randomUUID } from 'node:crypto';
import {
  SignJWT,
  compactVerify,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify
} from 'jose';
import { ServiceError, invalidParameter, notAuthorized, resourceNotFound } from './errors.js';
import { evaluateRules } from './role-rules.js';

/** @typedef {import('./seed.js').IdentityPool} IdentityPool */
/** @typedef {import('./seed.js').Role} Role */
/** @typedef {Record<string, any>} Body */

/**
 * @typedef {object} Login A verified entry of `Logins`.
 * @property {string} key stable identity key: provider name and sub
 * @property {IdentityPool['providers'][number] | import('./seed.js').OidcProvider} provider
 * @property {Record<string, any>} claims
 */

const CREDENTIAL_SECONDS = 3600;
const OPEN_ID_TOKEN_SECONDS = 600;

const badConfiguration = () =>
  new ServiceError(
    'InvalidIdentityPoolConfigurationException',
    'Invalid identity pool configuration. Check assigned IAM roles for this pool.'
  );
const loginsDoNotMatch = () =>
  notAuthorized(
    "Logins don't match. Please include at least one valid login for this identity or identity pool."
  );
const noGuests = () => notAuthorized('Unauthenticated access is not supported for this identity pool.');

/**
 * The `amr` of an identity pool session as IAM policies see it (`cognito-identity.amazonaws.com:amr`), the same
 * as in GetOpenIdToken's tokens.
 * @param {Login | undefined} login
 */
const amrOf = (login) =>
  login
    ? [
        'authenticated',
        login.provider.providerName.split('/')[0] ?? '',
        `${login.provider.providerName}:CognitoSignIn:${login.claims.sub}`
      ]
    : ['unauthenticated'];

/**
 * @param {{
 *   config: import('./seed.js').IdentityConfig,
 *   directory: import('./directory.js').Directory,
 *   tokens: import('./tokens.js').Tokens,
 *   sessions: import('./sessions.js').Sessions,
 *   credentials: import('./credentials.js').Credentials,
 *   identities: import('./store.js').JsonDocument,
 *   signingKey: import('./keys.js').RsaKey,
 *   issuer: string,
 *   fetch?: typeof fetch,
 *   now?: () => number
 * }} deps
 */
export function createIdentityPools(deps) {
  const { config, directory, tokens, sessions, credentials, identities, signingKey, issuer } = deps;
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const now = deps.now ?? (() => Math.floor(Date.now() / 1000));

  /** @param {unknown} id */
  function requirePool(id) {
    const pool = config.identityPools.get(String(id));
    if (!pool) throw resourceNotFound(`IdentityPool '${id}' not found.`);
    return pool;
  }

  /** @param {unknown} id @returns {{pool: IdentityPool, logins: string[]}} */
  function requireIdentity(id) {
    const identity = identities.get(['identities', String(id)]);
    if (!identity) throw resourceNotFound(`Identity '${id}' not found.`);
    return { pool: requirePool(identity.pool), logins: identity.logins };
  }

  /**
   * @param {IdentityPool} pool
   * @param {string} providerName
   * @param {unknown} token
   * @returns {Promise<Login>}
   */
  async function verifyLogin(pool, providerName, token) {
    const oidc = pool.oidcProviders.find((provider) => provider.providerName === providerName);
    if (oidc) return verifyOidcLogin(oidc, token);
    // On AWS the provider name is the token's `iss` without its scheme, so clients that derive the Logins key from
    // the token (Amplify) send `127.0.0.1:<port>/<poolId>` here: the same provider, under its sandbox address.
    const candidates = pool.providers.filter(
      (provider) =>
        provider.providerName === providerName ||
        tokens.issuer(provider.userPoolId).replace(/^https?:\/\//, '') === providerName
    );
    const [configured] = candidates;
    if (!configured) throw notAuthorized('Token is not from a supported provider of this identity pool.');
    let header;
    let claims;
    try {
      header = decodeProtectedHeader(String(token));
      claims = decodeJwt(String(token));
    } catch {
      throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
    }
    if (claims.iss !== tokens.issuer(configured.userPoolId)) {
      throw notAuthorized("Invalid login token. Issuer doesn't match providerName");
    }
    const key = tokens.publicKey(String(header.kid));
    const verified =
      key && (await compactVerify(String(token), key, { algorithms: ['RS256'] }).catch(() => null));
    if (!verified) throw notAuthorized("Invalid login token. Couldn't verify signed token.");
    if (typeof claims.aud !== 'string') {
      throw notAuthorized('Invalid login token. Missing a required claim: aud');
    }
    // Only id tokens are logins (an access token has no aud, and is refused just above).
    if (claims.token_use !== 'id') {
      throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
    }
    const provider = candidates.find((candidate) => candidate.clientId === claims.aud);
    if (!provider) throw notAuthorized('Token is not from a supported provider of this identity pool.');
    const time = now();
    if (typeof claims.exp !== 'number' || claims.exp <= time) {
      throw notAuthorized(`Invalid login token. Token expired: ${time} >= ${claims.exp}`);
    }
    if (provider.serverSideTokenCheck) {
      const user = directory.user(provider.userPoolId, String(claims['cognito:username']));
      if (!user || user.Enabled === false || sessions.isRevoked(String(claims.origin_jti))) {
        throw notAuthorized('Invalid login token. The user has signed out, or was disabled or deleted.');
      }
    }
    return { key: `${configured.providerName}:${claims.sub}`, provider, claims };
  }

  /** @type {Map<string, ReturnType<typeof createRemoteJWKSet>>} */
  const oidcKeys = new Map();

  /** @param {import('./seed.js').OidcProvider} provider */
  async function oidcKeySet(provider) {
    let set = oidcKeys.get(provider.issuer);
    if (!set) {
      const response = await fetchImpl(`${provider.issuer}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(5000)
      });
      if (!response.ok) throw new Error(`discovery at ${provider.issuer} answered ${response.status}`);
      const { jwks_uri: jwksUri } = await response.json();
      set = createRemoteJWKSet(new URL(String(jwksUri)), { timeoutDuration: 5000 });
      oidcKeys.set(provider.issuer, set);
    }
    return set;
  }

  /**
   * An id token of an OpenID Connect provider the pool trusts, with Cognito's messages.
   * @param {import('./seed.js').OidcProvider} provider
   * @param {unknown} token
   * @returns {Promise<Login>}
   */
  async function verifyOidcLogin(provider, token) {
    let claims;
    try {
      decodeProtectedHeader(String(token));
      claims = decodeJwt(String(token));
    } catch {
      throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
    }
    if (claims.iss !== provider.issuer) {
      throw notAuthorized("Invalid login token. Issuer doesn't match providerName");
    }
    let keys;
    try {
      keys = await oidcKeySet(provider);
    } catch {
      throw notAuthorized("Invalid login token. Couldn't verify signed token.");
    }
    const verified = await jwtVerify(String(token), keys, {
      algorithms: ['RS256'],
      currentDate: new Date(0)
    }).catch(() => null);
    if (!verified) throw notAuthorized("Invalid login token. Couldn't verify signed token.");
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.some((/** @type {unknown} */ aud) => provider.clientIds.includes(String(aud)))) {
      throw notAuthorized('Invalid login token. Incorrect token audience.');
    }
    const time = now();
    if (typeof claims.exp !== 'number' || claims.exp <= time) {
      throw notAuthorized(`Invalid login token. Token expired: ${time} >= ${claims.exp}`);
    }
    return { key: `${provider.providerName}:${claims.sub}`, provider, claims };
  }

  /** @param {IdentityPool} pool @param {unknown} logins */
  async function verifyLogins(pool, logins) {
    if (logins === undefined || logins === null) return [];
    if (typeof logins !== 'object') throw invalidParameter('Logins must be a map of provider name to token.');
    return Promise.all(Object.entries(logins).map(([name, token]) => verifyLogin(pool, name, token)));
  }

  /**
   * The identity a call acts on, and the login (if any) that proves the caller owns it. A guest identity presented
   * with logins is upgraded as Cognito does (https://docs.aws.amazon.com/cognito/latest/developerguide/switching-identities.html):
   * if the login already belongs to an identity, that identity is the answer (the guest one is merged into it and
   * removed); otherwise the login is linked to the guest identity, which keeps its id and is authenticated from now on.
   * @param {string} identityId
   * @param {{pool: IdentityPool, logins: string[]}} identity
   * @param {Login[]} logins
   * @returns {Promise<{identityId: string, login: Login | undefined}>}
   */
  async function resolveIdentity(identityId, identity, logins) {
    const { pool } = identity;
    if (identity.logins.length === 0) {
      if (logins.length === 0) {
        if (!pool.allowGuests) throw noGuests();
        return { identityId, login: undefined };
      }
      const [login] = /** @type {[Login]} */ (logins);
      const owner = logins
        .map((candidate) => identities.get(['logins', pool.id, candidate.key]))
        .find(Boolean);
      if (owner && owner !== identityId) {
        await identities.delete(['identities', identityId]);
        return { identityId: owner, login };
      }
      await Promise.all([
        identities.set(['identities', identityId], {
          pool: pool.id,
          logins: logins.map((entry) => entry.key)
        }),
        ...logins.map((entry) => identities.set(['logins', pool.id, entry.key], identityId))
      ]);
      return { identityId, login };
    }
    const login = logins.find((candidate) => identity.logins.includes(candidate.key));
    if (!login) throw loginsDoNotMatch();
    return { identityId, login };
  }

  /**
   * The role the pool's rules choose; with a Token mapping, cognito:preferred_role (or CustomRoleArn when it is
   * one of cognito:roles), else the pool's default authenticated role.
   * @param {IdentityPool} pool
   * @param {Login} login
   * @param {unknown} customRoleArn
   */
  function authenticatedRole(pool, login, customRoleArn) {
    const mapping = login.provider.roleMapping;
    if (mapping?.type === 'Rules') {
      const decision = evaluateRules({
        rules: mapping.rules ?? [],
        ambiguousRoleResolution: mapping.ambiguousRoleResolution,
        claims: login.claims,
        customRoleArn: customRoleArn === undefined ? undefined : String(customRoleArn)
      });
      if (decision.outcome === 'custom-refused') {
        throw invalidParameter('CustomRoleArn is not the role of a rule that matches the token.');
      }
      if (decision.outcome === 'ambiguous-deny') {
        throw notAuthorized(
          'No rule of the role mapping matches the token, and the role mapping denies ambiguous roles.'
        );
      }
      return decision.roleArn ? config.roles.get(decision.roleArn) : pool.authenticatedRole;
    }
    if (mapping?.type !== 'Token') return pool.authenticatedRole;
    const tokenRoles = /** @type {string[]} */ (login.claims['cognito:roles'] ?? []);
    if (customRoleArn !== undefined && !tokenRoles.includes(String(customRoleArn))) {
      throw invalidParameter("CustomRoleArn is not one of the roles in the token's cognito:roles claim.");
    }
    const chosen = customRoleArn ?? login.claims['cognito:preferred_role'];
    if (chosen) return config.roles.get(String(chosen));
    if (mapping.ambiguousRoleResolution === 'Deny') {
      throw notAuthorized('The token names no preferred role and the role mapping denies ambiguous roles.');
    }
    return pool.authenticatedRole;
  }

  /**
   * A role can be assumed only if its trust policy names this identity pool and the right `amr`.
   * @param {Role | undefined} role
   * @param {IdentityPool} pool
   * @param {'authenticated' | 'unauthenticated'} amr
   * @returns {Role}
   */
  function assertTrusted(role, pool, amr) {
    if (!role || role.amr !== amr || !role.identityPoolIds.includes(pool.id)) throw badConfiguration();
    return role;
  }

  return {
    issuer,

    jwks: () => ({ keys: [signingKey.publicJwk] }),

    /** @param {Body} body */
    async GetId(body) {
      const pool = requirePool(body.IdentityPoolId);
      const logins = await verifyLogins(pool, body.Logins);
      if (logins.length === 0 && !pool.allowGuests) throw noGuests();
      // Look up and create in one synchronous step, so two concurrent calls cannot make two identities.
      const known = logins.map((login) => identities.get(['logins', pool.id, login.key])).find(Boolean);
      if (known) return { IdentityId: known };
      const IdentityId = `${config.region}:${randomUUID()}`;
      await Promise.all([
        identities.set(['identities', IdentityId], {
          pool: pool.id,
          logins: logins.map((login) => login.key)
        }),
        ...logins.map((login) => identities.set(['logins', pool.id, login.key], IdentityId))
      ]);
      return { IdentityId };
    },

    /** @param {Body} body */
    async GetCredentialsForIdentity(body) {
      const identity = requireIdentity(body.IdentityId);
      const { identityId, login } = await resolveIdentity(
        String(body.IdentityId),
        identity,
        await verifyLogins(identity.pool, body.Logins)
      );
      const role = login
        ? assertTrusted(
            authenticatedRole(identity.pool, login, body.CustomRoleArn),
            identity.pool,
            'authenticated'
          )
        : assertTrusted(identity.pool.unauthenticatedRole, identity.pool, 'unauthenticated');
      const { session, sessionToken } = credentials.issue({
        roleArn: role.arn,
        roleId: role.id,
        sessionName: 'CognitoIdentityCredentials',
        durationSeconds: CREDENTIAL_SECONDS,
        webIdentity: { sub: identityId, aud: identity.pool.id, amr: amrOf(login) }
      });
      return {
        IdentityId: identityId,
        Credentials: {
          AccessKeyId: session.accessKeyId,
          SecretKey: session.secretAccessKey,
          SessionToken: sessionToken,
          Expiration: session.expiration
        }
      };
    },

    /** @param {Body} body */
    async GetOpenIdToken(body) {
      const identity = requireIdentity(body.IdentityId);
      if (!identity.pool.allowClassicFlow) {
        throw invalidParameter('Basic (classic) flow is not enabled, please use enhanced flow.');
      }
      const { identityId, login } = await resolveIdentity(
        String(body.IdentityId),
        identity,
        await verifyLogins(identity.pool, body.Logins)
      );
      const oidc = login && 'issuer' in login.provider;
      const amr = login
        ? [
            'authenticated',
            login.provider.providerName.split('/')[0],
            `${login.provider.providerName}:${oidc ? 'OAuth' : 'CognitoSignIn'}:${login.claims.sub}`
          ]
        : ['unauthenticated'];
      const iat = now();
      const Token = await new SignJWT({
        amr,
        'https://cognito-identity.amazonaws.com/identity-pool-arn': `arn:aws:cognito-identity:${config.region}:${config.accountId}:identitypool/${identity.pool.id}`
      })
        .setProtectedHeader({ kid: signingKey.kid, typ: 'JWS', alg: signingKey.alg })
        .setSubject(identityId)
        .setAudience(identity.pool.id)
        .setIssuer(issuer)
        .setIssuedAt(iat)
        .setExpirationTime(iat + OPEN_ID_TOKEN_SECONDS)
        .sign(signingKey.privateKey);
      return { IdentityId: identityId, Token };
    }
  };
}

/** @typedef {ReturnType<typeof createIdentityPools>} IdentityPools */
