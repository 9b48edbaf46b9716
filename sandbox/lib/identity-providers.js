// @ts-check
// A user pool's identity providers: CreateIdentityProvider, DescribeIdentityProvider, ListIdentityProviders,
// UpdateIdentityProvider, DeleteIdentityProvider and GetIdentityProviderByIdentifier, admin-signed like every
// operation that needs IAM credentials (admin-auth.js). Shapes from the API reference:
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IdentityProviderType.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ProviderDescription.html
// OIDC ProviderDetails: client_id, client_secret, attributes_request_method, oidc_issuer, authorize_scopes, and
// authorize_url / token_url / attributes_url / jwks_uri only when they are not discovered from oidc_issuer;
// attributes_url_add_attributes is set by Cognito and read-only.
// The sandbox federates OIDC providers only (SAML and the social types are refused with a clear message).
import { ServiceError, invalidParameter, resourceNotFound } from './errors.js';

/**
 * @typedef {object} IdentityProviderRecord IdentityProviderType as DescribeIdentityProvider returns it.
 * @property {string} UserPoolId
 * @property {string} ProviderName
 * @property {string} ProviderType
 * @property {Record<string, string>} ProviderDetails
 * @property {Record<string, string>} AttributeMapping user pool attribute -> IdP claim
 * @property {string[]} IdpIdentifiers
 * @property {Date} CreationDate
 * @property {Date} LastModifiedDate
 */

/** @typedef {Record<string, any>} Body */

const REQUIRED_OIDC_DETAILS = ['client_id', 'attributes_request_method', 'oidc_issuer', 'authorize_scopes'];
const OPTIONAL_OIDC_DETAILS = [
  'client_secret',
  'authorize_url',
  'token_url',
  'attributes_url',
  'jwks_uri',
  'attributes_url_add_attributes'
];
// Names Cognito reserves for its own users (ProviderName `Cognito` in AdminLinkProviderForUser and friends).
const RESERVED_NAMES = new Set(['cognito', 'cognito_subject']);

/** @param {Date | string | undefined} value */
const asDate = (value) => (value instanceof Date ? value : new Date(value ?? 0));

/**
 * @param {unknown} details
 * @param {Record<string, string>} [previous] the stored details, on update
 * @returns {Record<string, string>}
 */
function oidcDetails(details, previous) {
  if (!details || typeof details !== 'object') throw invalidParameter('ProviderDetails is required.');
  /** @type {Record<string, string>} */
  const merged = { ...previous };
  for (const [key, value] of Object.entries(details)) {
    if (key === 'attributes_url_add_attributes') continue;
    if (![...REQUIRED_OIDC_DETAILS, ...OPTIONAL_OIDC_DETAILS].includes(key)) {
      throw invalidParameter(`ProviderDetails contains an unsupported key for OIDC: ${key}`);
    }
    merged[key] = String(value);
  }
  const missing = REQUIRED_OIDC_DETAILS.filter((key) => !merged[key]);
  if (missing.length > 0) {
    throw invalidParameter(`ProviderDetails is missing required keys for OIDC: ${missing.join(', ')}`);
  }
  if (!['GET', 'POST'].includes(merged.attributes_request_method ?? '')) {
    throw invalidParameter('attributes_request_method must be GET or POST.');
  }
  let issuer;
  try {
    issuer = new URL(merged.oidc_issuer ?? '');
  } catch {
    throw invalidParameter('oidc_issuer must be a URL.');
  }
  if (issuer.protocol !== 'https:' && issuer.protocol !== 'http:') {
    throw invalidParameter('oidc_issuer must be an http(s) URL.');
  }
  if (!merged.authorize_scopes?.split(' ').includes('openid')) {
    throw invalidParameter('authorize_scopes must include openid.');
  }
  merged.attributes_url_add_attributes = 'false';
  return merged;
}

/**
 * @param {{directory: import('./directory.js').Directory, now?: () => Date}} deps
 */
