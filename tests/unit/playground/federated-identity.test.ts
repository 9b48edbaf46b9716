// The identities claim as AWS documents it (string values):
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
import { describe, expect, it } from 'vitest';
import { explainIdentities } from '../../../src/lib/playground/federated-identity';

const IDENTITY = {
  dateCreated: '1768467600000',
  userId: '8c5e1a52-4a8c-4b5e-9d8f-2b8f1c3d7e01',
  providerName: 'LensIdP',
  providerType: 'OIDC',
  issuer: null,
  primary: 'true'
};

describe('explainIdentities', () => {
  it('is null for a native user', () => {
    expect(explainIdentities({ 'cognito:username': 'alice' })).toBeNull();
    expect(explainIdentities(null)).toBeNull();
  });
  it("reads AWS's string values and names the pool's own federated user", () => {
    const explanation = explainIdentities({
      'cognito:username': 'LensIdP_8c5e1a52-4a8c-4b5e-9d8f-2b8f1c3d7e01',
      identities: [IDENTITY]
    });
    expect(explanation?.identities[0]).toMatchObject({ providerName: 'LensIdP', primary: true });
    expect(explanation?.identities[0]?.dateCreated?.toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(explanation?.linked).toBe(false);
    expect(explanation?.sentences[0]).toBe(
      "Signed in at LensIdP (OIDC), where this person is 8c5e1a52-4a8c-4b5e-9d8f-2b8f1c3d7e01 (the IdP's sub), first seen 2026-01-15T09:00:00.000Z."
    );
    expect(explanation?.sentences[1]).toMatch(/own user for this person is LensIdP_8c5e/);
  });
  it('says when the IdP identity was linked to a native user', () => {
    const explanation = explainIdentities({ 'cognito:username': 'alice', identities: [IDENTITY] });
    expect(explanation?.linked).toBe(true);
    expect(explanation?.sentences[1]).toMatch(/native user alice: this IdP identity was linked/);
  });
});
