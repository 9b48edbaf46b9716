// The one parser of managed login domains: what the playground accepts in the domain field (a prefix, a Cognito
// domain, a custom domain, a URL), the specific problem when it is not usable, and the origin it stands for.
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html

import { isLoopbackHost } from './classify-host';
import { parseRegion } from './parse-region';
import { REGION_SOURCE } from './patterns';

/**
 * Codes of the problems {@link validateConfig} finds in the `domain` field (the other fields use the codes of
 * `CognitoInputError`).
 *
 * @example
 * ```ts
 * DOMAIN_PROBLEM_CODES.includes('ERR_DOMAIN_NOT_HTTPS'); // true
 * ```
 */
export const DOMAIN_PROBLEM_CODES = [
  'ERR_DOMAIN_INVALID',
  'ERR_DOMAIN_NOT_HTTPS',
  'ERR_DOMAIN_HAS_PATH',
  'ERR_DOMAIN_REGION_MISMATCH',
  'ERR_DOMAIN_IS_API_ENDPOINT'
] as const;

/**
 * Why a domain is not usable: a stable code, a message, and a corrected value when there is one.
 *
 * @example
 * ```ts
 * const problem: DomainProblem = { code: 'ERR_DOMAIN_HAS_PATH', message: 'Give only the domain…', suggestion: 'https://x' };
 * ```
 */
export interface DomainProblem {
  code: (typeof DOMAIN_PROBLEM_CODES)[number];
  message: string;
  suggestion?: string;
}

const COGNITO_DOMAIN = new RegExp(
  `^(?<prefix>[a-z0-9-]+)\\.auth(?:-fips)?\\.(?<region>${REGION_SOURCE})\\.amazoncognito\\.com$`
);
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const API_HOST = /^(?:cognito-idp|cognito-identity|sts)(?:-fips)?\.[\w-]+\.amazonaws\.com(?:\.cn)?$/;

function domainProblem(
  code: (typeof DOMAIN_PROBLEM_CODES)[number],
  message: string,
  suggestion?: string
): DomainProblem {
  return suggestion === undefined ? { code, message } : { code, message, suggestion };
}

function checkCognitoHost(host: string, region: string | null): DomainProblem | null {
  const match = COGNITO_DOMAIN.exec(host);
  if (match?.groups?.region !== undefined && region !== null && match.groups.region !== region) {
    return domainProblem(
      'ERR_DOMAIN_REGION_MISMATCH',
      `This domain is in ${match.groups.region}, but the region is set to ${region}`
    );
  }
  if (match === null && host.endsWith('.amazoncognito.com')) {
    return domainProblem(
      'ERR_DOMAIN_INVALID',
      'A Cognito domain looks like my-prefix.auth.us-east-1.amazoncognito.com'
    );
  }
  if (API_HOST.test(host)) {
    return domainProblem(
      'ERR_DOMAIN_IS_API_ENDPOINT',
      `${host} is an API endpoint, not the managed login domain (App integration > Domain in the console), such as my-prefix.auth.us-east-1.amazoncognito.com`
    );
  }
  return null;
}

/**
 * Check the managed login domain: a prefix (`my-prefix`), a Cognito domain
 * (`my-prefix.auth.us-east-1.amazoncognito.com`), a custom domain (`auth.example.com`) or a full URL. Must be
 * https, except http on loopback (the sandbox); a URL must have no path, query or fragment.
 */
export function validateDomain(value: string, region: string | null): DomainProblem | null {
  if (value.includes('://')) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return domainProblem('ERR_DOMAIN_INVALID', `"${value}" is not a valid URL`);
    }
    const loopback = isLoopbackHost(url.href);
    if (url.protocol === 'http:' && !loopback) {
      return domainProblem(
        'ERR_DOMAIN_NOT_HTTPS',
        'Plain http is only allowed for the local sandbox (127.0.0.1 or localhost); use https',
        `https://${url.host}`
      );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return domainProblem(
        'ERR_DOMAIN_NOT_HTTPS',
        `The domain must use https, not ${url.protocol.replace(/:$/, '')}`
      );
    }
    if (url.username !== '' || url.password !== '') {
      return domainProblem('ERR_DOMAIN_INVALID', 'The domain must not contain a user name or password');
    }
    if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
      return domainProblem(
        'ERR_DOMAIN_HAS_PATH',
        `Give only the domain, without a path (such as /login or /oauth2/authorize): ${url.origin}`,
        url.origin
      );
    }
    return loopback ? null : checkCognitoHost(url.hostname, region);
  }
  if (/\s/.test(value)) return domainProblem('ERR_DOMAIN_INVALID', 'A domain has no spaces in it');
  const pathStart = value.search(/[/?#]/);
  if (pathStart !== -1) {
    const host = value.slice(0, pathStart);
    return domainProblem(
      'ERR_DOMAIN_HAS_PATH',
      `Give only the domain, without a path: ${host}`,
      host === '' ? undefined : host
    );
  }
  if (!value.includes('.')) {
    if (DOMAIN_PREFIX.test(value)) return null;
    return domainProblem(
      'ERR_DOMAIN_INVALID',
      'A domain prefix has only lower-case letters, digits and hyphens (not at either end)',
      DOMAIN_PREFIX.test(value.toLowerCase()) ? value.toLowerCase() : undefined
    );
  }
  const host = value.replace(/\.$/, '');
  if (!HOSTNAME.test(host)) return domainProblem('ERR_DOMAIN_INVALID', `"${value}" is not a domain name`);
  return checkCognitoHost(host.toLowerCase(), region);
}

/**
 * The origin a domain field stands for: a prefix becomes `https://<prefix>.auth.<region>.amazoncognito.com`, a
 * host gets https, a URL keeps its origin (and any path, without trailing slashes).
 *
 * @example
 * ```ts
 * normalizeDomain('my-app', 'eu-west-1'); // 'https://my-app.auth.eu-west-1.amazoncognito.com'
 * ```
 */
export function normalizeDomain(domain: string, region: string): string {
  if (typeof domain !== 'string' || domain.trim() === '') throw new TypeError('The domain is required');
  const value = domain.trim();
  if (value.includes('://')) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new TypeError(`"${value}" is not a URL`);
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  if (/^[a-z0-9-]+$/i.test(value)) {
    return `https://${value.toLowerCase()}.auth.${parseRegion(region)}.amazoncognito.com`;
  }
  return `https://${value.replace(/\/+$/, '')}`;
}
