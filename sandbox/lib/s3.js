// @ts-check
// A small S3 for the identity pool's credentials to be used on: PutObject, GetObject (and HEAD), DeleteObject and
// ListObjectsV2 on the preset's buckets, path-style (`/<bucket>/<key>`) on the sandbox's one port. Every request is
// checked as S3 checks it: a SigV4 signature by temporary credentials the sandbox issued (re-signed with the SDK's
// signer, sigv4.js, as STS does), not expired, then the assumed role's identity policies evaluated by a real IAM
// policy evaluator (iam.js). Answers and errors are S3's REST-XML
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readBody } from './http.js';
import { header, parseAuthorization, signatureMatches } from './sigv4.js';
import { JsonDocument } from './store.js';

const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
// S3 refuses a signature whose x-amz-date is more than 15 minutes away from its clock.
const MAX_SKEW_SECONDS = 15 * 60;
// Headers a browser may read from an S3 answer only when the bucket's CORS rule exposes them; the sandbox's own
// evaluation header is always readable (it is the point of the playground's panel).
const DECISION_HEADER = 'x-sandbox-iam-decision';

/**
 * @typedef {object} CorsRule S3's CORSRule, as in PutBucketCors.
 * @property {string[]} AllowedOrigins at most one `*` each
 * @property {string[]} AllowedMethods
 * @property {string[]} [AllowedHeaders]
 * @property {string[]} [ExposeHeaders]
 * @property {number} [MaxAgeSeconds]
 */

/**
 * @typedef {object} BucketConfig
 * @property {string} name
 * @property {string} description
 * @property {number} maxObjectBytes
 * @property {Record<string, string>} [seedObjects] key -> text, written when the bucket is created
 * @property {CorsRule[]} cors
 */

/**
 * @typedef {object} S3Response
 * @property {number} status
 * @property {Record<string, string | number>} headers
 * @property {string | Buffer} [body]
 */

