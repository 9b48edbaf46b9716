import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  toCredentialsProfile,
  toEnvExports,
  toGetCallerIdentityCommand,
  type TemporaryCredentials
} from '../../../src/lib/playground/export-credentials';

const CREDENTIALS: TemporaryCredentials = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEAoaCXVzLWVhc3QtMSJHMEUCIQD+example/token==',
  expiration: new Date('2023-11-14T23:13:20.000Z'),
  region: 'us-east-1'
};

describe('toEnvExports', () => {
  it('writes export lines with the real values', () => {
    expect(toEnvExports(CREDENTIALS)).toBe(
      [
        '# Temporary AWS credentials from Cognito Lens, valid until 2023-11-14T23:13:20Z',
        'export AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE12',
        'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'export AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEAoaCXVzLWVhc3QtMSJHMEUCIQD+example/token==',
        'export AWS_REGION=us-east-1',
        'export AWS_DEFAULT_REGION=us-east-1',
        ''
      ].join('\n')
    );
  });

  it('gives the shell back exactly the values, even with characters that need quoting', () => {
    const odd = { ...CREDENTIALS, secretAccessKey: "it's$(id)`x`", sessionToken: 'a;b|c&d' };
    const script = `${toEnvExports(odd)}printf '%s|%s|%s|%s' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_REGION"`;
    expect(execFileSync('sh', ['-c', script], { encoding: 'utf8' })).toBe(
      `ASIAEXAMPLEEXAMPLE12|it's$(id)\`x\`|a;b|c&d|us-east-1`
    );
  });
});

describe('toCredentialsProfile', () => {
  it('writes an ~/.aws/credentials block', () => {
    expect(toCredentialsProfile(CREDENTIALS)).toBe(
      [
        '# Temporary AWS credentials from Cognito Lens, valid until 2023-11-14T23:13:20Z',
        '# Use with: aws sts get-caller-identity --profile cognito-lens',
        '[cognito-lens]',
        'aws_access_key_id = ASIAEXAMPLEEXAMPLE12',
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'aws_session_token = IQoJb3JpZ2luX2VjEAoaCXVzLWVhc3QtMSJHMEUCIQD+example/token==',
        'region = us-east-1',
        ''
      ].join('\n')
    );
  });

  it('uses the given profile name and refuses one that would break the file', () => {
    expect(toCredentialsProfile(CREDENTIALS, 'sandbox')).toContain('\n[sandbox]\n');
    expect(() => toCredentialsProfile(CREDENTIALS, 'a]\n[b')).toThrow(/profile name/);
  });
});

describe('toGetCallerIdentityCommand', () => {
  it('writes the one-liner for AWS', () => {
    expect(toGetCallerIdentityCommand(CREDENTIALS)).toBe(
      'AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE12 AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEAoaCXVzLWVhc3QtMSJHMEUCIQD+example/token== aws sts get-caller-identity --region us-east-1'
    );
  });

  it('adds --endpoint-url for the sandbox', () => {
    expect(toGetCallerIdentityCommand(CREDENTIALS, 'http://127.0.0.1:9229')).toBe(
      'AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE12 AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEAoaCXVzLWVhc3QtMSJHMEUCIQD+example/token== aws sts get-caller-identity --region us-east-1 --endpoint-url http://127.0.0.1:9229'
    );
    expect(toGetCallerIdentityCommand(CREDENTIALS, '')).not.toContain('--endpoint-url');
    expect(toGetCallerIdentityCommand(CREDENTIALS, null)).not.toContain('--endpoint-url');
  });
});

describe('input checks', () => {
  it.each([
    ['an empty access key id', { ...CREDENTIALS, accessKeyId: '' }],
    ['a secret key with a line break', { ...CREDENTIALS, secretAccessKey: 'abc\ndef' }],
    ['a missing session token', { ...CREDENTIALS, sessionToken: undefined }],
    ['an invalid expiration', { ...CREDENTIALS, expiration: new Date('nope') }],
    ['epoch seconds instead of a Date', { ...CREDENTIALS, expiration: 1700003600 }]
  ])('refuses %s', (_name, credentials) => {
    expect(() => toEnvExports(credentials as unknown as TemporaryCredentials)).toThrow(TypeError);
    expect(() => toCredentialsProfile(credentials as unknown as TemporaryCredentials)).toThrow(TypeError);
    expect(() => toGetCallerIdentityCommand(credentials as unknown as TemporaryCredentials)).toThrow(
      TypeError
    );
  });
});
