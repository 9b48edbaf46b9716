// What a user pool token says about a federated sign-in: the `identities` claim (one entry per outside IdP
// identity of the user) and the provider-prefixed username. Shape as AWS documents it (every value a string,
// `primary` and `dateCreated` included), in the example id token of
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
// Linking: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminLinkProviderForUser.html

/**
 * One entry of `identities`, read leniently (AWS writes strings; a field may be missing).
 *
 * @example
 * ```ts
 * const identity: FederatedIdentity = { providerName: 'LensIdP', providerType: 'OIDC', userId: '8c5e…',
 *   primary: true, dateCreated: new Date(1768467600000) };
 * ```
 */
export interface FederatedIdentity {
  providerName: string;
  providerType: string;
  userId: string;
  primary: boolean;
  dateCreated: Date | null;
}

/**
 * The explanation to show next to the tokens: the identities, whether the pool user is the IdP's own
 * (`LensIdP_<sub>`) or a native user it was linked to, and sentences.
 *
 * @example
 * ```ts
 * explainIdentities({ 'cognito:username': 'LensIdP_8c5e…', identities: [...] })?.linked; // false
 * ```
 */
export interface IdentitiesExplanation {
  identities: FederatedIdentity[];
  username: string | null;
  /** The username is not `<provider>_<id>`: the IdP identity was linked to a native user. */
  linked: boolean;
  sentences: string[];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function readIdentity(value: unknown): FederatedIdentity | null {
  if (value === null || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  const created = Number(text(record.dateCreated));
  return {
    providerName: text(record.providerName),
    providerType: text(record.providerType),
    userId: text(record.userId),
    primary: text(record.primary) === 'true',
    dateCreated: Number.isFinite(created) && created > 0 ? new Date(created) : null
  };
}

/**
 * Explain a federated sign-in from the user pool's id token claims; `null` when the token has no
 * `identities` (a native user).
 *
 * @example
 * ```ts
 * explainIdentities(idClaims)?.sentences[0];
 * // 'Signed in at LensIdP (OIDC), where this person is 8c5e… (the IdP's sub).'
 * ```
 */
export function explainIdentities(claims: Record<string, unknown> | null): IdentitiesExplanation | null {
  const raw = claims?.identities;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const identities = raw.map(readIdentity).filter((item): item is FederatedIdentity => item !== null);
  if (identities.length === 0) return null;
  const username = typeof claims?.['cognito:username'] === 'string' ? claims['cognito:username'] : null;
  const own = identities.some(
    (identity) =>
      username !== null &&
      username.toLowerCase() === `${identity.providerName}_${identity.userId}`.toLowerCase()
  );
  const linked = username !== null && !own;
  const sentences = identities.map((identity) => {
    const when = identity.dateCreated ? `, first seen ${identity.dateCreated.toISOString()}` : '';
    return `Signed in at ${identity.providerName || 'an outside IdP'} (${identity.providerType || 'unknown type'}), where this person is ${identity.userId || '?'} (the IdP's sub)${when}.`;
  });
  if (username !== null) {
    sentences.push(
      linked
        ? `The pool signed in its native user ${username}: this IdP identity was linked to it (AdminLinkProviderForUser). The pool never links by itself.`
        : `The pool's own user for this person is ${username} (provider name, underscore, the IdP's id; status EXTERNAL_PROVIDER), created on the first visit from the mapped attributes.`
    );
  }
  sentences.push(
    "The IdP's own tokens stayed with the user pool: this app received only the pool's tokens, the same kind a password sign-in gets."
  );
  return { identities, username, linked, sentences };
}