export class S3Error extends Error {
  /**
   * @param {string} code S3's error code, e.g. AccessDenied
   * @param {string} message
   * @param {number} status
   * @param {Record<string, string | number>} [fields] extra elements of the <Error> document
   */
  constructor(code, message, status, fields = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

/** @param {unknown} value */
const xmlText = (value) =>
  String(value).replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c
  );

/** @param {S3Error} error @param {string} requestId */
export const errorDocument = (error, requestId) =>
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  `<Error><Code>${xmlText(error.code)}</Code><Message>${xmlText(error.message)}</Message>` +
  Object.entries(error.fields)
    .map(([name, value]) => `<${name}>${xmlText(value)}</${name}>`)
    .join('') +
  `<RequestId>${requestId}</RequestId><HostId>sandbox</HostId></Error>`;

/**
 * Whether an origin matches one of a rule's AllowedOrigins (`*` stands for any run of characters, as in S3).
 * @param {string} origin
 * @param {string[]} allowed
 */
export function originAllowed(origin, allowed) {
  return allowed.some((pattern) => {
    if (pattern === '*') return true;
    const [head = '', tail] = pattern.split('*');
    return tail === undefined
      ? origin === pattern
      : origin.length >= head.length + tail.length && origin.startsWith(head) && origin.endsWith(tail);
  });
}

/** @param {number} ms */
const isoDate = (ms) => new Date(ms).toISOString();

/** @param {string} key */
const keyId = (key) => createHash('sha256').update(key).digest('hex');

/**
 * @param {{
 *   buckets: Record<string, BucketConfig>,
 *   dataDir: string,
 *   reset: boolean,
 *   credentials: import('./credentials.js').Credentials,
 *   iam: import('./iam.js').Iam,
 *   accountId: string,
 *   now?: () => number
 * }} deps
 */
export async function createS3({
  buckets,
  dataDir,
  reset,
  credentials,
  iam,
  accountId,
  now = () => Date.now()
}) {
  const root = path.join(dataDir, 's3');
  let writes = 0;
  if (reset) await rm(root, { recursive: true, force: true });
  /** @type {Map<string, {config: BucketConfig, index: JsonDocument, folder: string}>} */
  const byName = new Map();
  for (const config of Object.values(buckets)) {
    const folder = path.join(root, config.name);
    const index = await JsonDocument.open(path.join(folder, 'index.json'), { objects: {}, seeded: false });
    byName.set(config.name, { config, index, folder });
    if (!index.get('seeded')) {
      for (const [key, text] of Object.entries(config.seedObjects ?? {})) {
        await storeObject(byName.get(config.name), key, Buffer.from(text), 'text/plain');
      }
      await index.set('seeded', true);
    }
  }

  /**
   * @param {{config: BucketConfig, index: JsonDocument, folder: string} | undefined} bucket
   * @param {string} key
   * @param {Buffer} body
   * @param {string} contentType
   */
  async function storeObject(bucket, key, body, contentType) {
    if (!bucket) return '';
    const id = keyId(key);
    const file = path.join(bucket.folder, 'objects', id);
    await mkdir(path.dirname(file), { recursive: true });
    // A counter, not a random name: the recorded sample run fixes randomness and counts the draws.
    const temp = `${file}.${(writes += 1)}.tmp`;
    await writeFile(temp, body);
    await rename(temp, file);
    const etag = `"${createHash('md5').update(body).digest('hex')}"`;
    await bucket.index.set(['objects', id], {
      key,
      size: body.length,
      etag,
      contentType,
      lastModified: isoDate(now())
    });
    return etag;
  }

  /**
   * CORS headers for a request from `origin`, by the bucket's first matching rule (as S3 picks it).
   * @param {BucketConfig | undefined} config
   * @param {string | undefined} origin
   * @param {string} method
   */
  function corsRule(config, origin, method) {
    if (!config || !origin) return undefined;
    return config.cors.find(
      (rule) => originAllowed(origin, rule.AllowedOrigins) && rule.AllowedMethods.includes(method)
    );
  }

  /**
   * @param {CorsRule | undefined} rule
   * @param {string | undefined} origin
   * @returns {Record<string, string>}
   */
  const corsHeaders = (rule, origin) =>
    rule && origin
      ? {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Expose-Headers': [...(rule.ExposeHeaders ?? []), DECISION_HEADER].join(', '),
          Vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method'
        }
      : {};

  /**
   * The caller's session, from the signature's access key and the session token, checked in S3's order.
   * @param {import('./sigv4.js').SignedRequest} request
   */
  function sessionOf(request) {
    const authorization = header(request.headers, 'authorization');
    if (!authorization) {
      // No policy of the sandbox's buckets grants anonymous access.
      throw new S3Error('AccessDenied', 'Access Denied', 403);
    }
    const auth = parseAuthorization(authorization);
    if (!auth) {
      throw new S3Error(
        'AuthorizationHeaderMalformed',
        'The authorization header is malformed; it must be an AWS4-HMAC-SHA256 signature.',
        400
      );
    }
    const sessionToken = header(request.headers, 'x-amz-security-token');
    if (!sessionToken) {
      throw new S3Error(
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
        403,
        { AWSAccessKeyId: auth.accessKeyId }
      );
    }
    const session = credentials.open(sessionToken);
    if (!session || session.accessKeyId !== auth.accessKeyId) {
      throw new S3Error('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400, {
        'Token-0': sessionToken
      });
    }
    if (session.expiration * 1000 <= now()) {
      throw new S3Error('ExpiredToken', 'The provided token has expired.', 400, { 'Token-0': sessionToken });
    }
    const amzDate = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(
      header(request.headers, 'x-amz-date') ?? ''
    );
    const [, year, month, day, hours, minutes, seconds] = (amzDate ?? []).map(Number);
    const signedAt =
      amzDate && year !== undefined && month !== undefined
        ? Date.UTC(year, month - 1, day, hours, minutes, seconds)
        : NaN;
    if (Number.isNaN(signedAt)) {
      throw new S3Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header', 403);
    }
    if (Math.abs(signedAt - now()) > MAX_SKEW_SECONDS * 1000) {
      throw new S3Error(
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
        403,
        { RequestTime: header(request.headers, 'x-amz-date') ?? '', ServerTime: isoDate(now()) }
      );
    }
    return { auth, session, sessionToken };
  }

