// @ts-check
// One port, every protocol, as SDK clients with `endpoint: 'http://127.0.0.1:9229'` expect:
//   POST /  X-Amz-Target: AWSCognitoIdentityProviderService.*  user pools (AWS JSON 1.1)
//   POST /  X-Amz-Target: AWSCognitoIdentityService.*          identity pools (AWS JSON 1.1)
//   POST /  form-encoded Action=...                           STS (query protocol, XML)
//   GET  /<userPoolId>/.well-known/{jwks.json,openid-configuration}
//   GET  /cognito-identity/.well-known/{jwks_uri,jwks.json,openid-configuration}
//   /oauth2/authorize, /oauth2/token, /oauth2/userInfo, /oauth2/revoke, /logout (managed login)
//   GET  /sandbox/events?after=N                                the federation legs the app never sees (events.js)
//   GET  /health
//   /<bucket>/<key>, /<bucket>?list-type=2                     S3, path-style (s3.js)
//   GET  /execute-api/<apiId>/...                             API Gateway authorizers (api-gateway.js)
import { randomUUID } from 'node:crypto';
import { needsIam } from './admin-auth.js';
import { ServiceError } from './errors.js';
import { readBody, send, sendAwsJson, sendJson, setCorsHeaders } from './http.js';
import { xmlError } from './sts.js';
import { validateRequest } from './validation.js';

const USER_POOLS = 'AWSCognitoIdentityProviderService';
const IDENTITY_POOLS = 'AWSCognitoIdentityService';

/** @typedef {(body: Record<string, any>) => unknown} Operation */

/**
 * @param {{
 *   baseUrl: string,
 *   directory: import('./directory.js').Directory,
 *   tokens: import('./tokens.js').Tokens,
 *   auth: ReturnType<typeof import('./auth.js').createAuth>,
 *   userPool: ReturnType<typeof import('./user-pool.js').createUserPool>,
 *   identityPools: import('./identity-pool.js').IdentityPools,
 *   sts: import('./sts.js').Sts,
 *   oauth2: ReturnType<typeof import('./oauth2.js').createOAuth2>,
 *   identityProviders: import('./identity-providers.js').IdentityProviders,
 *   federation: import('./federation.js').Federation,
 *   events: import('./events.js').Events,
 *   cognitoLocal: import('./cognito-local.js').CognitoLocal,
 *   userRules: Record<string, Operation>,
 *   adminAuth: ReturnType<typeof import('./admin-auth.js').createAdminAuth>,
 *   s3: import('./s3.js').S3,
 *   apiGateway: import('./api-gateway.js').ApiGateway,
 *   onError: (error: unknown) => void
 * }} deps
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 *   never rejects: whatever happens, the request gets an answer (or its connection is closed) and the process
 *   keeps serving
 */
