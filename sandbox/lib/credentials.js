// @ts-check
// Temporary AWS credentials, as GetCredentialsForIdentity and AssumeRoleWithWebIdentity hand them out. The session
// token is a sealed record of the whole session (including the secret key), so STS can check a SigV4 signature
// later, even after a restart, without a credentials table.
import { randomBytes, randomInt } from 'node:crypto';
import { seal, unseal } from './sealed.js';

const PURPOSE = 'sts-session';
const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * @typedef {object} RoleSession What a session token carries.
 * @property {string} accessKeyId
 * @property {string} secretAccessKey
 * @property {string} roleArn
 * @property {string} roleId AROA... unique id of the role
 * @property {string} sessionName e.g. CognitoIdentityCredentials
 * @property {number} expiration epoch seconds
 * @property {WebIdentity} [webIdentity] who the identity pool vouched for: what IAM policies read as
 *   `${cognito-identity.amazonaws.com:sub}`, `:aud` and `:amr`
 */

/**
 * @typedef {object} WebIdentity
 * @property {string} sub the identity id (region:guid)
 * @property {string} aud the identity pool id
 * @property {string[]} amr authenticated or unauthenticated, then the provider and the user
 */

/**
 * @param {{sealingKey: Buffer, now?: () => number}} deps
 */
export function createCredentials({ sealingKey, now = () => Math.floor(Date.now() / 1000) }) {
  return {
    /**
     * @param {{roleArn: string, roleId: string, sessionName: string, durationSeconds: number,
     *   webIdentity?: WebIdentity}} input
     */
    issue({ roleArn, roleId, sessionName, durationSeconds, webIdentity }) {
      /** @type {RoleSession} */
      const session = {
        accessKeyId: `ASIA${Array.from({ length: 16 }, () => KEY_ID_ALPHABET[randomInt(32)]).join('')}`,
        secretAccessKey: randomBytes(30).toString('base64'),
        roleArn,
        roleId,
        sessionName,
        expiration: now() + durationSeconds,
        ...(webIdentity ? { webIdentity } : {})
      };
      return {
        session,
        sessionToken: seal(sealingKey, PURPOSE, session).toString('base64')
      };
    },

    /**
     * @param {string} sessionToken
     * @returns {RoleSession | undefined} undefined when the token is not one the sandbox issued
     */
    open(sessionToken) {
      return unseal(sealingKey, PURPOSE, Buffer.from(sessionToken, 'base64'));
    }
  };
}

/** @typedef {ReturnType<typeof createCredentials>} Credentials */
