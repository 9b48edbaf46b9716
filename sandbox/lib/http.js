// @ts-check
// HTTP plumbing shared by every route: CORS for browser apps on other origins, a bounded body reader, and the
// AWS JSON 1.1 response format.

export const MAX_BODY_BYTES = 1024 * 1024;
// Past this the sandbox stops draining an oversized body and drops the connection.
const MAX_DRAIN_BYTES = 64 * MAX_BODY_BYTES;

// What the AWS SDKs and amazon-cognito-identity-js send from a browser.
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'cache-control',
  'x-amz-target',
  'x-amz-user-agent',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'amz-sdk-invocation-id',
  'amz-sdk-request'
];
const EXPOSED_HEADERS = [
  'x-amzn-requestid',
  'x-amzn-errortype',
  'x-amzn-errormessage',
  'x-amz-request-id',
  'date'
];

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function setCorsHeaders(req, res) {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
  if (req.method !== 'OPTIONS') return;
  // Also allow whatever else a preflight asks for: a newer SDK may add a header, and this is a local sandbox.
  const requested = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => /^[a-z0-9-]+$/.test(name));
  res.setHeader('Access-Control-Allow-Headers', [...new Set([...ALLOWED_HEADERS, ...requested])].join(', '));
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Max-Age', '86400');
}

/**
 * Reads the whole body, keeping at most `limit` bytes (MAX_BODY_BYTES unless the route has its own, as S3 uploads
 * do). An oversized body is still drained, so the client can read the 400 that follows instead of seeing a reset
 * connection.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} [limit]
 * @returns {Promise<{body: Buffer, tooLarge: boolean}>}
 */
export function readBody(req, limit = MAX_BODY_BYTES) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit + MAX_DRAIN_BYTES) req.destroy();
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge: size > limit }));
    req.on('error', reject);
  });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} contentType
 * @param {string} body
 */
export function send(res, status, contentType, body) {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * AWS JSON 1.1: timestamps are epoch seconds.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} value
 */
export function sendAwsJson(res, status, value) {
  const body = JSON.stringify(value, function epochSeconds(key, item) {
    const original = this[key];
    return original instanceof Date ? Math.floor(original.getTime() / 1000) : item;
  });
  send(res, status, 'application/x-amz-json-1.1', body);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} value
 */
export const sendJson = (res, status, value) => send(res, status, 'application/json', JSON.stringify(value));
