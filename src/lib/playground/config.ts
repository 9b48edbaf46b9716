// The playground's configuration: what the user types (ids and URLs, never a secret), its validation with
// specific messages, the share link, and remembering it in this browser on request (storage injected).

import {
  parseAppClientId,
  parseEndpoint,
  parseIdentityPoolId,
  parseRegion,
  parseUserPoolId
} from '../cognito';
import { cleanInput } from '../cognito/clean-input';
import { isLoopbackHost } from '../cognito/classify-host';
import { validateDomain, DOMAIN_PROBLEM_CODES } from '../cognito/parse-domain';

export { DOMAIN_PROBLEM_CODES };
import { REGION } from '../cognito/patterns';
import { LensError } from '../errors';

/**
 * What the playground talks to. Every field is text as typed; `''` means "not set" for the optional ones
 * (`domain`, `identityPoolId`, `endpoint`).
 *
 * @example
 * ```ts
 * const config: PlaygroundConfig = {
 *   region: 'us-east-1', userPoolId: 'us-east-1_67v371xWw', clientId: 'l2vncrxu1rw37fa8zaozr7d3rh',
 *   domain: '', identityPoolId: '', endpoint: 'http://127.0.0.1:9229'
 * };
 * ```
 */
export interface PlaygroundConfig {
  region: string;
  userPoolId: string;
  clientId: string;
  /** Managed login (hosted UI) domain: a prefix, `x.auth.<region>.amazoncognito.com`, a custom domain or a URL. */
  domain: string;
  identityPoolId: string;
  /** One endpoint override for all services (the sandbox serves all on one port); `''` = real AWS. */
  endpoint: string;
  /**
   * An OpenID provider the identity pool trusts directly (identity pool federation): its issuer, exactly as
   * its tokens' `iss` says (`https://accounts.google.com`). `''` = not used.
   */
  idpIssuer: string;
  /** The playground's public client at that provider (PKCE, no secret). `''` = not used. */
  idpClientId: string;
}

/**
 * The name of one configuration field.
 *
 * @example
 * ```ts
 * const field: ConfigField = 'userPoolId';
 * ```
 */
export type ConfigField = keyof PlaygroundConfig;

/**
 * Why a field is not usable. `code` is stable (switch on it): the codes of `CognitoInputError` for the fields
 * the Cognito parsers check, and {@link DOMAIN_PROBLEM_CODES} for the domain. `suggestion` is a corrected value
 * for this field; `moveTo` names the field the value belongs in (an identity pool id typed as the user pool id).
 *
 * @example
 * ```ts
 * const problem: FieldProblem = {
 *   field: 'userPoolId', code: 'ERR_USER_POOL_ID_IS_IDENTITY_POOL_ID',
 *   message: 'eu-west-1:1a2b... is an identity pool id (region:GUID), not a user pool id', moveTo: 'identityPoolId'
 * };
 * ```
 */
export interface FieldProblem {
  field: ConfigField;
  code: string;
  message: string;
  suggestion?: string;
  moveTo?: ConfigField;
}

/**
 * The configuration fields, in form order.
 *
 * @example
 * ```ts
 * for (const field of CONFIG_FIELDS) params.get(field);
 * ```
 */
export const CONFIG_FIELDS: readonly ConfigField[] = [
  'region',
  'userPoolId',
  'clientId',
  'domain',
  'identityPoolId',
  'endpoint',
  'idpIssuer',
  'idpClientId'
];

/**
 * The longest value accepted for a field from a share link or from storage.
 *
 * @example
 * ```ts
 * configFromParams(new URLSearchParams({ region: 'x'.repeat(MAX_FIELD_LENGTH + 1) })); // {}
 * ```
 */
export const MAX_FIELD_LENGTH = 256;

/**
 * Where {@link saveConfig} keeps the configuration.
 *
 * @example
 * ```ts
 * localStorage.getItem(CONFIG_STORAGE_KEY);
 * ```
 */
export const CONFIG_STORAGE_KEY = 'cognito-lens:playground-config';

const OPTIONAL_FIELDS: ReadonlySet<ConfigField> = new Set(['domain', 'identityPoolId', 'endpoint']);

/** The longest client id accepted at an outside IdP (Google's are about 72 characters). */
const MAX_IDP_CLIENT_ID = 200;

