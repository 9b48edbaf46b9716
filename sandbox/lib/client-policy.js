// @ts-check
// App client rules that cognito-local stores but never checks: which auth flows a client allows, and the
// SECRET_HASH a client with a secret must send with every user call.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalidParameter, secretHashMismatch, unknownClient } from './errors.js';

/** @typedef {import('./directory.js').ClientRecord} ClientRecord */

// What a client allows when it lists no flows, per the CreateUserPoolClient reference.
const DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** @typedef {'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH' | 'ADMIN_USER_PASSWORD_AUTH'} AuthFlow */

/** @type {Record<AuthFlow, {allow: string, legacy?: string, message: string}>} */
const FLOWS = {
  USER_SRP_AUTH: { allow: 'ALLOW_USER_SRP_AUTH', message: 'USER_SRP_AUTH is not enabled for the client.' },
  USER_PASSWORD_AUTH: {
    allow: 'ALLOW_USER_PASSWORD_AUTH',
    legacy: 'USER_PASSWORD_AUTH',
    message: 'USER_PASSWORD_AUTH flow not enabled for this client'
  },
  REFRESH_TOKEN_AUTH: { allow: 'ALLOW_REFRESH_TOKEN_AUTH', message: 'Auth flow not enabled for this client' },
  ADMIN_USER_PASSWORD_AUTH: {
    allow: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    legacy: 'ADMIN_NO_SRP_AUTH',
    message: 'Auth flow not enabled for this client'
  }
};

/**
 * @param {import('./directory.js').Directory} directory
 * @param {string} clientId
 * @returns {ClientRecord}
 */
export function requireClient(directory, clientId) {
  const client = directory.client(clientId);
  if (!client) throw unknownClient(clientId);
  return client;
}

/**
 * @param {ClientRecord} client
 * @param {AuthFlow} flow
 */
export function assertFlowAllowed(client, flow) {
  const listed = client.ExplicitAuthFlows?.length ? client.ExplicitAuthFlows : DEFAULT_FLOWS;
  const { allow, legacy, message } = FLOWS[flow];
  if (listed.includes(allow) || (legacy !== undefined && listed.includes(legacy))) return;
  // Clients configured only with legacy values never gated refresh.
  if (flow === 'REFRESH_TOKEN_AUTH' && !listed.some((value) => value.startsWith('ALLOW_'))) return;
  throw invalidParameter(message);
}

/**
 * SECRET_HASH = base64(HMAC-SHA256(client secret, username + client id)). Clients without a secret need none.
 * @param {ClientRecord} client
 * @param {unknown} secretHash as sent
 * @param {(string | undefined)[]} usernames accepted names (a refresh may hash the username or the sub)
 */
export function assertSecretHash(client, secretHash, usernames) {
  if (!client.ClientSecret) return;
  // Compared as the base64 text it is: decoding first would ignore junk after the padding.
  const given = Buffer.from(typeof secretHash === 'string' ? secretHash : '', 'utf8');
  const matches = usernames.some((username) => {
    if (username === undefined) return false;
    const expected = Buffer.from(
      createHmac('sha256', client.ClientSecret ?? '')
        .update(username + client.ClientId)
        .digest('base64'),
      'utf8'
    );
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw secretHashMismatch(client.ClientId);
}
