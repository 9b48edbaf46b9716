import { describe, expect, it } from 'vitest';
import { describeClaim } from '../../../src/lib/tokens';

// Every claim the issue and cognito.md name, plus the header parameters.
const PAYLOAD = [
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'nbf',
  'jti',
  'auth_time',
  'token_use',
  'client_id',
  'scope',
  'username',
  'cognito:username',
  'cognito:groups',
  'cognito:roles',
  'cognito:preferred_role',
  'origin_jti',
  'event_id',
  'identities',
  'device_key',
  'version',
  'amr',
  'acr',
  'at_hash',
  'nonce',
  'email',
  'email_verified',
  'phone_number',
  'phone_number_verified',
  'given_name',
  'family_name',
  'name',
  'locale',
  'updated_at',
  'address',
  'birthdate',
  'preferred_username',
  'picture',
  'zoneinfo'
];
const HEADER = ['kid', 'alg', 'typ', 'enc', 'cty', 'zip', 'jku', 'jwk', 'x5c', 'crit'];
const TIME = ['exp', 'iat', 'nbf', 'auth_time', 'updated_at'];
const COGNITO_ID_TOKEN =
  'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html';
const COGNITO_ACCESS_TOKEN =
  'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html';

describe('describeClaim', () => {
  it.each(PAYLOAD.map((name) => [name]))('knows %s, with a one-line meaning and an https link', (name) => {
    const info = describeClaim(name);
    expect(info.known).toBe(true);
    expect(info.name).toBe(name);
    expect(info.meaning).not.toMatch(/\n/);
    expect(info.meaning.length).toBeGreaterThan(10);
    expect(info.link.href).toMatch(/^https:\/\//);
    expect(info.link.title).not.toBe('');
    expect(info.time).toBe(TIME.includes(name));
  });

  it('links registered claims to their RFC 7519 section', () => {
    expect(describeClaim('exp').link.href).toBe('https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4');
    expect(describeClaim('iss').link.href).toBe('https://www.rfc-editor.org/rfc/rfc7519#section-4.1.1');
    expect(describeClaim('exp').source).toBe('jwt');
  });

  it('links Cognito claims to the AWS token pages', () => {
    expect(describeClaim('token_use').link.href).toBe(COGNITO_ID_TOKEN);
    expect(describeClaim('cognito:groups').link.href).toBe(COGNITO_ID_TOKEN);
    expect(describeClaim('client_id').link.href).toBe(COGNITO_ACCESS_TOKEN);
    expect(describeClaim('scope').link.href).toBe(COGNITO_ACCESS_TOKEN);
    expect(describeClaim('cognito:preferred_role').link.href).toMatch(/docs\.aws\.amazon\.com\/cognito\//);
    expect(describeClaim('device_key').source).toBe('cognito');
  });

  it('tells the truth about jti, origin_jti, version and groups (issue 12)', () => {
    // Revocation keys on origin_jti: https://repost.aws/knowledge-center/cognito-revoke-refresh-tokens
    expect(describeClaim('jti').meaning).not.toMatch(/revoke/i);
    expect(describeClaim('origin_jti').meaning).toMatch(/revocation/);
    // "version": 2 is in ordinary access tokens, not only customised ones:
    // https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
    expect(describeClaim('version').meaning).not.toMatch(/trigger|customi[sz]ed/i);
    expect(describeClaim('version').meaning).toContain('2');
    // A refresh picks up current groups, so "copied in at sign-in" alone is wrong.
    expect(describeClaim('cognito:groups').meaning).toMatch(/refresh/);
  });

  it('describes custom attributes by their name', () => {
    const info = describeClaim('custom:tenant');
    expect(info).toMatchObject({ known: true, source: 'custom', time: false });
    expect(info.meaning).toContain('"tenant"');
    expect(info.link.href).toMatch(/custom-attributes$/);
    expect(describeClaim('dev:custom:plan').meaning).toMatch(/Developer-only/);
  });

  it('says when a claim is not standard, even for names on Object.prototype', () => {
    for (const name of ['my_claim', '__proto__', 'constructor', 'toString', '']) {
      const info = describeClaim(name);
      expect(info).toMatchObject({ name, known: false, source: 'unknown', time: false });
      expect(info.meaning).toMatch(/pre token generation/);
    }
  });

  it.each(HEADER.map((name) => [name]))('knows the header parameter %s', (name) => {
    const info = describeClaim(name, 'header');
    expect(info).toMatchObject({ known: true, source: 'header', time: false });
    expect(info.link.href).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc751[56]#section-4\.1\.\d+$/);
  });

  it('keeps header and payload namespaces apart', () => {
    expect(describeClaim('kid').known).toBe(false);
    expect(describeClaim('exp', 'header').known).toBe(false);
    expect(describeClaim('kid', 'header').link.href).toBe(
      'https://www.rfc-editor.org/rfc/rfc7515#section-4.1.4'
    );
  });
});
