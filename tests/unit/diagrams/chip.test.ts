import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { chipLabel, MAX_CHIP_LENGTH } from '../../../src/lib/diagrams/chip';
import { readSequence } from '../../../src/lib/diagrams/diagram';

describe('chipLabel', () => {
  it.each([
    ['Code to /oauth2/idpresponse', 'code'],
    ["302 to callback with the pool's code", 'code'],
    ['POST /oauth2/token (code + PKCE)', 'code'],
    ['id, access and refresh tokens', 'tokens'],
    ['IdP token (e.g. user pool id token)', 'IdP token'],
    ['GetId (Logins: user pool id token)', 'id token'],
    ['REFRESH_TOKEN_AUTH (refresh token)', 'refresh token'],
    ['AccessKeyId ASIA..., SessionToken', 'credentials'],
    ['Temporary credentials', 'credentials'],
    ['IdentityId us-east-1:9b1d...', 'IdentityId'],
    ['GetCredentialsForIdentity (Logins)', 'credentials'],
    ['Assume the chosen role for this user', 'AssumeRole'],
    ['PutObject, signed with SigV4', 'PutObject'],
    ['302 redirect to Google sign-in', 'redirect'],
    ['200 OK', '200'],
    ['/oauth2/authorize?identity_provider=Google', '/authorize']
  ])('%s -> %s', (message, label) => {
    expect(chipLabel(message)).toBe(label);
  });

  it('gives every arrow of every diagram a short label', () => {
    for (const file of readdirSync('content/diagrams').filter((f) => f.endsWith('.json'))) {
      const { mermaid } = JSON.parse(readFileSync(`content/diagrams/${file}`, 'utf8')) as { mermaid: string };
      for (const message of readSequence(mermaid).messages) {
        const label = chipLabel(message);
        expect(label.length, `${file}: ${message}`).toBeGreaterThan(0);
        expect(label.length, `${file}: ${message}`).toBeLessThanOrEqual(MAX_CHIP_LENGTH);
      }
    }
  });
});
