// @ts-check
// The sandbox layer's view of cognito-local's user directory. Both read and write the same in-memory documents
// (store.js), so a user changed through cognito-local (AdminDisableUser, ConfirmSignUp, ...) is what the sandbox's
// sign-in sees at once, and the other way round. Reads and the synchronous part of writes never await, so a
// read-modify-write here cannot interleave with another request.

/**
 * @typedef {import('./tokens.js').User & {
 *   Password?: string, UserStatus?: string, Enabled?: boolean, RefreshTokens?: string[],
 *   ConfirmationCode?: string, UserLastModifiedDate?: Date, RotatedRefreshTokens?: Record<string, number>,
 *   PreferredMfaSetting?: string, UserMFASettingList?: string[], SoftwareToken?: {secret: string, verified: boolean, name?: string},
 *   PasswordSignInDisabled?: boolean, UserCreateDate?: Date
 * }} UserRecord
 */

/**
 * @typedef {import('./tokens.js').AppClient & {
 *   ClientSecret?: string, ExplicitAuthFlows?: string[], PreventUserExistenceErrors?: string,
 *   AllowedOAuthScopes?: string[], WriteAttributes?: string[], CallbackURLs?: string[], LogoutURLs?: string[],
 *   ClientName?: string, RefreshTokenRotation?: {Feature: string, RetryGracePeriodSeconds?: number},
 *   AllowedOAuthFlows?: string[], AllowedOAuthFlowsUserPoolClient?: boolean, SupportedIdentityProviders?: string[]
 * }} ClientRecord
 */

/** @typedef {import('./tokens.js').Group & {members?: string[]}} GroupRecord */

/**
 * @typedef {object} PoolOptions
 * @property {string} Id
 * @property {string} [Name]
 * @property {string[]} [AutoVerifiedAttributes]
 * @property {{PasswordPolicy?: import('./password-policy.js').PasswordPolicy}} [Policies]
 * @property {import('./schema.js').SchemaAttribute[]} [SchemaAttributes]
 */

export class Directory {
  #folder;

  /** @param {import('./store.js').DocumentFolder} folder cognito-local's data folder */
  constructor(folder) {
    this.#folder = folder;
  }

  /** @param {string} clientId @returns {ClientRecord | undefined} */
  client(clientId) {
    return this.#folder.document('clients')?.get(['Clients', clientId]);
  }

  /**
   * Replaces an app client with `change(client)` in one synchronous step; resolves once it is on disk.
   * @param {string} clientId
   * @param {(client: ClientRecord) => ClientRecord} change
   */
  updateClient(clientId, change) {
    const document = this.#folder.document('clients');
    const client = document?.get(['Clients', clientId]);
    if (!document || !client) return Promise.resolve();
    return document.set(['Clients', clientId], change(client));
  }

  /** @param {string} poolId @returns {PoolOptions | undefined} */
  poolOptions(poolId) {
    return this.#folder.document(poolId)?.get('Options');
  }

  /**
   * Finds a user by username, or by `sub` as cognito-local does.
   * @param {string} poolId
   * @param {string} username
   * @returns {UserRecord | undefined}
   */
  user(poolId, username) {
    const users = this.#folder.document(poolId)?.get('Users') ?? {};
    if (Object.hasOwn(users, username)) return users[username];
    return Object.values(users).find((user) =>
      user.Attributes?.some(
        (/** @type {{Name: string, Value: string}} */ a) => a.Name === 'sub' && a.Value === username
      )
    );
  }

  /** Every user of a pool, in the order they were created. @param {string} poolId @returns {UserRecord[]} */
  users(poolId) {
    return Object.values(this.#folder.document(poolId)?.get('Users') ?? {});
  }

  /** @param {string} poolId @param {string} username @returns {GroupRecord[]} */
  groupsOf(poolId, username) {
    const groups = this.#folder.document(poolId)?.get('Groups') ?? {};
    return Object.values(groups).filter((group) => group.members?.includes(username));
  }

  /**
   * Adds a user record (cognito-local's format); resolves once it is on disk.
   * @param {string} poolId
   * @param {UserRecord & {UserCreateDate?: Date}} user
   */
  createUser(poolId, user) {
    const document = this.#folder.document(poolId);
    if (!document) return Promise.resolve();
    return document.set(['Users', user.Username], user);
  }

  /**
   * The user pool's identity providers (IdentityProviderType records, by name), kept in the pool's file.
   * @param {string} poolId
   * @returns {Record<string, import('./identity-providers.js').IdentityProviderRecord>}
   */
  identityProviders(poolId) {
    return this.#folder.document(poolId)?.get('IdentityProviders') ?? {};
  }

  /**
   * Stores an identity provider, or removes it (`record` undefined); resolves once it is on disk.
   * @param {string} poolId
   * @param {string} name
   * @param {import('./identity-providers.js').IdentityProviderRecord | undefined} record
   */
  setIdentityProvider(poolId, name, record) {
    const document = this.#folder.document(poolId);
    if (!document) return Promise.resolve();
    if (record === undefined) return document.delete(['IdentityProviders', name]);
    return document.set(['IdentityProviders', name], record);
  }

  /**
   * Replaces a user with `change(user)` in one synchronous step; resolves once it is on disk.
   * @param {string} poolId
   * @param {string} username exact Username
   * @param {(user: UserRecord) => UserRecord} change
   */
  updateUser(poolId, username, change) {
    const document = this.#folder.document(poolId);
    const user = document?.get(['Users', username]);
    if (!document || !user) return Promise.resolve();
    return document.set(['Users', username], change(user));
  }
}
