// Whose host is it? The one place that decides whether an endpoint or a managed login domain is AWS's own
// Cognito host for the region, this machine (the local sandbox), or somewhere else. A link may only point the
// playground at the first two without asking; anything else needs the user's confirmation.
//
// AWS's own hosts: the service endpoints cognito-idp.<region>.amazonaws.com and
// cognito-identity.<region>.amazonaws.com with their -fips forms
// (https://docs.aws.amazon.com/general/latest/gr/cognito_identity.html), and the prefix domains
// <prefix>.auth.<region>.amazoncognito.com and <prefix>.auth-fips.<region>.amazoncognito.com
// (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html).

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * What a URL's host is, for a given region.
 *
 * @example
 * ```ts
 * const verdict: HostVerdict = { kind: 'foreign', host: 'abc123.execute-api.us-east-1.amazonaws.com', origin: 'https://…' };
 * ```
 */
export type HostVerdict =
  | { kind: 'cognito'; host: string; origin: string }
  | { kind: 'loopback'; host: string; origin: string }
  | { kind: 'foreign'; host: string; origin: string }
  | { kind: 'invalid'; host: ''; origin: '' };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Classify an endpoint override (`role: 'endpoint'`) or a managed login domain URL (`role: 'domain'`) for the
 * region. Only https counts as AWS's own; loopback may be http or https; a look-alike (`cognito-idp.us-east-1.
 * amazonaws.com.evil.example`, another region's host, an API Gateway or S3 host under amazonaws.com) is foreign.
 *
 * @example
 * ```ts
 * classifyHost('https://cognito-idp.eu-west-1.amazonaws.com', 'eu-west-1', 'endpoint').kind; // 'cognito'
 * classifyHost('https://abc.execute-api.eu-west-1.amazonaws.com', 'eu-west-1', 'endpoint').kind; // 'foreign'
 * classifyHost('https://my-app.auth.eu-west-1.amazoncognito.com', 'eu-west-1', 'domain').kind; // 'cognito'
 * classifyHost('http://127.0.0.1:9229', 'eu-west-1', 'endpoint').kind; // 'loopback'
 * ```
 */
export function classifyHost(url: string, region: string, role: 'endpoint' | 'domain'): HostVerdict {
  let parsed: URL;
  try {
    parsed = new URL(String(url).trim());
  } catch {
    return { kind: 'invalid', host: '', origin: '' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return { kind: 'invalid', host: '', origin: '' };
  const host = parsed.host.toLowerCase();
  const origin = parsed.origin;
  if (LOOPBACK_HOSTS.has(parsed.hostname.toLowerCase())) return { kind: 'loopback', host, origin };
  const r = escape(String(region).trim().toLowerCase());
  const own =
    role === 'endpoint'
      ? new RegExp(`^cognito-(?:idp|identity)(?:-fips)?\\.${r}\\.amazonaws\\.com$`)
      : new RegExp(`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.auth(?:-fips)?\\.${r}\\.amazoncognito\\.com$`);
  if (r !== '' && parsed.protocol === 'https:' && parsed.port === '' && own.test(host)) {
    return { kind: 'cognito', host, origin };
  }
  return { kind: 'foreign', host, origin };
}

/**
 * True for this machine's addresses (127.0.0.1, localhost, [::1]).
 *
 * @example
 * ```ts
 * isLoopbackHost('http://localhost:9229'); // true
 * ```
 */
export function isLoopbackHost(url: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname.toLowerCase());
  } catch {
    return false;
  }
}
