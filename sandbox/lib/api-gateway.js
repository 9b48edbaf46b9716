// @ts-check
// Two APIs behind API Gateway's two ways of trusting a user pool, answering as API Gateway does, with a backend that
// echoes what it received:
//
// REST API, Cognito user pool authorizer (COGNITO_USER_POOLS), `GET /execute-api/<restApiId>/<stage>/<path>`:
//   the token in `Authorization`; a method without OAuth scopes takes the id token, a method with scopes takes an
//   access token carrying at least one of them
//   (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html,
//   https://repost.aws/questions/QUrEQW0PtJTZm34jx0UrnLlw/need-access-token-as-header-in-cognito). Any refusal is
//   401 `{"message":"Unauthorized"}`. The backend receives the claims as strings in
//   `requestContext.authorizer.claims` (Lambda proxy integration, payload 1.0).
//
// HTTP API, JWT authorizer, `GET /execute-api/<httpApiId>/<path>` ($default stage): the token alone or after
//   `Bearer `; signature by a key of the issuer's JWKS, `iss` equal to the issuer, `aud` (or `client_id` when there
//   is no `aud`) among the audiences, `exp`/`nbf`/`iat`, then at least one of the route's scopes in `scope`/`scp`
//   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html). A token that fails is
//   401 `{"message":"Unauthorized"}` with a `www-authenticate` header saying why
//   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html); a valid token
//   without the scope is 403 `{"message":"Forbidden"}`
//   (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer-methods.html). The backend
//   receives `requestContext.authorizer.jwt.claims` and `.scopes` (payload 2.0).
import { createLocalJWKSet, errors, jwtVerify } from 'jose';

/**
 * @typedef {object} Route
 * @property {string} method
 * @property {string} path
 * @property {string[]} scopes
 */

/**
 * @typedef {object} ApiConfig
 * @property {string} id
 * @property {string} name
 * @property {'REST' | 'HTTP'} type
 * @property {string} description
 * @property {string} [stage] REST only
 * @property {Route[]} [methods] REST
 * @property {Route[]} [routes] HTTP
 * @property {string[]} [audience] HTTP: keys of the preset's clients
 */

/**
 * @typedef {object} ApiResponse
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {unknown} body JSON
 */

const PREFIX = '/execute-api/';

/** @param {unknown} value */
const scopesOf = (value) => (typeof value === 'string' ? value.split(' ').filter(Boolean) : []);

/**
 * REST (payload 1.0): every claim a string; lists comma-separated, as `cognito:groups` reaches a Lambda function.
 * @param {Record<string, unknown>} claims
 */
const restClaims = (claims) =>
  Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(',') : String(value)
    ])
  );

/**
 * HTTP API (payload 2.0): every claim a string; lists written `[a b]`.
 * @param {Record<string, unknown>} claims
 */
const httpClaims = (claims) =>
  Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : String(value)
    ])
  );

/**
 * @param {{
 *   apis: Record<string, ApiConfig>,
 *   clients: Record<string, {id: string}>,
 *   userPoolId: string,
 *   tokens: import('./tokens.js').Tokens,
 *   now?: () => number
 * }} deps
 */