export function createRouter(deps) {
  const { baseUrl, directory, tokens, auth, userPool, identityPools, sts, oauth2, cognitoLocal, adminAuth } =
    deps;
  const { onError, identityProviders, federation, events } = deps;

  /** @type {Record<string, Record<string, Operation>>} */
  const operations = {
    [USER_POOLS]: {
      InitiateAuth: auth.InitiateAuth,
      RespondToAuthChallenge: auth.RespondToAuthChallenge,
      AdminInitiateAuth: auth.AdminInitiateAuth,
      AdminRespondToAuthChallenge: auth.AdminRespondToAuthChallenge,
      GlobalSignOut: userPool.GlobalSignOut,
      AdminUserGlobalSignOut: userPool.AdminUserGlobalSignOut,
      RevokeToken: userPool.RevokeToken,
      ResendConfirmationCode: userPool.ResendConfirmationCode,
      CreateIdentityProvider: identityProviders.CreateIdentityProvider,
      DescribeIdentityProvider: identityProviders.DescribeIdentityProvider,
      ListIdentityProviders: identityProviders.ListIdentityProviders,
      UpdateIdentityProvider: identityProviders.UpdateIdentityProvider,
      DeleteIdentityProvider: identityProviders.DeleteIdentityProvider,
      GetIdentityProviderByIdentifier: identityProviders.GetIdentityProviderByIdentifier,
      AdminLinkProviderForUser: federation.AdminLinkProviderForUser,
      AdminDisableProviderForUser: federation.AdminDisableProviderForUser,
      // user-rules.js: Cognito's behaviour where cognito-local's differs, MFA, GetTokensFromRefreshToken
      ...deps.userRules
    },
    [IDENTITY_POOLS]: {
      GetId: identityPools.GetId,
      GetCredentialsForIdentity: identityPools.GetCredentialsForIdentity,
      GetOpenIdToken: identityPools.GetOpenIdToken
    }
  };

  /** @param {string} target @returns {[string, string, Operation]} service, operation name, implementation */
  function operationFor(target) {
    const [service = '', name = '', ...rest] = target.split('.');
    // Own properties only: a target such as `AWSCognitoIdentityService.constructor` names no operation.
    const table = Object.hasOwn(operations, service) ? operations[service] : undefined;
    const own = rest.length === 0 && table && Object.hasOwn(table, name) ? table[name] : undefined;
    if (own) return [service, name, own];
    if (rest.length === 0 && service === USER_POOLS && cognitoLocal.supports(name)) {
      return [service, name, (body) => userPool.delegate(name, body)];
    }
    throw new ServiceError(
      'UnknownOperationException',
      `The sandbox does not implement the operation ${target}.`
    );
  }

  /** @param {string} path @returns {unknown} a well-known document, or undefined */
  function wellKnown(path) {
    const identity = /^\/cognito-identity\/\.well-known\/(jwks_uri|jwks\.json|openid-configuration)$/.exec(
      path
    );
    if (identity) {
      if (identity[1] !== 'openid-configuration') return identityPools.jwks();
      return {
        issuer: identityPools.issuer,
        jwks_uri: `${identityPools.issuer}/.well-known/jwks_uri`,
        response_types_supported: ['id_token'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS512']
      };
    }
    const [, poolId = '', document] =
      /^\/([\w-]+_\w+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(path) ?? [];
    if (!directory.poolOptions(poolId)) return undefined;
    if (document === 'jwks.json') return tokens.jwks();
    const issuer = tokens.issuer(poolId);
    // The members and values of a real pool's document (recorded in localstack/localstack#12914, 2025), with the
    // sandbox's one port as the pool's domain.
    return {
      authorization_endpoint: `${baseUrl}/oauth2/authorize`,
      end_session_endpoint: `${baseUrl}/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      response_types_supported: ['code', 'token'],
      revocation_endpoint: `${baseUrl}/oauth2/revoke`,
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      token_endpoint: `${baseUrl}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      userinfo_endpoint: `${baseUrl}/oauth2/userInfo`
    };
  }

  /**
   * STS: query protocol in, XML out.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {{body: Buffer, tooLarge: boolean}} request
   * @param {string} requestId
   */
  async function answerQuery(req, res, { body, tooLarge }, requestId) {
    try {
      if (tooLarge) throw new ServiceError('ValidationError', 'The request body exceeds the limit of 1 MiB.');
      const xml = await sts.handle(
        { method: 'POST', url: req.url ?? '/', headers: req.headers, body },
        requestId
      );
      send(res, 200, 'text/xml', xml);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      send(res, error.status, 'text/xml', xmlError(error, requestId));
    }
  }

  /**
   * Cognito: AWS JSON 1.1 in and out, errors as {__type, message}. Operations that need IAM credentials need the
   * admin signature, and their answers are not readable by other origins (no CORS).
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {unknown} target the X-Amz-Target header
   * @param {{body: Buffer, tooLarge: boolean}} request
   */
  async function answerJson(req, res, target, { body, tooLarge }) {
    try {
      if (typeof target !== 'string' || target === '') {
        throw new ServiceError(
          'UnknownOperationException',
          'Missing X-Amz-Target header: which operation to run.'
        );
      }
      const [service, name, operation] = operationFor(target);
      if (needsIam(service, name)) {
        res.removeHeader('Access-Control-Allow-Origin');
        res.removeHeader('Access-Control-Expose-Headers');
        await adminAuth.assertSigned(service, {
          method: req.method ?? 'POST',
          url: req.url ?? '/',
          headers: req.headers,
          body
        });
      }
      if (tooLarge)
        throw new ServiceError('InvalidParameterException', 'The request body exceeds the limit of 1 MiB.');
      let parsed;
      try {
        parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch (error) {
        const reason = /** @type {Error} */ (error).message;
        throw new ServiceError('SerializationException', `The request body is not valid JSON: ${reason}`);
      }
      sendAwsJson(res, 200, await operation(validateRequest(name, parsed, service)));
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      res.setHeader('x-amzn-ErrorType', `${error.code}:`);
      sendAwsJson(res, error.status, { __type: error.code, message: error.message });
    }
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   */
  async function handleOAuth(req, res, url) {
    const form =
      req.method === 'POST'
        ? Object.fromEntries(new URLSearchParams((await readBody(req)).body.toString('utf8')))
        : {};
    const response = await oauth2.handle({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      form,
      authorization: req.headers.authorization,
      cookie: req.headers.cookie
    });
    if (!response) return sendJson(res, 404, { message: `No route for ${req.method} ${url.pathname}` });
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  }

  /**
   * API Gateway: JSON in the shape a backend receives, or API Gateway's refusal. `x-sandbox-refusal` says why in
   * the sandbox's words (API Gateway itself does not).
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   */
  async function answerApi(req, res, url) {
    await readBody(req);
    const { status, headers, body, refusal } = await deps.apiGateway.handle({
      method: req.method ?? 'GET',
      url,
      authorization: req.headers.authorization
    });
    res.setHeader('Access-Control-Expose-Headers', 'www-authenticate, x-sandbox-refusal, apigw-requestid');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (refusal) res.setHeader('x-sandbox-refusal', refusal);
    sendJson(res, status, body);
  }

  /**
   * @param {string} raw the request target as received (origin-form, absolute-form, or garbage)
   * @returns {URL | undefined}
   */
  function parseUrl(raw) {
    try {
      // `//x` as a path is a path, not a scheme-relative URL to host x.
      return raw.startsWith('/') ? new URL(`${baseUrl}${raw}`) : new URL(raw);
    } catch {
      return undefined;
    }
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function route(req, res) {
    const requestId = randomUUID();
    res.setHeader('x-amzn-RequestId', requestId);
    setCorsHeaders(req, res);
    const url = parseUrl(req.url ?? '/');
    if (!url) return sendJson(res, 400, { message: 'The request target is not a valid URL path.' });
    // S3 answers its own preflights, by the bucket's CORS rules.
    if (deps.s3.matches(url, req.headers)) return deps.s3.handle(req, res, url, requestId);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
    } else if (url.pathname.startsWith('/oauth2/') || url.pathname === '/logout') {
      await handleOAuth(req, res, url);
    } else if (req.method === 'POST' && url.pathname === '/') {
      const request = await readBody(req);
      const target = req.headers['x-amz-target'];
      const isQuery = String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded');
      if (!target && isQuery) await answerQuery(req, res, request, requestId);
      else await answerJson(req, res, target, request);
    } else if (deps.apiGateway.matches(url)) {
      await answerApi(req, res, url);
    } else if (req.method === 'GET' && url.pathname === '/sandbox/events') {
      sendJson(res, 200, events.since(url.searchParams.get('after') ?? 0));
    } else if (req.method === 'GET' && url.pathname === '/health') {
      sendJson(res, 200, { status: 'ok' });
    } else {
      const document = req.method === 'GET' ? wellKnown(url.pathname) : undefined;
      if (document) sendJson(res, 200, document);
      else sendJson(res, 404, { message: `No route for ${req.method} ${url.pathname}` });
    }
  }

  return async (req, res) => {
    try {
      await route(req, res);
    } catch (error) {
      // A client that hangs up mid-request is no failure of the sandbox: there is no one left to answer.
      if (req.destroyed && /** @type {NodeJS.ErrnoException} */ (error)?.code === 'ECONNRESET') {
        res.destroy();
        return;
      }
      onError(error);
      try {
        if (!res.headersSent) {
          sendAwsJson(res, 500, {
            __type: 'InternalErrorException',
            message: 'The sandbox failed; see its console.'
          });
        } else {
          res.destroy();
        }
      } catch {
        res.destroy();
      }
    }
  };
}
