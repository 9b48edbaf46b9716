// "Call an API with your tokens": a user pool token sent to an API behind API Gateway, the answer, the claims the
// backend received, and why a token was refused. Two authorizers, as API Gateway has them:
// - REST API, Cognito user pool authorizer: no OAuth scopes on the method -> the id token; scopes -> an access
//   token carrying one of them; any refusal 401 {"message":"Unauthorized"}
//   (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html).
// - HTTP API, JWT authorizer: issuer, audience (aud, or client_id without aud), scopes; an invalid token 401,
//   a valid token without the scope 403 {"message":"Forbidden"}
//   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html).

/** Which authorizer protects the API. */
export type AuthorizerKind = 'rest-cognito' | 'http-jwt';

/** Which user pool token goes into `Authorization`. */
export type TokenChoice = 'id' | 'access';

/** A method (REST) or route (HTTP API) and the OAuth scopes it requires (none: any valid token of its kind). */
export interface ApiRoute {
  method: 'GET';
  path: string;
  scopes: readonly string[];
}

/**
 * What the call gave: the status, the JSON body, the claims the backend received (on success), and the
 * authorizer's refusal as far as the answer tells it.
 */
export interface ApiCallResult {
  status: number;
  body: unknown;
  /** `requestContext.authorizer.claims` (REST) or `.jwt.claims` (HTTP API); null when refused. */
  claims: Record<string, string> | null;
  /** `requestContext.authorizer.jwt.scopes` (HTTP API), when present. */
  scopes: string[] | null;
  wwwAuthenticate: string | null;
  /** The local sandbox's own account of a refusal (`x-sandbox-refusal`); AWS sends none. */
  sandboxRefusal: string | null;
}

/** An explanation of a call's outcome, for the learner. */
export interface ApiVerdict {
  allowed: boolean;
  title: string;
  why: string;
}

const API_HOST = /^[a-z0-9]{10}\.execute-api\.[a-z]{2}(?:-[a-z]+)+-\d\.amazonaws\.com$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Checks an API URL typed by the user: an API Gateway invoke URL (`https://<id>.execute-api.<region>.amazonaws.com/...`)
 * or a loopback address (a local emulator). Returns the URL without a trailing slash, or the reason it is refused.
 *
 * @example
 * ```ts
 * validateApiUrl('https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod'); // { ok: true, url: '…/prod' }
 * validateApiUrl('http://example.com'); // { ok: false, reason: '…' }
 * ```
 */
export function validateApiUrl(input: string): { ok: true; url: string } | { ok: false; reason: string } {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'Enter the invoke URL of your API, starting with https://.' };
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'Give the API URL without a query, fragment or user name.' };
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (!loopback && url.protocol !== 'https:') {
    return { ok: false, reason: 'API Gateway answers over https only.' };
  }
  if (!loopback && !API_HOST.test(url.hostname)) {
    return {
      ok: false,
      reason:
        'This is not an API Gateway invoke URL (https://<api id>.execute-api.<region>.amazonaws.com/<stage>). A custom domain is not allowed by the page’s Content-Security-Policy.'
    };
  }
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}

/** The token as each authorizer expects it: the bare token (REST, as documented), `Bearer <token>` (HTTP API). */
export function authorizationFor(kind: AuthorizerKind, token: string): string {
  return kind === 'http-jwt' ? `Bearer ${token}` : token;
}

const asStrings = (value: unknown): Record<string, string> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).map(([name, claim]) => [name, String(claim)]))
    : null;

/**
 * Calls `GET <apiUrl><path>` with the token, through the given fetch (the runner's traced fetch).
 *
 * @example
 * ```ts
 * const result = await callApi(fetch, { apiUrl, route, kind: 'rest-cognito', token: idToken });
 * result.status; // 200
 * result.claims?.sub; // the user's sub
 * ```
 */