  /**
   * The role's policies decide; an explicit or implicit deny is S3's AccessDenied with IAM's message.
   * @param {import('./credentials.js').RoleSession} session
   * @param {string} action
   * @param {string} resource
   * @param {Record<string, string>} [extra] request-specific condition keys (s3:prefix, ...)
   */
  function authorise(session, action, resource, extra = {}) {
    const web = session.webIdentity;
    const decision = iam.evaluate({
      roleArn: session.roleArn,
      sessionName: session.sessionName,
      action,
      resource,
      context: {
        'aws:SecureTransport': 'false',
        'aws:CurrentTime': isoDate(now()),
        'aws:PrincipalAccount': accountId,
        ...(web
          ? {
              'cognito-identity.amazonaws.com:sub': web.sub,
              'cognito-identity.amazonaws.com:aud': web.aud,
              'cognito-identity.amazonaws.com:amr': web.amr
            }
          : {}),
        ...extra
      }
    });
    if (decision.result !== 'Allowed') {
      const roleName = session.roleArn.slice(session.roleArn.lastIndexOf('/') + 1);
      const because =
        decision.result === 'ExplicitlyDenied'
          ? `with an explicit deny in an identity-based policy`
          : `because no identity-based policy allows the ${action} action`;
      // IAM's wording for a denied request
      // (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
      const error = new S3Error(
        'AccessDenied',
        `User: arn:aws:sts::${accountId}:assumed-role/${roleName}/${session.sessionName} is not authorized ` +
          `to perform: ${action} on resource: "${resource}" ${because}`,
        403
      );
      throw Object.assign(error, { decision });
    }
    return decision;
  }

  /** @param {import('./iam.js').Decision} decision */
  const decisionHeader = (decision) => ({
    [DECISION_HEADER]: JSON.stringify({
      result: decision.result,
      action: decision.action,
      resource: decision.resource,
      role: decision.roleArn,
      decidedBy: decision.decidedBy,
      statements: decision.statements
    })
  });

