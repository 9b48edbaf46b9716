// "Copy as command": an AWS CLI v2 (or curl) command that reproduces a traced exchange, with <PLACEHOLDERS>
// where secrets were. It starts from the entry's redacted body and redacts again, so a real secret cannot
// reach the clipboard even from an entry built by hand.

import { isRedacted, redact, redactForm, redactHeaders, redactUrl } from './redact';
import { cliName, operationNamed, type Operation } from './operations';
import type { TraceEntry } from './types';

/**
 * Options of {@link toCliCommand}.
 *
 * @example
 * ```ts
 * const options: CliCommandOptions = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9229' };
 * ```
 */
export interface CliCommandOptions {
  region: string;
  /** An endpoint override (the sandbox): adds `--endpoint-url`. `null`, `undefined` or `''`: real AWS. */
  endpoint?: string | null;
}

/** STS query parameters that are integers in the CLI's JSON input. */
const STS_INTEGER_PARAMS: ReadonlySet<string> = new Set(['DurationSeconds']);

const SHELL_SAFE = /^[\w@%+=:,./-]+$/;

/**
 * Quote a word for a POSIX shell (bash, zsh): unchanged when it has only safe characters, otherwise in single
 * quotes, an embedded `'` written as `'\''`.
 *
 * @example
 * ```ts
 * shellQuote('us-east-1'); // 'us-east-1'
 * shellQuote('{"USERNAME":"o\'brien"}'); // `'{"USERNAME":"o'\''brien"}'`
 * ```
 */
export function shellQuote(word: string): string {
  const text = String(word);
  if (SHELL_SAFE.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * An API operation name as the AWS CLI spells it: `InitiateAuth` → `initiate-auth`,
 * `GetCredentialsForIdentity` → `get-credentials-for-identity`, `AssumeRoleWithSAML` → `assume-role-with-saml`.
 *
 * @example
 * ```ts
 * toCliOperationName('GetOpenIdToken'); // 'get-open-id-token'
 * ```
 */
export function toCliOperationName(operation: string): string {
  return cliName(operation);
}

/**
 * The placeholder shown instead of a secret: `<PASSWORD>`, `<AccessToken>`; in `Logins`, `<IdToken>` for a
 * user pool provider and `<Token>` for others.
 *
 * @example
 * ```ts
 * placeholderFor('PASSWORD'); // '<PASSWORD>'
 * placeholderFor('cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC', 'Logins'); // '<IdToken>'
 * ```
 */
export function placeholderFor(key: string, parentKey?: string): string {
  if (parentKey !== undefined && parentKey.toLowerCase() === 'logins') {
    return key.startsWith('cognito-idp.') ? '<IdToken>' : '<Token>';
  }
  const name = String(key).replace(/[^\w.-]/g, '');
  return `<${name === '' ? 'SECRET' : name}>`;
}

function withPlaceholders(value: unknown, key: string, parentKey: string | undefined): unknown {
  if (isRedacted(value)) return placeholderFor(key, parentKey);
  if (Array.isArray(value)) return value.map((item: unknown) => withPlaceholders(item, key, parentKey));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([childKey, child]) => [childKey, withPlaceholders(child, childKey, key)])
    );
  }
  return value;
}

function awsCommand(
  operation: Operation & { cli: string },
  input: Record<string, unknown> | null,
  options: CliCommandOptions,
  prefix: string[] = []
): string {
  const words = [...prefix, 'aws', ...operation.cli.split(' '), '--region', shellQuote(options.region)];
  if (typeof options.endpoint === 'string' && options.endpoint !== '') {
    words.push('--endpoint-url', shellQuote(options.endpoint));
  }
  if (!operation.signed) words.push('--no-sign-request');
  if (input !== null && Object.keys(input).length > 0) {
    words.push('--cli-input-json', shellQuote(JSON.stringify(input)));
  }
  return words.join(' ');
}