export function createApiGateway({ apis, clients, userPoolId, tokens, now = () => Date.now() }) {
  const issuer = tokens.issuer(userPoolId);
  // What API Gateway fetches from `{issuer}/.well-known/jwks.json`, read in process.
  const jwks = createLocalJWKSet(/** @type {import('jose').JSONWebKeySet} */ (tokens.jwks()));
  const byId = new Map(Object.values(apis).map((api) => [api.id, api]));

  /** @param {string} value @param {boolean} bearerAllowed */
  const tokenIn = (value, bearerAllowed) => {
    const match = /^Bearer (.+)$/i.exec(value);
    return match && bearerAllowed ? (match[1] ?? '') : value;
  };

  /**
   * Signature, issuer and times of a user pool token.
   * @param {string} token
   * @returns {Promise<{claims: Record<string, unknown>} | {reason: string}>}
   */
  async function verify(token) {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer,
        algorithms: ['RS256'],
        currentDate: new Date(now())
      });
      return { claims: /** @type {Record<string, unknown>} */ (payload) };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { reason: 'the token has expired' };
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') {
        return { reason: 'the token does not have a valid issuer' };
      }
      return { reason: 'the token could not be verified' };
    }
  }

  const unauthorized = (/** @type {Record<string, string>} */ headers = {}) => ({
    status: 401,
    headers,
    body: { message: 'Unauthorized' }
  });

  /**
   * @param {ApiConfig} api
   * @param {Route} route
   * @param {string} path
   * @param {string | undefined} authorization
   * @returns {Promise<ApiResponse & {refusal?: string}>}
   */
  async function restMethod(api, route, path, authorization) {
    if (!authorization) return { ...unauthorized(), refusal: 'No Authorization header.' };
    const verified = await verify(tokenIn(authorization, true));
    if ('reason' in verified) return { ...unauthorized(), refusal: `Not a valid token: ${verified.reason}.` };
    const { claims } = verified;
    if (route.scopes.length === 0) {
      if (claims.token_use !== 'id') {
        return {
          ...unauthorized(),
          refusal: 'This method has no OAuth scopes, so its Cognito authorizer takes only an id token.'
        };
      }
    } else {
      if (claims.token_use !== 'access') {
        return {
          ...unauthorized(),
          refusal: `This method requires one of the scopes ${route.scopes.join(', ')}: only an access token carries scopes.`
        };
      }
      const granted = scopesOf(claims.scope);
      if (!route.scopes.some((scope) => granted.includes(scope))) {
        return {
          ...unauthorized(),
          refusal: `The access token's scopes (${granted.join(' ') || 'none'}) include none of ${route.scopes.join(', ')}.`
        };
      }
    }
    return {
      status: 200,
      headers: {},
      body: {
        resource: route.path,
        path: route.path,
        httpMethod: route.method,
        requestContext: {
          apiId: api.id,
          stage: api.stage,
          resourcePath: route.path,
          httpMethod: route.method,
          path: `/${api.stage}${path}`,
          authorizer: { claims: restClaims(claims) }
        }
      }
    };
  }

  /**
   * @param {ApiConfig} api
   * @param {Route} route
   * @param {string} path
   * @param {string | undefined} authorization
   * @returns {Promise<ApiResponse & {refusal?: string}>}
   */
  async function httpRoute(api, route, path, authorization) {
    /** @param {string} description */
    const invalid = (description) => ({
      ...unauthorized({
        'www-authenticate': `Bearer scope="${route.scopes.join(' ')}" error="invalid_token" error_description="${description}"`
      }),
      refusal: `Not a valid token: ${description}.`
    });
    if (!authorization) return invalid('no token was found in the Authorization header');
    const verified = await verify(tokenIn(authorization, true));
    if ('reason' in verified) return invalid(verified.reason);
    const { claims } = verified;
    const audiences = (api.audience ?? []).map((key) => clients[key]?.id ?? key);
    // aud is evaluated when present; client_id only when there is no aud (an access token).
    const audience = claims.aud ?? claims.client_id;
    const audienceList = Array.isArray(audience) ? audience : [audience];
    if (!audienceList.some((value) => audiences.includes(String(value)))) {
      return invalid('the token does not have a valid audience');
    }
    const granted = scopesOf(claims.scope ?? claims.scp);
    if (route.scopes.length > 0 && !route.scopes.some((scope) => granted.includes(scope))) {
      return {
        status: 403,
        headers: {
          'www-authenticate': `Bearer scope="${route.scopes.join(' ')}" error="insufficient_scope" error_description="expected scopes: [${route.scopes.join(' ')}]"`
        },
        body: { message: 'Forbidden' },
        refusal: `The token is valid, but its scopes (${granted.join(' ') || 'none'}) include none of ${route.scopes.join(', ')}.`
      };
    }
    return {
      status: 200,
      headers: {},
      body: {
        version: '2.0',
        routeKey: `${route.method} ${route.path}`,
        rawPath: path,
        requestContext: {
          apiId: api.id,
          stage: '$default',
          routeKey: `${route.method} ${route.path}`,
          http: { method: route.method, path },
          authorizer: {
            jwt: { claims: httpClaims(claims), scopes: granted.length > 0 ? granted : null }
          }
        }
      }
    };
  }

  return {
    /** @param {URL} url */
    matches: (url) => url.pathname.startsWith(PREFIX),

    /**
     * @param {{method: string, url: URL, authorization: string | undefined}} request
     * @returns {Promise<ApiResponse & {refusal?: string}>} `refusal`: why the authorizer said no, in the
     *   sandbox's words (API Gateway tells the caller only the status and message)
     */
    async handle({ method, url, authorization }) {
      const [apiId = '', ...segments] = url.pathname.slice(PREFIX.length).split('/');
      const api = byId.get(apiId);
      // API Gateway's answer for a path or method the API does not have.
      const missing = { status: 403, headers: {}, body: { message: 'Missing Authentication Token' } };
      if (!api) return { status: 404, headers: {}, body: { message: 'Not Found' } };
      let path;
      if (api.type === 'REST') {
        const [stage, ...parts] = segments;
        if (stage !== api.stage) return missing;
        path = `/${parts.join('/')}`;
      } else {
        path = `/${segments.join('/')}`;
      }
      const route = (api.type === 'REST' ? api.methods : api.routes)?.find(
        (candidate) => candidate.method === method && candidate.path === path
      );
      if (!route) {
        return api.type === 'REST' ? missing : { status: 404, headers: {}, body: { message: 'Not Found' } };
      }
      return api.type === 'REST'
        ? restMethod(api, route, path, authorization)
        : httpRoute(api, route, path, authorization);
    }
  };
}

/** @typedef {ReturnType<typeof createApiGateway>} ApiGateway */
