// @ts-check
// seed/preset.json is the single source of the sandbox's fixed world: the site imports it for its "Local sandbox"
// preset, and this module turns it into (a) cognito-local's data files on first start or --reset and (b) the
// identity pool and IAM role configuration, which is read from it on every start.
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { USER_POOL_AWS_DEFAULTS } from 'cognito-local/lib/services/cognitoService.js';
import { JsonDocument } from './store.js';

/**
 * @typedef {object} Preset
 * @property {string} region
 * @property {string} endpoint
 * @property {string} accountId
 * @property {string} userPoolId
 * @property {string} userPoolName
 * @property {string} confirmationCode
 * @property {{accessKeyId: string, secretAccessKey: string}} admin IAM credentials for the admin operations
 * @property {{configuration: 'OFF' | 'OPTIONAL', firstAuthFactors: string[]}} [mfa]
 * @property {Record<string, {id: string, name: string, description: string, explicitAuthFlows: string[],
 *   secret?: string, callbackUrls?: string[], logoutUrls?: string[], oauthScopes?: string[],
 *   refreshTokenRotation?: {feature: 'ENABLED' | 'DISABLED', retryGracePeriodSeconds?: number},
 *   identityProviders?: string[]}>} clients
 * @property {Record<string, {description: string, precedence?: number, role?: string}>} groups
 * @property {{username: string, password: string, state: string, status: string, enabled: boolean,
 *   groups: string[], attributes: Record<string, string>,
 *   mfa?: {enabled: string[], preferred?: string, totpSecret?: string}}[]} users
 * @property {Record<string, PresetIdentityPool>} identityPools
 * @property {Record<string, {arn: string, id: string, description: string,
 *   trust: {amr: 'authenticated' | 'unauthenticated', identityPools: string[]}, policy?: unknown}>} roles
 * @property {{buckets: Record<string, import('./s3.js').BucketConfig>}} s3
 * @property {Record<string, import('./api-gateway.js').ApiConfig>} apis
 * @property {PresetIdp} [idp] LensIdP, the local OpenID Connect provider (idp.js)
 */

/**
 * @typedef {object} PresetIdp
 * @property {string} providerName the user pool's name for it (identity_provider=)
 * @property {string} idpIdentifier
 * @property {string} description
 * @property {string} publicClientId
 * @property {string[]} publicRedirectUris
 * @property {{id: string, secret: string}} poolClient the user pool's own (confidential) client at the IdP
 * @property {string[]} scopes
 * @property {Record<string, string>} attributeMapping user pool attribute -> IdP claim
 * @property {{username: string, password: string, sub: string, state: string,
 *   claims: Record<string, string | boolean>}[]} users
 */

/**
 * @typedef {object} PresetIdentityPool
 * @property {string} id
 * @property {string} name
 * @property {string} description
 * @property {boolean} allowGuests
 * @property {boolean} allowClassicFlow
 * @property {{client: string, serverSideTokenCheck: boolean,
 *   roleMapping?: {type: 'Token', ambiguousRoleResolution: 'AuthenticatedRole' | 'Deny'}}[]} providers
 * @property {{idp: string, clientIds: string[], roleMapping?: {type: 'Rules' | 'Token',
 *   ambiguousRoleResolution: 'AuthenticatedRole' | 'Deny',
 *   rules?: {claim: string, matchType: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual', value: string,
 *   role: string}[]}}[]} [openIdConnectProviders] OpenID Connect providers the pool trusts directly (`idp`: the
 *   preset's `idp.providerName`)
 * @property {{authenticated?: string, unauthenticated?: string}} roles
 */

/**
 * @typedef {object} RoleMappingConfig
 * @property {'Token' | 'Rules'} type
 * @property {'AuthenticatedRole' | 'Deny'} ambiguousRoleResolution
 * @property {import('./role-rules.js').MappingRule[]} [rules]
 */

/**
 * @typedef {object} OidcProvider An OpenID Connect provider an identity pool trusts directly.
 * @property {string} providerName the Logins key: the issuer without its scheme
 * @property {string} issuer
 * @property {string} arn OpenIdConnectProviderARNs entry
 * @property {string[]} clientIds accepted `aud` values
 * @property {RoleMappingConfig | undefined} roleMapping
 */

/**
 * @typedef {object} Role An IAM role as far as the sandbox needs one: who may assume it.
 * @property {string} arn
 * @property {string} id
 * @property {string} name
 * @property {'authenticated' | 'unauthenticated'} amr the `amr` its trust policy requires
 * @property {string[]} identityPoolIds the `cognito-identity.amazonaws.com:aud` values it trusts
 * @property {unknown} [policy] its identity (permissions) policy: what its credentials may do
 */

