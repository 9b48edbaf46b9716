// What a share link or a remembered config may do. Ids (region, user pool, app client, identity pool) are applied;
// an endpoint or a managed login domain only when it is the region's own Cognito host or this machine. Anything
// else would send the sign-in somewhere else: the page shows the host and asks first, and it is never remembered.

import { LensError } from '../errors';
import { CONFIG_FIELDS, type PlaygroundConfig } from './config';
import { classifyHost, normalizeDomain, type HostVerdict } from '../cognito';

/**
 * A host a link wants the playground to use, waiting for the user's decision.
 *
 * @example
 * ```ts
 * const pending: HostToConfirm = { field: 'endpoint', value: 'https://evil.example', host: 'evil.example', sends: [...] };
 * ```
 */
export interface HostToConfirm {
  field: 'endpoint' | 'domain' | 'idpIssuer';
  value: string;
  host: string;
  /** What would go to that host, in plain words. */
  sends: string[];
}

/** An empty configuration: nothing of the sandbox preset. */
export const EMPTY_CONFIG: PlaygroundConfig = {
  region: '',
  userPoolId: '',
  clientId: '',
  domain: '',
  identityPoolId: '',
  endpoint: '',
  idpIssuer: '',
  idpClientId: ''
};

const SENDS: Record<HostToConfirm['field'], string[]> = {
  endpoint: [
    'your username, and with "Plain password" your password in clear (with SRP: values an attacker can use to guess it offline)',
    'your id, access and refresh tokens (refresh, sign-out, the identity pool)',
    'requests signed with your temporary AWS credentials (GetCallerIdentity)'
  ],
  domain: [
    'your browser, for the sign-in page: whatever you type there goes to that host',
    'the authorization code and the code verifier (to get your tokens)'
  ],
  idpIssuer: [
    "your browser, for that provider's sign-in page: whatever you type there goes to that host",
    'the authorization code and the code verifier; the id token it returns goes to the identity pool'
  ]
};

/**
 * The verdict for a config's endpoint, domain (a domain may be a bare prefix) or outside IdP issuer. An
 * issuer is never Cognito's own: it is trusted only on this machine (the sandbox's IdP).
 */
export function hostOf(
  config: Pick<PlaygroundConfig, 'region' | 'endpoint' | 'domain'> & { idpIssuer?: string },
  field: 'endpoint' | 'domain' | 'idpIssuer'
): HostVerdict {
  const value = (config[field] ?? '').trim();
  if (field === 'endpoint') return classifyHost(value, config.region, 'endpoint');
  if (field === 'idpIssuer') {
    const verdict = classifyHost(value, config.region, 'endpoint');
    return verdict.kind === 'loopback' || verdict.kind === 'invalid'
      ? verdict
      : { kind: 'foreign', host: verdict.host, origin: verdict.origin };
  }
  try {
    return classifyHost(normalizeDomain(value, config.region), config.region, 'domain');
  } catch {
    return { kind: 'invalid', host: '', origin: '' };
  }
}

/** The fields that name a host the browser or its requests would go to. */
const HOST_FIELDS = ['endpoint', 'domain', 'idpIssuer'] as const;

const trusted = (verdict: HostVerdict) => verdict.kind === 'cognito' || verdict.kind === 'loopback';

/**
 * Split what a link carries into what applies at once and the hosts to confirm. A link with any id starts from
 * an empty configuration, so nothing of the sandbox preset (its endpoint, its domain) stays behind it.
 *
 * @example
 * ```ts
 * reviewSharedConfig({ region: 'us-east-1', userPoolId, clientId, endpoint: 'https://abc.execute-api.us-east-1.amazonaws.com' });
 * // { apply: { ...EMPTY_CONFIG, region, userPoolId, clientId }, confirm: [{ field: 'endpoint', host: 'abc.execute-api…', … }] }
 * ```
 */
