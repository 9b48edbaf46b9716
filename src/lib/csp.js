// @ts-check
// The one Content-Security-Policy allow-list of the site. svelte.config.js builds the page CSP from it, and the
// pages ask it whether the browser will let them connect somewhere before they try. Plain JavaScript (with
// types in JSDoc) because svelte.config.js is loaded by Node as it is.

/**
 * Where the playground and the token inspector may send requests: Cognito and STS endpoints, managed login
 * domains, and this machine (the local sandbox).
 *
 * @example
 * CONNECT_SRC.includes('https://*.amazonaws.com') // true
 */
export const CONNECT_SRC = Object.freeze([
  'self',
  'https://*.amazonaws.com',
  'https://*.amazoncognito.com',
  'http://127.0.0.1:*',
  'http://localhost:*'
]);

/**
 * Where a form may post (managed login's own pages, the sandbox's).
 *
 * @example
 * FORM_ACTION.includes('https://*.amazoncognito.com') // true
 */
export const FORM_ACTION = Object.freeze([
  'self',
  'https://*.amazoncognito.com',
  'http://127.0.0.1:*',
  'http://localhost:*'
]);

/** @param {string} source a CSP host source such as `https://*.amazonaws.com` or `http://127.0.0.1:*` */
function sourcePattern(source) {
  const match = /^(https?):\/\/(\*\.)?([^:/*]+)(:\*)?$/.exec(source);
  if (match === null) throw new Error(`csp: cannot read the source ${source}`);
  const [, scheme, wildcard, host, anyPort] = match;
  const hostPattern = `${wildcard ? '(?:[a-z0-9-]+\\.)+' : ''}${String(host).replace(/\./g, '\\.')}`;
  return new RegExp(`^${scheme}://${hostPattern}${anyPort ? ':\\d{1,5}' : '(?::443)?'}/`, 'i');
}

const CONNECTABLE = CONNECT_SRC.filter((source) => source !== 'self').map(sourcePattern);

/**
 * True when this site's Content-Security-Policy lets the page fetch `uri` (`self` is `pageOrigin`).
 *
 * @example
 * isConnectable('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x/.well-known/jwks.json') // true
 * isConnectable('https://evil.example/jwks.json') // false
 *
 * @param {string} uri
 * @param {string} [pageOrigin]
 * @returns {boolean}
 */
export function isConnectable(uri, pageOrigin) {
  if (pageOrigin !== undefined && uri.startsWith(`${pageOrigin}/`)) return true;
  return CONNECTABLE.some((pattern) => pattern.test(uri));
}
