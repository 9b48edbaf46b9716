// @ts-check
// Just enough of STS (query protocol, XML) to prove the issued credentials are real: GetCallerIdentity checks a
// SigV4 signature by re-signing the request with the SDK's own signer (@smithy/signature-v4) and the secret
// sealed in the session token, and AssumeRoleWithWebIdentity completes the identity pool's basic flow.
import { errors, jwtVerify } from 'jose';
import { ServiceError } from './errors.js';
import { header, parseAuthorization, signatureMatches } from './sigv4.js';

const VERSION = '2011-06-15';
const NAMESPACE = `https://sts.amazonaws.com/doc/${VERSION}/`;

/**
 * @typedef {object} StsRequest
 * @property {string} method
 * @property {string} url path and query as received
 * @property {Record<string, string | string[] | undefined>} headers lower-case names, as node:http gives them
 * @property {Buffer} body
 */

/** @param {string} code @param {string} message @param {number} [status] */
const stsError = (code, message, status = 400) => new ServiceError(code, message, status);

/** @param {unknown} value */
const xmlText = (value) =>
  String(value).replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c
  );

/**
 * @param {Record<string, unknown>} fields
 * @returns {string}
 */
const xmlFields = (fields) =>
  Object.entries(fields)
    .map(([name, value]) =>
      value !== null && typeof value === 'object'
        ? `<${name}>${xmlFields(/** @type {Record<string, unknown>} */ (value))}</${name}>`
        : `<${name}>${xmlText(value)}</${name}>`
    )
    .join('');

/**
 * @param {string} action
 * @param {Record<string, unknown>} result
 * @param {string} requestId
 */
const xmlResponse = (action, result, requestId) =>
  `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${xmlFields(result)}</${action}Result>` +
  `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;

/**
 * STS's error document; the SDK reads <Code> and <Message>.
 * @param {ServiceError} error
 * @param {string} requestId
 */
export const xmlError = (error, requestId) =>
  `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>${xmlText(error.code)}</Code>` +
  `<Message>${xmlText(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;

/** @param {number} seconds */
const isoTime = (seconds) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** @param {URLSearchParams} params @param {string} name */
function requiredParam(params, name) {
  const value = params.get(name);
  if (!value) {
    const field = name.charAt(0).toLowerCase() + name.slice(1);
    throw stsError(
      'ValidationError',
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`
    );
  }
  return value;
}

/**
 * @param {{
 *   config: import('./seed.js').IdentityConfig,
 *   credentials: import('./credentials.js').Credentials,
 *   identityIssuer: string,
 *   identityKey: import('./keys.js').RsaKey,
 *   now?: () => number
 * }} deps
 */
export function createSts({
  config,
  credentials,
  identityIssuer,
  identityKey,
  now = () => Math.floor(Date.now() / 1000)
}) {
  /**
   * Recomputes the request's SigV4 signature with the session's secret and compares.
   * @param {StsRequest} request
   * @param {import('./sigv4.js').Authorization} auth
   * @param {import('./credentials.js').RoleSession} session
   * @param {string} sessionToken
   */
  async function assertSignature(request, auth, session, sessionToken) {
    const { accessKeyId, secretAccessKey } = session;
    if (!(await signatureMatches(request, auth, { accessKeyId, secretAccessKey, sessionToken }))) {
      throw stsError(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret ' +
          'Access Key and signing method. Consult the service documentation for details.',
        403
      );
    }
  }

  /** @param {StsRequest} request @param {string} requestId */
  async function getCallerIdentity(request, requestId) {
    const authorization = header(request.headers, 'authorization');
    if (!authorization) {
      throw stsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    }
    const auth = parseAuthorization(authorization);
    if (!auth) {
      throw stsError('IncompleteSignature', 'Authorization header requires a valid SigV4 signature.');
    }
    const sessionToken = header(request.headers, 'x-amz-security-token') ?? '';
    const session = credentials.open(sessionToken);
    if (!session || session.accessKeyId !== auth.accessKeyId) {
      throw stsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    }
    if (session.expiration <= now()) {
      throw stsError('ExpiredToken', 'The security token included in the request is expired', 400);
    }
    await assertSignature(request, auth, session, sessionToken);
    const roleName = session.roleArn.slice(session.roleArn.lastIndexOf('/') + 1);
    return xmlResponse(
      'GetCallerIdentity',
      {
        Arn: `arn:aws:sts::${config.accountId}:assumed-role/${roleName}/${session.sessionName}`,
        UserId: `${session.roleId}:${session.sessionName}`,
        Account: config.accountId
      },
      requestId
    );
  }

  /** @param {URLSearchParams} params @param {string} requestId */
  async function assumeRoleWithWebIdentity(params, requestId) {
    const roleArn = requiredParam(params, 'RoleArn');
    const sessionName = requiredParam(params, 'RoleSessionName');
    const webIdentityToken = requiredParam(params, 'WebIdentityToken');
    const duration = Number(params.get('DurationSeconds') ?? 3600);
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw stsError(
        'ValidationError',
        `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint.`
      );
    }
    if (!Number.isInteger(duration) || duration < 900 || duration > 3600) {
      throw stsError(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
      );
    }
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(webIdentityToken, identityKey.publicKey, {
        issuer: identityIssuer,
        algorithms: [identityKey.alg],
        currentDate: new Date(now() * 1000)
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        const exp = Number(/** @type {errors.JWTExpired} */ (error).payload.exp);
        throw stsError(
          'ExpiredTokenException',
          `Token expired: current date/time ${now()} must be before the expiration date/time ${exp}`
        );
      }
      throw stsError(
        'InvalidIdentityToken',
        'The web identity token is not a token the sandbox identity pool issued.'
      );
    }
    const role = config.roles.get(roleArn);
    const amr = Array.isArray(claims.amr) ? claims.amr : [];
    if (!role || !role.identityPoolIds.includes(String(claims.aud)) || !amr.includes(role.amr)) {
      throw stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403);
    }
    const { session, sessionToken } = credentials.issue({
      roleArn,
      roleId: role.id,
      sessionName,
      durationSeconds: duration,
      webIdentity: { sub: String(claims.sub), aud: String(claims.aud), amr: amr.map(String) }
    });
    return xmlResponse(
      'AssumeRoleWithWebIdentity',
      {
        Credentials: {
          AccessKeyId: session.accessKeyId,
          SecretAccessKey: session.secretAccessKey,
          SessionToken: sessionToken,
          Expiration: isoTime(session.expiration)
        },
        SubjectFromWebIdentityToken: claims.sub,
        AssumedRoleUser: {
          Arn: `arn:aws:sts::${config.accountId}:assumed-role/${role.name}/${sessionName}`,
          AssumedRoleId: `${role.id}:${sessionName}`
        },
        Provider: 'cognito-identity.amazonaws.com',
        Audience: claims.aud
      },
      requestId
    );
  }

  return {
    /**
     * @param {StsRequest} request
     * @param {string} requestId
     * @returns {Promise<string>} the XML response body
     */
    async handle(request, requestId) {
      const params = new URLSearchParams(request.body.toString('utf8'));
      const action = params.get('Action');
      if (action === 'GetCallerIdentity') return getCallerIdentity(request, requestId);
      if (action === 'AssumeRoleWithWebIdentity') return assumeRoleWithWebIdentity(params, requestId);
      throw stsError(
        'InvalidAction',
        `Could not find operation ${action} for version ${params.get('Version') ?? VERSION}`
      );
    }
  };
}

/** @typedef {ReturnType<typeof createSts>} Sts */