/**
 * Check an outside OpenID provider's issuer: an https URL (http only on this machine), without query or
 * fragment, not its discovery document's address, not a user pool (those go in the user pool fields: their
 * tokens reach the identity pool under the user pool's provider name). Returns the problem, or `null`.
 *
 * @example
 * ```ts
 * checkIdpIssuer('https://accounts.google.com/.well-known/openid-configuration')?.suggestion;
 * // 'https://accounts.google.com'
 * ```
 */
export function checkIdpIssuer(value: string): Omit<FieldProblem, 'field'> | null {
  const typed = value.trim();
  if (typed === '') return { code: 'ERR_INPUT_EMPTY', message: 'Enter the issuer of the OpenID provider' };
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    const suggestion = /^[\w.-]+\.[a-z]{2,}(?:\/\S*)?$/i.test(typed) ? `https://${typed}` : undefined;
    return {
      code: 'ERR_IDP_ISSUER_NOT_URL',
      message: `The issuer is a URL such as https://accounts.google.com${suggestion ? `: did you mean ${suggestion}?` : ''}`,
      ...(suggestion ? { suggestion } : {})
    };
  }
  const discovery = /\/\.well-known\/openid-configuration\/?$/;
  if (discovery.test(url.pathname)) {
    const suggestion = `${url.origin}${url.pathname.replace(discovery, '')}`;
    return {
      code: 'ERR_IDP_ISSUER_IS_DISCOVERY',
      message: `That is the discovery document's address; the issuer is ${suggestion}`,
      suggestion
    };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(typed))) {
    return {
      code: 'ERR_IDP_ISSUER_NOT_HTTPS',
      message: 'An OpenID provider is reached over https (plain http only on this machine, for the sandbox)'
    };
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return {
      code: 'ERR_IDP_ISSUER_EXTRA',
      message: 'An issuer has no query, fragment or user name: copy it from the iss claim of a token',
      suggestion: `${url.origin}${url.pathname === '/' ? '' : url.pathname}`
    };
  }
  if (/^cognito-idp\.[a-z0-9-]+\.amazonaws\.com$/.test(url.hostname)) {
    return {
      code: 'ERR_IDP_ISSUER_IS_USER_POOL',
      message:
        'That is a user pool: put its id in the user pool field instead (the identity pool already knows user pools by name)'
    };
  }
  return null;
}

/**
 * Check a client id at an outside OpenID provider: text without spaces, not an issuer URL.
 *
 * @example
 * ```ts
 * checkIdpClientId('lens-playground'); // null
 * ```
 */
export function checkIdpClientId(value: string): Omit<FieldProblem, 'field'> | null {
  const typed = value.trim();
  if (typed === '') {
    return {
      code: 'ERR_INPUT_EMPTY',
      message: 'Enter the client id the OpenID provider gave this playground'
    };
  }
  if (/^https?:\/\//i.test(typed)) {
    return {
      code: 'ERR_IDP_CLIENT_ID_IS_URL',
      message: 'That is a URL: the client id is the name the provider gave your app (the issuer goes above)',
      moveTo: 'idpIssuer'
    };
  }
  if (/\s/.test(typed) || typed.length > MAX_IDP_CLIENT_ID) {
    return {
      code: 'ERR_IDP_CLIENT_ID_FORMAT',
      message: `A client id is one word of at most ${MAX_IDP_CLIENT_ID} characters, without spaces`
    };
  }
  return null;
}

/**
 * True when a URL points at this machine (127.0.0.1, localhost, [::1]): the local sandbox, not AWS.
 *
 * @example
 * ```ts
 * isLoopbackUrl('http://127.0.0.1:9229'); // true
 * isLoopbackUrl('https://cognito-idp.us-east-1.amazonaws.com'); // false
 * ```
 */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(url) && new URL(url).hostname !== '';
  } catch {
    return false;
  }
}

