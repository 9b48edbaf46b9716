// @ts-check
// Opaque, tamper-proof blobs (AES-256-GCM) that carry server state through the client, as Cognito's SRP
// SECRET_BLOCK, challenge Session and STS session tokens do. State in the blob means no server-side session table:
// nothing to lose on restart and nothing shared between concurrent flows.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * @param {Buffer} key 32-byte AES key.
 * @param {string} purpose Bound into the blob, so a blob made for one purpose is rejected for another.
 * @param {object} value JSON-serialisable state.
 * @returns {Buffer}
 */
export function seal(key, purpose, value) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(JSON.stringify(value)), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/**
 * @param {Buffer} key
 * @param {string} purpose
 * @param {Buffer} blob
 * @returns {any} the sealed value, or undefined when the blob is not one of ours (or was altered).
 */
export function unseal(key, purpose, blob) {
  if (blob.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, IV_BYTES)).setAAD(
      Buffer.from(purpose)
    );
    decipher.setAuthTag(blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(text.toString('utf8'));
  } catch {
    return undefined;
  }
}