/**
 * @typedef {object} IdentityPool
 * @property {string} id
 * @property {string} name
 * @property {boolean} allowGuests
 * @property {boolean} allowClassicFlow
 * @property {{providerName: string, userPoolId: string, clientId: string, serverSideTokenCheck: boolean,
 *   roleMapping?: RoleMappingConfig}[]} providers
 * @property {OidcProvider[]} oidcProviders
 * @property {Role | undefined} authenticatedRole
 * @property {Role | undefined} unauthenticatedRole
 */

export const PRESET_FILE = new URL('../seed/preset.json', import.meta.url);

// Seeded records carry a fixed creation time, so a reset always produces the same files.
const SEEDED_AT = new Date('2025-01-01T00:00:00.000Z');

/** @returns {Preset} */
export const loadPreset = () => JSON.parse(readFileSync(PRESET_FILE, 'utf8'));

/** @param {string} region @param {string} userPoolId */
export const providerNameOf = (region, userPoolId) => `cognito-idp.${region}.amazonaws.com/${userPoolId}`;

/**
 * Identity pools and roles, resolved from the preset's keys to ids and ARNs.
 * @param {Preset} preset
 * @param {{idpIssuer?: string}} [running] where LensIdP runs now (its issuer names the pools' OIDC provider)
 */