export function reviewSharedConfig(shared: Partial<PlaygroundConfig>): {
  apply: Partial<PlaygroundConfig>;
  confirm: HostToConfirm[];
} {
  const hasIds = (['region', 'userPoolId', 'clientId', 'identityPoolId', 'idpClientId'] as const).some(
    (field) => (shared[field] ?? '') !== ''
  );
  const apply: Partial<PlaygroundConfig> = hasIds ? { ...EMPTY_CONFIG } : {};
  for (const field of ['region', 'userPoolId', 'clientId', 'identityPoolId', 'idpClientId'] as const) {
    if (shared[field] !== undefined) apply[field] = shared[field];
  }
  const confirm: HostToConfirm[] = [];
  const region = shared.region ?? '';
  for (const field of HOST_FIELDS) {
    const value = shared[field];
    if (value === undefined || value.trim() === '') continue;
    const verdict = hostOf({ region, endpoint: '', domain: '', [field]: value }, field);
    if (trusted(verdict)) apply[field] = value;
    else confirm.push({ field, value, host: verdict.host || value, sends: SENDS[field] });
  }
  return { apply, confirm };
}

/**
 * What "Remember" may write, and what a remembered config may bring back: the ids, and the endpoint and domain
 * only when they are the region's own Cognito hosts or this machine.
 *
 * @example
 * ```ts
 * rememberable({ ...config, endpoint: 'https://evil.example' }).endpoint; // ''
 * ```
 */
export function rememberable(config: Partial<PlaygroundConfig>): Partial<PlaygroundConfig> {
  const out: Partial<PlaygroundConfig> = {};
  for (const field of CONFIG_FIELDS) if (config[field] !== undefined) out[field] = config[field];
  const region = config.region ?? '';
  for (const field of HOST_FIELDS) {
    const value = config[field];
    if (value === undefined || value.trim() === '') continue;
    if (!trusted(hostOf({ region, endpoint: '', domain: '', [field]: value }, field))) out[field] = '';
  }
  return out;
}

/**
 * Refuse USER_PASSWORD_AUTH (the password in clear in the request body) to a host that is neither AWS's
 * Cognito host for the region nor this machine.
 *
 * @example
 * ```ts
 * assertPlainPasswordAllowed({ region: 'us-east-1', endpoint: 'https://evil.example' }); // throws LensError
 * ```
 */
export function assertPlainPasswordAllowed(config: Pick<PlaygroundConfig, 'region' | 'endpoint'>): void {
  if (config.endpoint.trim() === '') return; // AWS's own endpoint for the region
  const verdict = classifyHost(config.endpoint, config.region, 'endpoint');
  if (trusted(verdict)) return;
  throw new LensError(
    'ERR_PLAIN_PASSWORD_FOREIGN_HOST',
    `"Plain password" would send your password in clear to ${verdict.host || config.endpoint}, which is neither Cognito's own host for ${config.region || 'the region'} nor this machine`,
    { details: { field: 'endpoint' } }
  );
}

/**
 * The hosts each kind of call goes to, for the page to say so before anything is sent.
 *
 * @example
 * ```ts
 * callHosts(config); // { userPool: 'cognito-idp.us-east-1.amazonaws.com', identity: '…', managedLogin: '…' }
 * ```
 */
export function callHosts(config: PlaygroundConfig): {
  userPool: string;
  identity: string;
  sts: string;
  managedLogin: string;
} {
  const region = config.region.trim() || '<region>';
  const override = hostOf(config, 'endpoint');
  const domain = config.domain.trim() === '' ? null : hostOf(config, 'domain');
  return {
    userPool:
      config.endpoint.trim() === ''
        ? `cognito-idp.${region}.amazonaws.com`
        : override.host || config.endpoint,
    identity:
      config.endpoint.trim() === ''
        ? `cognito-identity.${region}.amazonaws.com`
        : override.host || config.endpoint,
    // The AWS SDK v3 calls STS's regional endpoint.
    sts: config.endpoint.trim() === '' ? `sts.${region}.amazonaws.com` : override.host || config.endpoint,
    managedLogin: domain === null ? '' : domain.host || config.domain
  };
}