function fieldText(config: PlaygroundConfig, field: ConfigField): string {
  const value: unknown = (config as unknown as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : '';
}

function problemFrom(field: ConfigField, error: unknown): FieldProblem {
  if (error instanceof LensError) {
    const details = error.details ?? {};
    const problem: FieldProblem = { field, code: error.code, message: error.message };
    if (typeof details.suggestion === 'string') problem.suggestion = details.suggestion;
    if (error.code === 'ERR_USER_POOL_ID_IS_IDENTITY_POOL_ID') problem.moveTo = 'identityPoolId';
    if (error.code === 'ERR_IDENTITY_POOL_ID_IS_USER_POOL_ID') problem.moveTo = 'userPoolId';
    if (error.code === 'ERR_CLIENT_ID_IS_POOL_ID') {
      problem.moveTo = details.kind === 'identityPool' ? 'identityPoolId' : 'userPoolId';
    }
    return problem;
  }
  return { field, code: 'ERR_UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}

/** Run one parser; on failure record its problem and return `null`. */
function check<T>(problems: FieldProblem[], field: ConfigField, run: () => T): T | null {
  try {
    return run();
  } catch (error) {
    problems.push(problemFrom(field, error));
    return null;
  }
}

function poolRegion(userPoolId: string): string | null {
  const prefix = userPoolId.trim().split('_')[0] ?? '';
  return REGION.test(prefix) ? prefix : null;
}

/**
 * Check every field and return one problem per unusable field (empty list: usable). Messages are specific:
 * a pool id whose region prefix disagrees with the region, an identity pool id pasted into the user pool
 * field and the other way round, a client secret or pool id as the client id, a domain that is not https or
 * has a path, an endpoint with plain http off loopback. With a loopback endpoint (the sandbox), sandbox pool
 * ids such as `local_AbC123` are accepted.
 *
 * @example
 * ```ts
 * validateConfig({ ...config, userPoolId: 'eu-west-1_AbC123xyz', region: 'us-east-1' });
 * // [{ field: 'userPoolId', code: 'ERR_USER_POOL_ID_REGION_MISMATCH',
 * //    message: 'The user pool id is in eu-west-1, but the region is set to us-east-1', suggestion: 'eu-west-1' }]
 * ```
 */
export function validateConfig(config: PlaygroundConfig): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (config === null || typeof config !== 'object') {
    return [{ field: 'region', code: 'ERR_INPUT_EMPTY', message: 'The configuration is empty' }];
  }
  const text = (field: ConfigField): string => fieldText(config, field);
  const endpoint = text('endpoint');
  const sandbox = endpoint.trim() !== '' && isLoopbackUrl(endpoint.trim());

  const region = check(problems, 'region', () => parseRegion(text('region')));
  const regionProblem = problems.find((problem) => problem.field === 'region');
  const fromPool = poolRegion(text('userPoolId'));
  if (regionProblem?.code === 'ERR_INPUT_EMPTY' && fromPool !== null) {
    regionProblem.message = `The region is empty; the user pool id says ${fromPool}`;
    regionProblem.suggestion = fromPool;
  }
  const regionOption = region === null ? {} : { region };

  check(problems, 'userPoolId', () => {
    const value = text('userPoolId');
    // A sandbox id's pseudo-region (local_AbC123) cannot agree with a real region: do not compare them.
    const compare = sandbox && poolRegion(value) === null ? {} : regionOption;
    return parseUserPoolId(value, { ...compare, sandbox });
  });
  check(problems, 'clientId', () => parseAppClientId(text('clientId')));
  for (const field of OPTIONAL_FIELDS) {
    const value = text(field);
    if (value === '') continue;
    if (field === 'domain') {
      const cleaned = check(problems, 'domain', () => cleanInput(value, 'domain', 'The domain'));
      const problem = cleaned === null ? null : validateDomain(cleaned, region);
      if (problem !== null) problems.push({ field: 'domain', ...problem });
    } else if (field === 'identityPoolId') {
      check(problems, field, () => parseIdentityPoolId(value, regionOption));
    } else {
      check(problems, field, () => parseEndpoint(value));
    }
  }
  // Identity pool federation with an outside provider: both fields or neither.
  const issuer = text('idpIssuer');
  const idpClient = text('idpClientId');
  if (issuer.trim() !== '' || idpClient.trim() !== '') {
    const issuerProblem = checkIdpIssuer(issuer);
    if (issuerProblem !== null) problems.push({ field: 'idpIssuer', ...issuerProblem });
    const clientProblem = checkIdpClientId(idpClient);
    if (clientProblem !== null) problems.push({ field: 'idpClientId', ...clientProblem });
  }
  return problems;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function acceptable(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_FIELD_LENGTH && !hasControlCharacter(value);
}

function pickFields(source: (field: ConfigField) => unknown): Partial<PlaygroundConfig> {
  const out: Partial<PlaygroundConfig> = {};
  for (const field of CONFIG_FIELDS) {
    const value = source(field);
    if (acceptable(value)) out[field] = value;
  }
  return out;
}

/**
 * The configuration as share-link parameters (`?region=...&userPoolId=...`): only the configuration fields, only
 * those set. The configuration holds no secret, and nothing else is ever added.
 *
 * @example
 * ```ts
 * `${location.origin}/playground?${configToParams(config)}`;
 * ```
 */
export function configToParams(config: PlaygroundConfig): URLSearchParams {
  const params = new URLSearchParams();
  if (config === null || typeof config !== 'object') return params;
  for (const field of CONFIG_FIELDS) {
    const value = fieldText(config, field);
    if (value !== '') params.set(field, value);
  }
  return params;
}

/**
 * Read a share link's parameters back: the known fields only, ignoring unknown parameters and values that are
 * too long ({@link MAX_FIELD_LENGTH}) or contain control characters. Validate the result like typed input.
 *
 * @example
 * ```ts
 * configFromParams(new URL(location.href).searchParams); // { region: 'us-east-1', userPoolId: '...' }
 * ```
 */
export function configFromParams(params: URLSearchParams): Partial<PlaygroundConfig> {
  if (!(params instanceof URLSearchParams)) return {};
  return pickFields((field) => params.get(field) ?? undefined);
}

/**
 * Remember the configuration in this browser (only the configuration fields, whatever else the object carries).
 * Throws what the storage throws (quota, storage disabled), so the page can say it was not saved.
 *
 * @example
 * ```ts
 * saveConfig(localStorage, config);
 * ```
 */
export function saveConfig(storage: Pick<Storage, 'setItem'>, config: PlaygroundConfig): void {
  const picked: Partial<PlaygroundConfig> = {};
  for (const field of CONFIG_FIELDS) picked[field] = fieldText(config, field);
  storage.setItem(CONFIG_STORAGE_KEY, JSON.stringify(picked));
}

/**
 * The remembered configuration, or `null` when there is none or it is unreadable (garbage, wrong shape,
 * storage disabled). Unknown, non-text and oversized values are dropped.
 *
 * @example
 * ```ts
 * const saved = loadConfig(localStorage);
 * if (saved) config = { ...config, ...saved };
 * ```
 */
export function loadConfig(storage: Pick<Storage, 'getItem'>): Partial<PlaygroundConfig> | null {
  let raw: string | null;
  try {
    raw = storage.getItem(CONFIG_STORAGE_KEY);
  } catch {
    return null;
  }
  if (typeof raw !== 'string' || raw.length > MAX_FIELD_LENGTH * CONFIG_FIELDS.length * 8) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  const picked = pickFields((field) => (Object.hasOwn(record, field) ? record[field] : undefined));
  return Object.keys(picked).length === 0 ? null : picked;
}

/**
 * Forget the remembered configuration.
 *
 * @example
 * ```ts
 * forgetConfig(localStorage);
 * ```
 */
export function forgetConfig(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(CONFIG_STORAGE_KEY);
}

/**
 * Who the playground is talking to, for a clear banner: the local sandbox (loopback endpoint), AWS in the
 * region (no endpoint), or a custom endpoint.
 *
 * @example
 * ```ts
 * describeTarget({ ...config, endpoint: 'http://127.0.0.1:9229' });
 * // { kind: 'sandbox', label: 'Local sandbox at http://127.0.0.1:9229' }
 * describeTarget({ ...config, endpoint: '', region: 'eu-west-1' }); // { kind: 'aws', label: 'AWS, region eu-west-1' }
 * ```
 */
export function describeTarget(config: PlaygroundConfig): {
  kind: 'sandbox' | 'aws' | 'custom';
  label: string;
} {
  const endpoint = config === null || typeof config !== 'object' ? '' : fieldText(config, 'endpoint').trim();
  if (endpoint === '') {
    const region = config === null || typeof config !== 'object' ? '' : fieldText(config, 'region').trim();
    return { kind: 'aws', label: region === '' ? 'AWS (no region set)' : `AWS, region ${region}` };
  }
  let shown = endpoint;
  try {
    shown = new URL(endpoint).origin;
  } catch {
    // Shown as typed; validateConfig explains what is wrong with it.
  }
  if (isLoopbackUrl(endpoint)) return { kind: 'sandbox', label: `Local sandbox at ${shown}` };
  return { kind: 'custom', label: `Custom endpoint ${shown}` };
}