  /**
   * @param {{config: BucketConfig, index: JsonDocument, folder: string}} bucket
   * @param {URLSearchParams} query
   * @returns {string}
   */
  function listObjects(bucket, query) {
    const prefix = query.get('prefix') ?? '';
    const delimiter = query.get('delimiter') ?? '';
    const maxKeys = Math.min(1000, Math.max(0, Number(query.get('max-keys') ?? 1000) || 0));
    const urlEncoded = query.get('encoding-type') === 'url';
    const token = query.get('continuation-token');
    const after = token ? Buffer.from(token, 'base64url').toString('utf8') : (query.get('start-after') ?? '');
    const encode = (/** @type {string} */ value) => (urlEncoded ? encodeURIComponent(value) : value);
    /** @type {{key: string, size: number, etag: string, lastModified: string}[]} */
    const objects = Object.values(bucket.index.get('objects') ?? {});
    const matching = objects
      .filter((object) => object.key.startsWith(prefix) && object.key > after)
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    /** @type {string[]} */
    const contents = [];
    /** @type {Set<string>} */
    const commonPrefixes = new Set();
    let truncated = false;
    let lastKey = '';
    for (const object of matching) {
      const rest = object.key.slice(prefix.length);
      const cut = delimiter ? rest.indexOf(delimiter) : -1;
      const common = cut >= 0 ? prefix + rest.slice(0, cut + delimiter.length) : undefined;
      if (common && commonPrefixes.has(common)) continue;
      if (contents.length + commonPrefixes.size >= maxKeys) {
        truncated = true;
        break;
      }
      lastKey = object.key;
      if (common) {
        commonPrefixes.add(common);
        continue;
      }
      contents.push(
        `<Contents><Key>${xmlText(encode(object.key))}</Key><LastModified>${object.lastModified}</LastModified>` +
          `<ETag>${xmlText(object.etag)}</ETag><Size>${object.size}</Size><StorageClass>STANDARD</StorageClass>` +
          `</Contents>`
      );
    }
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="${NAMESPACE}">` +
      `<Name>${xmlText(bucket.config.name)}</Name><Prefix>${xmlText(encode(prefix))}</Prefix>` +
      (delimiter ? `<Delimiter>${xmlText(encode(delimiter))}</Delimiter>` : '') +
      `<MaxKeys>${maxKeys}</MaxKeys>` +
      (urlEncoded ? '<EncodingType>url</EncodingType>' : '') +
      `<KeyCount>${contents.length + commonPrefixes.size}</KeyCount><IsTruncated>${truncated}</IsTruncated>` +
      (token ? `<ContinuationToken>${xmlText(token)}</ContinuationToken>` : '') +
      (truncated
        ? `<NextContinuationToken>${Buffer.from(lastKey).toString('base64url')}</NextContinuationToken>`
        : '') +
      contents.join('') +
      [...commonPrefixes]
        .map((common) => `<CommonPrefixes><Prefix>${xmlText(encode(common))}</Prefix></CommonPrefixes>`)
        .join('') +
      '</ListBucketResult>'
    );
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {URL} url
   * @returns {Promise<S3Response>}
   */
  async function answer(req, url) {
    const method = req.method ?? 'GET';
    const [, bucketName = '', ...keyParts] = url.pathname.split('/');
    const bucket = byName.get(bucketName);
    const origin = header(req.headers, 'origin');

    if (method === 'OPTIONS') {
      const requested = header(req.headers, 'access-control-request-method') ?? '';
      const rule = corsRule(bucket?.config, origin, requested);
      if (!rule) throw new S3Error('AccessForbidden', 'CORSResponse: This CORS request is not allowed.', 403);
      const requestedHeaders = header(req.headers, 'access-control-request-headers') ?? '';
      return {
        status: 200,
        headers: {
          ...corsHeaders(rule, origin),
          'Access-Control-Allow-Methods': rule.AllowedMethods.join(', '),
          ...(requestedHeaders && rule.AllowedHeaders?.includes('*')
            ? { 'Access-Control-Allow-Headers': requestedHeaders }
            : {}),
          'Access-Control-Max-Age': String(rule.MaxAgeSeconds ?? 0)
        }
      };
    }

    const cors = corsHeaders(corsRule(bucket?.config, origin, method), origin);
    try {
      return await answerSigned(req, url, method, bucketName, bucket, keyParts, cors);
    } catch (error) {
      if (error instanceof S3Error) Object.assign(error, { cors });
      throw error;
    }
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {URL} url
   * @param {string} method
   * @param {string} bucketName
   * @param {{config: BucketConfig, index: JsonDocument, folder: string} | undefined} bucket
   * @param {string[]} keyParts
   * @param {Record<string, string>} cors
   * @returns {Promise<S3Response>}
   */
  async function answerSigned(req, url, method, bucketName, bucket, keyParts, cors) {
    const limit = bucket?.config.maxObjectBytes ?? 0;
    const declared = Number(header(req.headers, 'content-length') ?? 0);
    const { body, tooLarge } = await readBody(req, limit);
    const request = { method, url: req.url ?? '/', headers: req.headers, body };
    const { auth, session, sessionToken } = sessionOf(request);
    if (tooLarge || declared > limit) {
      throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
        ProposedSize: Math.max(declared, body.length),
        MaxSizeAllowed: limit
      });
    }
    const { accessKeyId, secretAccessKey } = session;
    if (!(await signatureMatches(request, auth, { accessKeyId, secretAccessKey, sessionToken }))) {
      throw new S3Error(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and ' +
          'signing method.',
        403,
        { AWSAccessKeyId: auth.accessKeyId }
      );
    }
    if (!bucket) {
      throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, {
        BucketName: bucketName
      });
    }
    const key = keyParts.map((part) => decodeURIComponent(part)).join('/');
    const bucketArn = `arn:aws:s3:::${bucket.config.name}`;

    if (key === '') {
      if (method === 'GET' && url.searchParams.get('list-type') === '2') {
        const prefix = url.searchParams.get('prefix');
        const delimiter = url.searchParams.get('delimiter');
        const maxKeys = url.searchParams.get('max-keys');
        const decision = authorise(session, 's3:ListBucket', bucketArn, {
          ...(prefix !== null ? { 's3:prefix': prefix } : {}),
          ...(delimiter !== null ? { 's3:delimiter': delimiter } : {}),
          ...(maxKeys !== null ? { 's3:max-keys': maxKeys } : {})
        });
        return {
          status: 200,
          headers: { ...cors, ...decisionHeader(decision), 'Content-Type': 'application/xml' },
          body: listObjects(bucket, url.searchParams)
        };
      }
      throw new S3Error(
        'NotImplemented',
        'The sandbox bucket supports ListObjectsV2 (list-type=2) only.',
        501
      );
    }

    const objectArn = `${bucketArn}/${key}`;
    const id = keyId(key);
    const file = path.join(bucket.folder, 'objects', id);
    if (method === 'PUT') {
      if (header(req.headers, 'x-amz-copy-source')) {
        throw new S3Error('NotImplemented', 'The sandbox bucket does not support CopyObject.', 501);
      }
      const decision = authorise(session, 's3:PutObject', objectArn);
      const etag = await storeObject(
        bucket,
        key,
        body,
        header(req.headers, 'content-type') ?? 'application/octet-stream'
      );
      return { status: 200, headers: { ...cors, ...decisionHeader(decision), ETag: etag } };
    }
    if (method === 'GET' || method === 'HEAD') {
      const decision = authorise(session, 's3:GetObject', objectArn);
      const object = bucket.index.get(['objects', id]);
      if (!object) throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
      const content = method === 'GET' ? await readFile(file) : undefined;
      return {
        status: 200,
        headers: {
          ...cors,
          ...decisionHeader(decision),
          ETag: object.etag,
          'Content-Type': object.contentType,
          'Content-Length': object.size,
          'Last-Modified': new Date(object.lastModified).toUTCString()
        },
        body: content
      };
    }
    if (method === 'DELETE') {
      const decision = authorise(session, 's3:DeleteObject', objectArn);
      await bucket.index.delete(['objects', id]);
      await rm(file, { force: true });
      return { status: 204, headers: { ...cors, ...decisionHeader(decision) } };
    }
    throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
  }

  return {
    /** The names the router sends here. */
    bucketNames: [...byName.keys()],

    /**
     * Whether a request is for S3: its first path segment is a sandbox bucket, or it is signed for the s3 service
     * (so an unknown bucket gets S3's NoSuchBucket, not the sandbox's 404).
     * @param {URL} url
     * @param {import('node:http').IncomingHttpHeaders} headers
     */
    matches(url, headers) {
      const [, first = ''] = url.pathname.split('/');
      if (byName.has(first)) return true;
      return parseAuthorization(headers.authorization)?.service === 's3';
    },

    /**
     * Answers one request; never rejects for an S3 error (it becomes the XML error document).
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:http').ServerResponse} res
     * @param {URL} url
     * @param {string} requestId
     */
    async handle(req, res, url, requestId) {
      // S3's own CORS decides, not the sandbox's open one.
      for (const name of res.getHeaderNames()) {
        if (name.startsWith('access-control-')) res.removeHeader(name);
      }
      res.setHeader('x-amz-request-id', requestId);
      /** @type {S3Response} */
      let response;
      try {
        response = await answer(req, url);
      } catch (error) {
        if (!(error instanceof S3Error)) throw error;
        const extra = /** @type {{cors?: Record<string, string>, decision?: import('./iam.js').Decision}} */ (
          error
        );
        const body = req.method === 'HEAD' ? undefined : errorDocument(error, requestId);
        response = {
          status: error.status,
          headers: {
            ...(extra.cors ?? {}),
            ...(extra.decision ? decisionHeader(extra.decision) : {}),
            'Content-Type': 'application/xml'
          },
          body
        };
      }
      const body = response.body ?? '';
      res.writeHead(response.status, {
        ...response.headers,
        ...(response.headers['Content-Length'] === undefined
          ? { 'Content-Length': Buffer.byteLength(body) }
          : {})
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    }
  };
}

/** @typedef {Awaited<ReturnType<typeof createS3>>} S3 */
