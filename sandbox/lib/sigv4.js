// @ts-check
// SigV4 request signatures, checked the only way that cannot drift from AWS's: the request is signed again with
// the SDK's own signer (@smithy/signature-v4) and the secret the access key stands for, over the headers the
// client says it signed, and the two signatures are compared. Used by STS and S3 (session credentials) and by the
// user pool's IAM-authenticated (admin) operations (admin-auth.js).
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * @typedef {object} SignedRequest
 * @property {string} method
 * @property {string} url path and query as received
 * @property {Record<string, string | string[] | undefined>} headers lower-case names, as node:http gives them
 * @property {Buffer} body
 */

/**
 * @typedef {object} Authorization The parts of a SigV4 Authorization header.
 * @property {string} accessKeyId
 * @property {string} region
 * @property {string} service
 * @property {string} signedHeaders e.g. "content-type;host;x-amz-date"
 * @property {string} signature hex
 */

/** @param {unknown} value @returns {Authorization | undefined} */
export function parseAuthorization(value) {
  const [, accessKeyId, , region, service, signedHeaders, signature] =
    AUTHORIZATION.exec(String(value)) ?? [];
  if (!accessKeyId || !region || !service || !signedHeaders || !signature) return undefined;
  return { accessKeyId, region, service, signedHeaders, signature };
}

/** @param {Record<string, string | string[] | undefined>} headers @param {string} name */
export const header = (headers, name) => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** @param {string} amzDate e.g. 20250101T120000Z */
function parseAmzDate(amzDate) {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Whether `auth` is the signature of `request` by these credentials.
 * @param {SignedRequest} request
 * @param {Authorization} auth
 * @param {{accessKeyId: string, secretAccessKey: string, sessionToken?: string}} credentials
 * @returns {Promise<boolean>}
 */
export async function signatureMatches(request, auth, credentials) {
  const { region, service } = auth;
  const signedHeaders = auth.signedHeaders.split(';');
  const signingDate = parseAmzDate(header(request.headers, 'x-amz-date') ?? '');
  if (!signingDate || !signedHeaders.includes('host')) return false;
  const declaredHash = header(request.headers, 'x-amz-content-sha256');
  // S3 lets a client sign the literal UNSIGNED-PAYLOAD instead of the body's hash (the header is then signed).
  const unsignedPayload =
    declaredHash === 'UNSIGNED-PAYLOAD' && signedHeaders.includes('x-amz-content-sha256');
  if (
    declaredHash &&
    !unsignedPayload &&
    declaredHash !== createHash('sha256').update(request.body).digest('hex')
  ) {
    return false;
  }
  let url;
  try {
    url = new URL(`http://${header(request.headers, 'host')}${request.url}`);
  } catch {
    return false;
  }
  const signer = new SignatureV4({
    service,
    region,
    credentials,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
    // S3 signs the path as sent (its keys are already URI-encoded once); every other service encodes it again.
    uriEscapePath: service !== 's3'
  });
  const resigned = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(signedHeaders.map((name) => [name, header(request.headers, name) ?? ''])),
      body: request.body.toString('utf8')
    },
    { signingDate, signableHeaders: new Set(signedHeaders), signingRegion: region, signingService: service }
  );
  const expected = parseAuthorization(resigned.headers.authorization);
  return (
    expected?.signedHeaders === auth.signedHeaders &&
    timingSafeEqual(Buffer.from(expected.signature, 'hex'), Buffer.from(auth.signature, 'hex'))
  );
}