export async function callApi(
  fetchFn: typeof fetch,
  request: { apiUrl: string; route: ApiRoute; kind: AuthorizerKind; token: string }
): Promise<ApiCallResult> {
  const response = await fetchFn(`${request.apiUrl}${request.route.path}`, {
    method: request.route.method,
    headers: { Authorization: authorizationFor(request.kind, request.token) }
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: shown as text.
  }
  const context = (body as { requestContext?: { authorizer?: Record<string, unknown> } } | null)
    ?.requestContext?.authorizer;
  const jwt = context?.jwt as { claims?: unknown; scopes?: unknown } | undefined;
  const claims = response.ok ? asStrings(request.kind === 'http-jwt' ? jwt?.claims : context?.claims) : null;
  return {
    status: response.status,
    body,
    claims,
    scopes: Array.isArray(jwt?.scopes) ? jwt.scopes.map(String) : null,
    wwwAuthenticate: response.headers.get('www-authenticate'),
    sandboxRefusal: response.headers.get('x-sandbox-refusal')
  };
}

/**
 * Why the call got its answer, from what the learner can see: the authorizer, the token sent (its `token_use`
 * and `scope`, decoded), the scopes the route requires and the status. A refusal that the token explains names
 * the rule; any other (signature, expiry, issuer, audience) points at `www-authenticate` or the sandbox's reason.
 *
 * @example
 * ```ts
 * explainApiCall({ kind: 'rest-cognito', route: { method: 'GET', path: '/profile', scopes: [] },
 *   tokenUse: 'access', tokenScopes: ['aws.cognito.signin.user.admin'], result });
 * // { allowed: false, title: '401: an access token on a method without scopes', why: '…' }
 * ```
 */
export function explainApiCall(input: {
  kind: AuthorizerKind;
  route: ApiRoute;
  tokenUse: string | null;
  tokenScopes: readonly string[];
  result: Pick<ApiCallResult, 'status' | 'wwwAuthenticate' | 'sandboxRefusal'>;
}): ApiVerdict {
  const { kind, route, tokenUse, tokenScopes, result } = input;
  const required = route.scopes.join(', ');
  const has = tokenScopes.join(' ') || 'none';
  if (result.status >= 200 && result.status < 300) {
    return {
      allowed: true,
      title: `${result.status}: the authorizer let the token through`,
      why:
        kind === 'rest-cognito'
          ? route.scopes.length === 0
            ? 'A method without OAuth scopes takes a valid id token of the pool; the backend received its claims.'
            : `The access token carries one of the method's scopes (${required}); the backend received its claims.`
          : route.scopes.length === 0
            ? 'The token is signed by the issuer, unexpired, and its audience is one the authorizer accepts; the route needs no scope.'
            : `The token is valid and carries one of the route's scopes (${required}).`
    };
  }
  const detail =
    result.sandboxRefusal ?? (result.wwwAuthenticate ? `www-authenticate: ${result.wwwAuthenticate}` : '');
  if (kind === 'rest-cognito' && result.status === 401) {
    if (route.scopes.length === 0 && tokenUse === 'access') {
      return {
        allowed: false,
        title: '401: an access token on a method without scopes',
        why: 'A Cognito authorizer on a method without OAuth scopes treats the token as an id token; an access token is refused. Send the id token, or add scopes to the method.'
      };
    }
    if (route.scopes.length > 0 && tokenUse === 'id') {
      return {
        allowed: false,
        title: '401: an id token on a method with scopes',
        why: `This method requires one of the scopes ${required}, and only an access token carries scopes.`
      };
    }
    if (route.scopes.length > 0 && !route.scopes.some((scope) => tokenScopes.includes(scope))) {
      return {
        allowed: false,
        title: '401: the access token lacks the scope',
        why: `The method requires one of ${required}; the access token carries ${has}. A REST API answers 401 here, not 403.`
      };
    }
  }
  if (kind === 'http-jwt' && result.status === 403) {
    return {
      allowed: false,
      title: '403: valid token, missing scope',
      why: `The route requires one of ${required}; the token carries ${has}. An HTTP API answers a valid token without the scope with 403 Forbidden.`
    };
  }
  if (result.status === 401) {
    return {
      allowed: false,
      title: '401: the authorizer refused the token',
      why: `The token did not pass the authorizer's checks (signature, expiry, issuer${kind === 'http-jwt' ? ', audience' : ''}).${detail ? ` ${detail}` : ''}`
    };
  }
  return {
    allowed: false,
    title: `${result.status}: not the authorizer's answer`,
    why: `The API answered ${result.status}${detail ? ` (${detail})` : ''}: check the URL, the stage and the route.`
  };
}
