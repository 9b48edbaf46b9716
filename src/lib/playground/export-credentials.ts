// Exports of the temporary AWS credentials from the identity pool, for the user to paste into a terminal.
// Unlike everything else in the playground these carry the REAL secret values: the user asked to copy them.

import { shellQuote } from './cli-command';
import type { Credentials } from './types';

/**
 * Temporary AWS credentials as GetCredentialsForIdentity returns them, plus the region to use them in.
 *
 * @example
 * ```ts
 * const credentials: TemporaryCredentials = {
 *   accessKeyId: 'ASIA...', secretAccessKey: '...', sessionToken: '...',
 *   expiration: new Date(response.Credentials.Expiration * 1000), region: 'us-east-1'
 * };
 * ```
 */
export interface TemporaryCredentials extends Credentials {
  region: string;
}

const VALUES = /^[^\s]+$/;

function checked(credentials: TemporaryCredentials): TemporaryCredentials {
  if (credentials === null || typeof credentials !== 'object')
    throw new TypeError('Credentials are required');
  for (const name of ['accessKeyId', 'secretAccessKey', 'sessionToken', 'region'] as const) {
    const value: unknown = credentials[name];
    // No whitespace: a line break would break the ini file and the one-line commands.
    if (typeof value !== 'string' || !VALUES.test(value)) {
      throw new TypeError(`credentials.${name} must be a non-empty string without spaces`);
    }
  }
  if (!(credentials.expiration instanceof Date) || Number.isNaN(credentials.expiration.getTime())) {
    throw new TypeError('credentials.expiration must be a valid Date');
  }
  return credentials;
}

function expiry(credentials: TemporaryCredentials): string {
  return credentials.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Shell lines that put the credentials in the environment (`export AWS_ACCESS_KEY_ID=...`, the secret key,
 * the session token, `AWS_REGION`, and `AWS_DEFAULT_REGION` for older AWS CLIs), values shell-quoted when
 * needed, after a comment giving the expiry. CONTAINS THE REAL SECRET KEY AND SESSION TOKEN: show it only
 * on the user's explicit request, never log or trace it.
 *
 * @example
 * ```ts
 * toEnvExports(credentials);
 * // # Temporary AWS credentials from Cognito Lens, valid until 2025-01-01T13:00:00Z
 * // export AWS_ACCESS_KEY_ID=ASIA...
 * // export AWS_SECRET_ACCESS_KEY=...
 * // export AWS_SESSION_TOKEN=...
 * // export AWS_REGION=us-east-1
 * // export AWS_DEFAULT_REGION=us-east-1
 * ```
 */
export function toEnvExports(credentials: TemporaryCredentials): string {
  const c = checked(credentials);
  return [
    `# Temporary AWS credentials from Cognito Lens, valid until ${expiry(c)}`,
    `export AWS_ACCESS_KEY_ID=${shellQuote(c.accessKeyId)}`,
    `export AWS_SECRET_ACCESS_KEY=${shellQuote(c.secretAccessKey)}`,
    `export AWS_SESSION_TOKEN=${shellQuote(c.sessionToken)}`,
    `export AWS_REGION=${shellQuote(c.region)}`,
    `export AWS_DEFAULT_REGION=${shellQuote(c.region)}`,
    ''
  ].join('\n');
}

/**
 * A profile block for `~/.aws/credentials` (`[cognito-lens]` with `aws_access_key_id`,
 * `aws_secret_access_key`, `aws_session_token` and `region`), after a comment giving the expiry and how to use
 * it. CONTAINS THE REAL SECRET KEY AND SESSION TOKEN: show it only on the user's explicit request.
 *
 * @example
 * ```ts
 * toCredentialsProfile(credentials, 'cognito-lens');
 * // # Temporary AWS credentials from Cognito Lens, valid until 2025-01-01T13:00:00Z
 * // # Use with: aws sts get-caller-identity --profile cognito-lens
 * // [cognito-lens]
 * // aws_access_key_id = ASIA...
 * // ...
 * ```
 */
export function toCredentialsProfile(credentials: TemporaryCredentials, profile = 'cognito-lens'): string {
  const c = checked(credentials);
  if (typeof profile !== 'string' || !/^[\w.-]{1,64}$/.test(profile)) {
    throw new TypeError('A profile name has only letters, digits, "_", "." and "-"');
  }
  return [
    `# Temporary AWS credentials from Cognito Lens, valid until ${expiry(c)}`,
    `# Use with: aws sts get-caller-identity --profile ${profile}`,
    `[${profile}]`,
    `aws_access_key_id = ${c.accessKeyId}`,
    `aws_secret_access_key = ${c.secretAccessKey}`,
    `aws_session_token = ${c.sessionToken}`,
    `region = ${c.region}`,
    ''
  ].join('\n');
}

/**
 * A one-line AWS CLI command that proves the credentials work: `AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=...
 * AWS_SESSION_TOKEN=... aws sts get-caller-identity --region ...`, with `--endpoint-url` for the sandbox. The
 * variables apply to this command only. CONTAINS THE REAL SECRET KEY AND SESSION TOKEN.
 *
 * @example
 * ```ts
 * toGetCallerIdentityCommand(credentials, 'http://127.0.0.1:9229');
 * // 'AWS_ACCESS_KEY_ID=ASIA... AWS_SECRET_ACCESS_KEY=... AWS_SESSION_TOKEN=... aws sts get-caller-identity
 * //  --region us-east-1 --endpoint-url http://127.0.0.1:9229'
 * ```
 */
export function toGetCallerIdentityCommand(
  credentials: TemporaryCredentials,
  endpoint?: string | null
): string {
  const c = checked(credentials);
  const words = [
    `AWS_ACCESS_KEY_ID=${shellQuote(c.accessKeyId)}`,
    `AWS_SECRET_ACCESS_KEY=${shellQuote(c.secretAccessKey)}`,
    `AWS_SESSION_TOKEN=${shellQuote(c.sessionToken)}`,
    'aws',
    'sts',
    'get-caller-identity',
    '--region',
    shellQuote(c.region)
  ];
  if (typeof endpoint === 'string' && endpoint !== '') words.push('--endpoint-url', shellQuote(endpoint));
  return words.join(' ');
}