export function createIdentityProviders({ directory, now = () => new Date() }) {
  /** @param {unknown} poolId */
  function requirePool(poolId) {
    const id = String(poolId);
    if (!directory.poolOptions(id)) throw resourceNotFound(`User pool ${id} does not exist.`);
    return id;
  }

  /** @param {string} poolId @param {unknown} name */
  function requireProvider(poolId, name) {
    const record = directory.identityProviders(poolId)[String(name)];
    if (!record) throw resourceNotFound(`Identity provider ${String(name)} does not exist.`);
    return record;
  }

  /**
   * @param {string} poolId
   * @param {string} name
   * @param {unknown} identifiers
   */
  function checkIdentifiers(poolId, name, identifiers) {
    if (identifiers === undefined) return undefined;
    const list = /** @type {string[]} */ (identifiers).map(String);
    if (new Set(list).size !== list.length) throw invalidParameter('IdpIdentifiers must be unique.');
    for (const other of Object.values(directory.identityProviders(poolId))) {
      if (other.ProviderName === name) continue;
      const taken = list.find((identifier) => other.IdpIdentifiers?.includes(identifier));
      if (taken) {
        throw invalidParameter(`The IdP identifier ${taken} is already used by ${other.ProviderName}.`);
      }
    }
    return list;
  }

  /** @param {IdentityProviderRecord} record */
  const shape = (record) => ({
    ...record,
    CreationDate: asDate(record.CreationDate),
    LastModifiedDate: asDate(record.LastModifiedDate)
  });

  return {
    /** @param {string} poolId @param {string} name @returns {IdentityProviderRecord | undefined} */
    byName: (poolId, name) => directory.identityProviders(poolId)[name],

    /** @param {string} poolId @param {string} identifier @returns {IdentityProviderRecord | undefined} */
    byIdentifier: (poolId, identifier) =>
      Object.values(directory.identityProviders(poolId)).find((record) =>
        record.IdpIdentifiers?.includes(identifier)
      ),

    /**
     * Registers (or re-points) a provider the seed owns, keeping its creation date.
     * @param {Omit<IdentityProviderRecord, 'CreationDate' | 'LastModifiedDate'>} record
     * @returns {Promise<boolean>} whether it was newly created
     */
    async ensure(record) {
      const existing = directory.identityProviders(record.UserPoolId)[record.ProviderName];
      const details = oidcDetails(record.ProviderDetails);
      const next = { ...record, ProviderDetails: details };
      if (existing && JSON.stringify({ ...existing, ...next }) === JSON.stringify(existing)) return false;
      const time = now();
      await directory.setIdentityProvider(record.UserPoolId, record.ProviderName, {
        ...next,
        CreationDate: existing ? asDate(existing.CreationDate) : time,
        LastModifiedDate: time
      });
      return !existing;
    },

    /** @param {Body} body */
    async CreateIdentityProvider(body) {
      const poolId = requirePool(body.UserPoolId);
      const name = String(body.ProviderName);
      if (!/^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u.test(name) || name.length > 32) {
        throw invalidParameter(
          `1 validation error detected: Value '${name}' at 'providerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+`
        );
      }
      if (RESERVED_NAMES.has(name.toLowerCase()))
        throw invalidParameter(`${name} is a reserved provider name.`);
      if (body.ProviderType !== 'OIDC') {
        throw invalidParameter(
          `The sandbox federates OIDC identity providers only; ProviderType ${body.ProviderType} is not supported here.`
        );
      }
      if (directory.identityProviders(poolId)[name]) {
        throw new ServiceError(
          'DuplicateProviderException',
          `A provider with the name ${name} already exists in this user pool.`
        );
      }
      const time = now();
      /** @type {IdentityProviderRecord} */
      const record = {
        UserPoolId: poolId,
        ProviderName: name,
        ProviderType: 'OIDC',
        ProviderDetails: oidcDetails(body.ProviderDetails),
        // Cognito maps the IdP's sub to the user name of every OIDC provider.
        AttributeMapping: { username: 'sub', ...body.AttributeMapping },
        IdpIdentifiers: checkIdentifiers(poolId, name, body.IdpIdentifiers) ?? [],
        CreationDate: time,
        LastModifiedDate: time
      };
      await directory.setIdentityProvider(poolId, name, record);
      return { IdentityProvider: shape(record) };
    },

    /** @param {Body} body */
    async DescribeIdentityProvider(body) {
      const poolId = requirePool(body.UserPoolId);
      return { IdentityProvider: shape(requireProvider(poolId, body.ProviderName)) };
    },

    /** @param {Body} body */
    async GetIdentityProviderByIdentifier(body) {
      const poolId = requirePool(body.UserPoolId);
      const record = Object.values(directory.identityProviders(poolId)).find((candidate) =>
        candidate.IdpIdentifiers?.includes(String(body.IdpIdentifier))
      );
      if (!record)
        throw resourceNotFound(`Identity provider with identifier ${body.IdpIdentifier} does not exist.`);
      return { IdentityProvider: shape(record) };
    },

    /** @param {Body} body */
    async ListIdentityProviders(body) {
      const poolId = requirePool(body.UserPoolId);
      const all = Object.values(directory.identityProviders(poolId)).sort((a, b) =>
        a.ProviderName.localeCompare(b.ProviderName)
      );
      const max = Math.min(Math.max(Number(body.MaxResults ?? 60), 1), 60);
      const start = body.NextToken ? all.findIndex((record) => record.ProviderName === body.NextToken) : 0;
      if (start < 0) throw invalidParameter('Invalid NextToken.');
      const page = all.slice(start, start + max);
      const next = all[start + max];
      return {
        Providers: page.map((record) => ({
          ProviderName: record.ProviderName,
          ProviderType: record.ProviderType,
          LastModifiedDate: asDate(record.LastModifiedDate),
          CreationDate: asDate(record.CreationDate)
        })),
        ...(next ? { NextToken: next.ProviderName } : {})
      };
    },

    /** @param {Body} body */
    async UpdateIdentityProvider(body) {
      const poolId = requirePool(body.UserPoolId);
      const existing = requireProvider(poolId, body.ProviderName);
      /** @type {IdentityProviderRecord} */
      const record = {
        ...existing,
        ProviderDetails:
          body.ProviderDetails === undefined
            ? existing.ProviderDetails
            : oidcDetails(body.ProviderDetails, existing.ProviderDetails),
        AttributeMapping:
          body.AttributeMapping === undefined
            ? existing.AttributeMapping
            : { username: 'sub', ...body.AttributeMapping },
        IdpIdentifiers:
          checkIdentifiers(poolId, existing.ProviderName, body.IdpIdentifiers) ?? existing.IdpIdentifiers,
        CreationDate: asDate(existing.CreationDate),
        LastModifiedDate: now()
      };
      await directory.setIdentityProvider(poolId, existing.ProviderName, record);
      return { IdentityProvider: shape(record) };
    },

    /** @param {Body} body */
    async DeleteIdentityProvider(body) {
      const poolId = requirePool(body.UserPoolId);
      const existing = requireProvider(poolId, body.ProviderName);
      await directory.setIdentityProvider(poolId, existing.ProviderName, undefined);
      return {};
    }
  };
}

/** @typedef {ReturnType<typeof createIdentityProviders>} IdentityProviders */
