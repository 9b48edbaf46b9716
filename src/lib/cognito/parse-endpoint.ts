import { CognitoInputError } from '../errors/lens-error';
import { cleanInput } from './clean-input';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function invalid(message: string, suggestion?: string): CognitoInputError {
  return new CognitoInputError('ERR_ENDPOINT_INVALID', message, {
    details: suggestion === undefined ? { field: 'endpoint' } : { field: 'endpoint', suggestion }
  });
}

/**
 * Validate an endpoint override, such as the local sandbox `http://127.0.0.1:9229`, and return its
 * origin (no trailing slash). Plain `http:` is accepted only on the loopback interface, where the
 * sandbox runs; elsewhere tokens and passwords must travel over https.
 *
 * @example
 * ```ts
 * parseEndpoint('http://127.0.0.1:9229/'); // 'http://127.0.0.1:9229'
 * parseEndpoint('http://example.com'); // throws ERR_ENDPOINT_INVALID
 * ```
 */
export function parseEndpoint(input: unknown): string {
  const value = cleanInput(input, 'endpoint', 'The endpoint');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    const guess = /^[\w.-]+(:\d+)?$/.test(value) ? `http://${value}` : undefined;
    throw invalid(`"${value}" is not a URL${guess === undefined ? '' : `; did you mean ${guess}?`}`, guess);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // `localhost:9229` parses as a URL whose scheme is "localhost".
    if (/^[\w.-]+:\d+$/.test(value)) {
      throw invalid(`"${value}" has no scheme; did you mean http://${value}?`, `http://${value}`);
    }
    throw invalid(`The endpoint must use http or https, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw invalid(
      'Plain http is only allowed for the local sandbox (127.0.0.1 or localhost); use https',
      `https://${url.host}`
    );
  }
  if (url.username !== '' || url.password !== '')
    throw invalid('The endpoint must not contain a user name or password');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw invalid(`Give only the origin, without a path: ${url.origin}`, url.origin);
  }
  return url.origin;
}