function jsonApiCommand(
  entry: TraceEntry,
  operation: Operation & { cli: string },
  options: CliCommandOptions
): string | null {
  let parsed: unknown;
  try {
    parsed = entry.requestBody.trim() === '' ? {} : JSON.parse(entry.requestBody);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const input = withPlaceholders(redact(parsed), '', undefined) as Record<string, unknown>;
  return awsCommand(operation, input, options);
}

function stsCommand(
  entry: TraceEntry,
  operation: Operation & { cli: string },
  options: CliCommandOptions
): string | null {
  const params = new URLSearchParams(redactForm(entry.requestBody));
  if (params.get('Action') !== entry.operation) return null;
  const input: Record<string, unknown> = {};
  for (const [name, value] of params) {
    if (name === 'Action' || name === 'Version') continue;
    // Lists and structures (PolicyArns.member.1.arn) would need the CLI's shorthand: not expressed here.
    if (!/^\w+$/.test(name)) return null;
    if (isRedacted(value)) input[name] = placeholderFor(name);
    else if (STS_INTEGER_PARAMS.has(name) && /^\d+$/.test(value)) input[name] = Number(value);
    else input[name] = value;
  }
  // The playground signs these with the temporary credentials it obtained, not with a CLI profile.
  const prefix = operation.signed ? [...SESSION_ENV] : [];
  return awsCommand(operation, input, options, prefix);
}

/** The temporary credentials a signed call was made with, as placeholder environment variables. */
const SESSION_ENV: readonly string[] = [
  `AWS_ACCESS_KEY_ID=${shellQuote('<AccessKeyId>')}`,
  `AWS_SECRET_ACCESS_KEY=${shellQuote('<SecretAccessKey>')}`,
  `AWS_SESSION_TOKEN=${shellQuote('<SessionToken>')}`
];

/**
 * Bucket and key of an S3 request: path-style (`/bucket/key`, the sandbox and any endpoint override) or
 * virtual-hosted (`bucket.s3.<region>.amazonaws.com/key`).
 */
function bucketAndKey(url: URL, pathStyle: boolean): { bucket: string; key: string } | null {
  const parts = url.pathname.split('/').slice(1).map(decodeURIComponentSafe);
  if (pathStyle) {
    const [bucket = '', ...key] = parts;
    return bucket === '' ? null : { bucket, key: key.join('/') };
  }
  const bucket = /^(.+)\.s3[.-]/.exec(url.hostname)?.[1];
  return bucket === undefined ? null : { bucket, key: parts.join('/') };
}

function s3Command(
  entry: TraceEntry,
  operation: Operation & { cli: string },
  options: CliCommandOptions
): string | null {
  let url: URL;
  try {
    url = new URL(entry.url);
  } catch {
    return null;
  }
  const endpoint = typeof options.endpoint === 'string' && options.endpoint !== '' ? options.endpoint : '';
  const target = bucketAndKey(url, endpoint !== '');
  if (target === null) return null;
  const words = [...SESSION_ENV, 'aws', ...operation.cli.split(' '), '--region', shellQuote(options.region)];
  if (endpoint !== '') words.push('--endpoint-url', shellQuote(endpoint));
  words.push('--bucket', shellQuote(target.bucket));
  if (operation.name === 'ListObjectsV2') {
    const prefix = url.searchParams.get('prefix');
    if (prefix !== null) words.push('--prefix', shellQuote(prefix));
    return words.join(' ');
  }
  if (target.key === '') return null;
  words.push('--key', shellQuote(target.key));
  if (operation.name === 'PutObject') words.push('--body', shellQuote('<file>'));
  if (operation.name === 'GetObject') words.push(shellQuote(target.key.split('/').pop() || 'download'));
  return words.join(' ');
}

function urlWithPlaceholders(url: string): string {
  const redacted = redactUrl(url);
  const replaceParams = (params: string): string =>
    params
      .split('&')
      .map((part) => {
        const equals = part.indexOf('=');
        if (equals === -1 || !isRedacted(part.slice(equals + 1))) return part;
        const name = part.slice(0, equals);
        return `${name}=${placeholderFor(decodeURIComponentSafe(name))}`;
      })
      .join('&');
  return redacted.replace(
    /([?#])([^#]*)/g,
    (_all, mark: string, params: string) => `${mark}${replaceParams(params)}`
  );
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function authorizationHeader(entry: TraceEntry): string | null {
  const headers = redactHeaders(entry.requestHeaders);
  const value = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  if (value === undefined) return null;
  const scheme = /^([A-Za-z0-9_-]+)\s/.exec(value)?.[1];
  if (scheme === undefined) return '<Authorization>';
  if (scheme.toLowerCase() === 'basic') return 'Basic <base64 of client_id:client_secret>';
  if (scheme.toLowerCase() === 'bearer') return 'Bearer <access_token>';
  return null; // e.g. an AWS signature: curl cannot produce one
}

function curlCommand(entry: TraceEntry): string | null {
  let url: URL;
  try {
    url = new URL(entry.url);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const words = ['curl'];
  const method = entry.method.toUpperCase();
  const authorization = authorizationHeader(entry);
  const hasAuthorization = Object.keys(entry.requestHeaders).some(
    (name) => name.toLowerCase() === 'authorization'
  );
  if (hasAuthorization && authorization === null) return null;
  const body = entry.requestBody;
  if (method !== 'GET' && method !== 'POST') words.push('-X', method);
  if (method === 'POST' && body === '') words.push('-X', 'POST');
  words.push(shellQuote(urlWithPlaceholders(entry.url)));
  if (authorization !== null) words.push('-H', shellQuote(`Authorization: ${authorization}`));
  if (body !== '') {
    if (body.trim().startsWith('{') || body.includes('\n')) return null;
    for (const [name, value] of new URLSearchParams(redactForm(body))) {
      const shown = isRedacted(value) ? placeholderFor(name) : value;
      words.push('--data-urlencode', shellQuote(`${name}=${shown}`));
    }
  }
  return words.join(' ');
}

/**
 * An AWS CLI v2 command (or, for the OAuth 2.0 endpoints and key sets, a `curl` command) that reproduces a
 * traced exchange, with placeholders such as `<PASSWORD>` or `<IdToken>` wherever a secret was: never a real
 * value and never a redaction marker. Cognito calls use `--cli-input-json` with the request body; operations
 * the catalogue marks unsigned get `--no-sign-request`; STS calls signed with the playground's temporary
 * credentials get them as placeholder environment variables. `--endpoint-url` when an endpoint override (the
 * sandbox) is given. `null` when the entry cannot be expressed (an operation the catalogue does not list,
 * an unreadable body, an STS list parameter...).
 *
 * @example
 * ```ts
 * toCliCommand(initiateAuthEntry, { region: 'us-east-1' });
 * // aws cognito-idp initiate-auth --region us-east-1 --no-sign-request --cli-input-json
 * //   '{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"…","AuthParameters":{"USERNAME":"alice","PASSWORD":"<PASSWORD>"}}'
 * ```
 */
export function toCliCommand(entry: TraceEntry, options: CliCommandOptions): string | null {
  if (entry === null || typeof entry !== 'object' || options === null || typeof options !== 'object')
    return null;
  if (typeof options.region !== 'string' || options.region === '') return null;
  if (typeof entry.requestBody !== 'string' || typeof entry.operation !== 'string') return null;
  if (typeof entry.url !== 'string' || typeof entry.method !== 'string') return null;
  if (entry.requestHeaders === null || typeof entry.requestHeaders !== 'object') return null;
  const operation = operationNamed(entry.operation);
  // Only what the catalogue knows: its CLI form and whether it is signed come from there.
  if (operation === undefined) {
    // An HTTP endpoint outside the catalogue (e.g. /oauth2/userInfo) is still plain curl; an AWS API is not.
    return entry.service === 'oauth2' || entry.service === 'jwks' ? curlCommand(entry) : null;
  }
  if (operation.service !== entry.service) return null;
  if (operation.cli === null) return curlCommand(entry);
  const cli = operation as Operation & { cli: string };
  if (operation.service === 's3') return s3Command(entry, cli, options);
  return operation.service === 'sts' ? stsCommand(entry, cli, options) : jsonApiCommand(entry, cli, options);
}
