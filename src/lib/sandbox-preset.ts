import preset from '../../sandbox/seed/preset.json';
import { providerNameOf, sandboxIdpIssuer } from './playground/idp-federation';
import type { PlaygroundConfig } from './playground/config';
import type { KnownPoolRoles, MappingRule, MatchType } from './playground/role-rules';

const endpoint = (import.meta.env.VITE_SANDBOX_ENDPOINT as string | undefined) || preset.endpoint;

/**
 * The local sandbox started by `npm start`, as the playground's "Local sandbox" preset. The endpoint can be
 * moved at build time (the browser tests run their own sandbox on another port).
 */
export const SANDBOX = {
  region: preset.region,
  endpoint,
  userPoolId: preset.userPoolId,
  // Ids and descriptions only: the confidential client's secret has no business in a browser bundle.
  clients: Object.fromEntries(
    Object.entries(preset.clients).map(([key, client]) => [
      key,
      { id: client.id, description: client.description }
    ])
  ) as Record<keyof typeof preset.clients, { id: string; description: string }>,
  identityPools: preset.identityPools,
  users: preset.users.map(({ username, password, state }) => ({ username, password, state })),
  confirmationCode: preset.confirmationCode,
  /** LensIdP, the sandbox's OpenID provider: its issuer (port + 1), names, public client and users. */
  idp: {
    issuer: sandboxIdpIssuer(endpoint, import.meta.env.VITE_SANDBOX_IDP_ISSUER as string | undefined),
    providerName: preset.idp.providerName,
    publicClientId: preset.idp.publicClientId,
    users: preset.idp.users.map(({ username, password, state }) => ({ username, password, state }))
  }
} as const;

/** The playground's configuration for the sandbox: its "Local sandbox" preset, and /compare's live run. */
export const SANDBOX_CONFIG: PlaygroundConfig = {
  region: SANDBOX.region,
  userPoolId: SANDBOX.userPoolId,
  clientId: SANDBOX.clients.web.id,
  domain: SANDBOX.endpoint,
  identityPoolId: SANDBOX.identityPools.guests.id,
  endpoint: SANDBOX.endpoint,
  idpIssuer: SANDBOX.idp.issuer,
  idpClientId: SANDBOX.idp.publicClientId
};

/**
 * What the playground knows of an identity pool's roles for a provider, when the pool is the sandbox's (read
 * from its preset: default authenticated role, rules with their role ARNs); `null` for any other pool (on AWS,
 * reading them takes developer credentials).
 *
 * @example
 * ```ts
 * sandboxKnownRoles(SANDBOX.identityPools.guests.id, '127.0.0.1:9230')?.mapping?.Type; // 'Rules'
 * ```
 */
export function sandboxKnownRoles(identityPoolId: string, providerName: string): KnownPoolRoles | null {
  const pool = Object.values(preset.identityPools).find(
    (candidate) => candidate.id === identityPoolId.trim()
  );
  if (!pool || providerName !== providerNameOf(SANDBOX.idp.issuer)) return null;
  const roles = preset.roles as Record<string, { arn: string }>;
  const authenticatedRole = roles[pool.roles.authenticated]?.arn ?? null;
  const trusted = ('openIdConnectProviders' in pool ? pool.openIdConnectProviders : []).find(
    (provider) => provider.idp === preset.idp.providerName
  );
  if (!trusted) return null;
  const mapping = trusted.roleMapping;
  return {
    authenticatedRole,
    mapping: mapping
      ? {
          Type: mapping.type === 'Rules' ? 'Rules' : 'Token',
          AmbiguousRoleResolution: mapping.ambiguousRoleResolution === 'Deny' ? 'Deny' : 'AuthenticatedRole',
          RulesConfiguration: {
            Rules: (mapping.rules ?? []).map((rule): MappingRule => ({
              Claim: rule.claim,
              MatchType: rule.matchType as MatchType,
              Value: rule.value,
              RoleARN: roles[rule.role]?.arn ?? rule.role
            }))
          }
        }
      : null
  };
}