export function identityConfig(preset, running = {}) {
  const poolIdOf = (/** @type {string} */ key) => preset.identityPools[key]?.id ?? key;
  /** @type {Map<string, Role>} */
  const roles = new Map(
    Object.values(preset.roles).map((role) => [
      role.arn,
      {
        arn: role.arn,
        id: role.id,
        name: role.arn.slice(role.arn.lastIndexOf('/') + 1),
        amr: role.trust.amr,
        identityPoolIds: role.trust.identityPools.map(poolIdOf),
        policy: role.policy
      }
    ])
  );
  const roleOf = (/** @type {string | undefined} */ key) =>
    key ? roles.get(preset.roles[key]?.arn ?? '') : undefined;
  /** @type {Map<string, IdentityPool>} */
  const identityPools = new Map(
    Object.values(preset.identityPools).map((pool) => [
      pool.id,
      {
        id: pool.id,
        name: pool.name,
        allowGuests: pool.allowGuests,
        allowClassicFlow: pool.allowClassicFlow,
        providers: pool.providers.map((provider) => ({
          providerName: providerNameOf(preset.region, preset.userPoolId),
          userPoolId: preset.userPoolId,
          clientId: preset.clients[provider.client]?.id ?? provider.client,
          serverSideTokenCheck: provider.serverSideTokenCheck,
          roleMapping: provider.roleMapping
        })),
        oidcProviders: (pool.openIdConnectProviders ?? []).flatMap((provider) => {
          if (!running.idpIssuer || provider.idp !== preset.idp?.providerName) return [];
          const providerName = running.idpIssuer.replace(/^https?:\/\//, '');
          return [
            {
              providerName,
              issuer: running.idpIssuer,
              arn: `arn:aws:iam::${preset.accountId}:oidc-provider/${providerName}`,
              clientIds: provider.clientIds,
              roleMapping: provider.roleMapping && {
                type: provider.roleMapping.type,
                ambiguousRoleResolution: provider.roleMapping.ambiguousRoleResolution,
                rules: (provider.roleMapping.rules ?? []).map((rule) => ({
                  Claim: rule.claim,
                  MatchType: rule.matchType,
                  Value: rule.value,
                  RoleARN: preset.roles[rule.role]?.arn ?? rule.role
                }))
              }
            }
          ];
        }),
        authenticatedRole: roleOf(pool.roles.authenticated),
        unauthenticatedRole: roleOf(pool.roles.unauthenticated)
      }
    ])
  );
  return { region: preset.region, accountId: preset.accountId, roles, identityPools };
}

/** @typedef {ReturnType<typeof identityConfig>} IdentityConfig */

/** cognito-local's pool file for the preset's user pool. @param {Preset} preset */
function userPoolDocument(preset) {
  const created = { CreationDate: SEEDED_AT, LastModifiedDate: SEEDED_AT };
  return {
    Options: {
      ...USER_POOL_AWS_DEFAULTS,
      ...created,
      Id: preset.userPoolId,
      Name: preset.userPoolName,
      Arn: `arn:aws:cognito-idp:${preset.region}:${preset.accountId}:userpool/${preset.userPoolId}`,
      UsernameAttributes: [],
      AutoVerifiedAttributes: ['email'],
      // Optional MFA (TOTP, SMS, email) and choice-based sign-in's first factors (mfa.js, choice-auth.js).
      MfaConfiguration: preset.mfa?.configuration ?? 'OFF',
      SignInPolicy: { AllowedFirstAuthFactors: preset.mfa?.firstAuthFactors ?? ['PASSWORD'] }
    },
    Users: Object.fromEntries(
      preset.users.map((user) => [
        user.username,
        {
          Username: user.username,
          Password: user.password,
          Attributes: Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
          Enabled: user.enabled,
          UserStatus: user.status,
          RefreshTokens: [],
          UserCreateDate: SEEDED_AT,
          UserLastModifiedDate: SEEDED_AT,
          ...(user.status === 'UNCONFIRMED' ? { ConfirmationCode: preset.confirmationCode } : {}),
          ...(user.mfa
            ? {
                UserMFASettingList: user.mfa.enabled,
                PreferredMfaSetting: user.mfa.preferred,
                ...(user.mfa.totpSecret
                  ? {
                      SoftwareToken: {
                        secret: user.mfa.totpSecret,
                        verified: true,
                        name: 'Seeded authenticator'
                      }
                    }
                  : {})
              }
            : {})
        }
      ])
    ),
    Groups: Object.fromEntries(
      Object.entries(preset.groups).map(([name, group]) => [
        name,
        {
          GroupName: name,
          Description: group.description,
          Precedence: group.precedence,
          RoleArn: group.role ? preset.roles[group.role]?.arn : undefined,
          members: preset.users.filter((user) => user.groups.includes(name)).map((user) => user.username),
          ...created
        }
      ])
    )
  };
}

/** cognito-local's clients file. @param {Preset} preset */
function clientsDocument(preset) {
  return {
    Clients: Object.fromEntries(
      Object.values(preset.clients).map((client) => [
        client.id,
        {
          ClientId: client.id,
          ClientName: client.name,
          UserPoolId: preset.userPoolId,
          ClientSecret: client.secret,
          ExplicitAuthFlows: client.explicitAuthFlows,
          PreventUserExistenceErrors: 'ENABLED',
          EnableTokenRevocation: true,
          SupportedIdentityProviders: client.identityProviders ?? ['COGNITO'],
          ...(client.callbackUrls
            ? {
                AllowedOAuthFlows: ['code'],
                AllowedOAuthFlowsUserPoolClient: true,
                AllowedOAuthScopes: client.oauthScopes,
                CallbackURLs: client.callbackUrls,
                ...(client.logoutUrls ? { LogoutURLs: client.logoutUrls } : {})
              }
            : {}),
          ...(client.refreshTokenRotation
            ? {
                RefreshTokenRotation: {
                  Feature: client.refreshTokenRotation.feature,
                  RetryGracePeriodSeconds: client.refreshTokenRotation.retryGracePeriodSeconds
                }
              }
            : {}),
          TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
          AccessTokenValidity: 1,
          IdTokenValidity: 1,
          RefreshTokenValidity: 30,
          CreationDate: SEEDED_AT,
          LastModifiedDate: SEEDED_AT
        }
      ])
    )
  };
}

/**
 * Where each part of the state lives inside the data folder.
 * @param {string} dataDir
 */
export const dataLayout = (dataDir) => ({
  cognitoLocal: path.join(dataDir, 'cognito-local'),
  identities: path.join(dataDir, 'identities.json'),
  revocations: path.join(dataDir, 'revocations.json'),
  idp: path.join(dataDir, 'idp.json')
});

/**
 * Makes sure the data folder holds a world: the existing one, or the seed on first start and after --reset.
 * Only the sandbox's own files are removed on reset, whatever folder --data points at.
 * @param {string} dataDir
 * @param {Preset} preset
 * @param {{reset: boolean}} options
 */
export async function prepareData(dataDir, preset, { reset }) {
  const layout = dataLayout(dataDir);
  if (reset) {
    await Promise.all(
      [layout.cognitoLocal, layout.identities, layout.revocations, layout.idp].map((file) =>
        rm(file, { recursive: true, force: true })
      )
    );
  }
  if (existsSync(layout.cognitoLocal)) return;
  await JsonDocument.open(path.join(layout.cognitoLocal, 'clients.json'), clientsDocument(preset));
  await JsonDocument.open(
    path.join(layout.cognitoLocal, `${preset.userPoolId}.json`),
    userPoolDocument(preset)
  );
}
