// @ts-check
// Server side of Cognito's SRP-6a (USER_SRP_AUTH / PASSWORD_VERIFIER), matching amazon-cognito-identity-js's
// AuthenticationHelper byte for byte: RFC 5054 3072-bit group, g = 2, SHA-256, Java-style two's-complement hex
// padding, and an HKDF-SHA256 key ("Caldera Derived Key", 16 bytes) that signs the password claim.
//
// Cognito stores a salt and verifier, not the password. cognito-local stores plaintext passwords, so the verifier
// is derived at sign-in from the stored password and a salt that is stable per user and password.
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF'
);
const g = 2n;
const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);
const INFO = Buffer.from('Caldera Derived Key', 'utf8');

/**
 * Even-length hex with a leading 00 when the top bit is set (Java BigInteger.toByteArray), for non-negative values.
 * @param {bigint} value
 */
export function padHex(value) {
  let hex = value.toString(16);
  if (hex.length % 2 !== 0) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

/** @param {string | Buffer} data */
function sha256Hex(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** @param {string} hex */
function hexHash(hex) {
  return sha256Hex(Buffer.from(hex, 'hex'));
}

/** @param {bigint} base @param {bigint} exponent @param {bigint} modulus */
function modPow(base, exponent, modulus) {
  let result = 1n;
  let square = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

/** @param {Buffer} bytes */
const toBigInt = (bytes) => BigInt(`0x${bytes.toString('hex') || '0'}`);

/**
 * A salt that stays the same for a user until the password changes, like the one Cognito stores.
 * @param {Buffer} secret Server-only key, so the salt reveals nothing about the password.
 * @param {string} poolId
 * @param {string} username
 * @param {string} password
 * @returns {string} hex, as sent in the SALT challenge parameter
 */
export function saltFor(secret, poolId, username, password) {
  const mac = createHmac('sha256', secret).update(`${poolId}\0${username}\0${password}`).digest();
  return padHex(toBigInt(mac.subarray(0, 16)));
}

/**
 * v = g^x mod N with x = H(salt | H(poolName | username | ":" | password)).
 * @param {{poolName: string, username: string, password: string, salt: string}} input
 */
export function verifier({ poolName, username, password, salt }) {
  const x = BigInt(
    `0x${hexHash(padHex(BigInt(`0x${salt}`)) + sha256Hex(`${poolName}${username}:${password}`))}`
  );
  return modPow(g, x, N);
}

/**
 * The server's ephemeral pair: b secret, B = k*v + g^b mod N (never 0 mod N).
 * @param {bigint} v
 */
export function serverEphemeral(v) {
  for (;;) {
    const b = toBigInt(randomBytes(32));
    const B = (k * v + modPow(g, b, N)) % N;
    if (B !== 0n) return { b, B };
  }
}

/** @param {bigint} A */
export const isValidClientPublic = (A) => A % N !== 0n;

/**
 * The 16-byte key both sides derive: S = (A * v^u)^b mod N, u = H(A | B), key = HKDF(ikm S, salt u).
 * @param {{A: bigint, B: bigint, b: bigint, v: bigint}} input
 * @returns {Buffer | undefined} undefined when u is 0 (the client must not proceed either)
 */
export function sessionKey({ A, B, b, v }) {
  const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
  if (u === 0n) return undefined;
  const S = modPow((A * modPow(v, u, N)) % N, b, N);
  const key = hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), INFO, 16);
  return Buffer.from(key);
}

/**
 * Checks PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(key, poolName | userId | secretBlock | timestamp)).
 * @param {{key: Buffer, poolName: string, userId: string, secretBlock: Buffer, timestamp: string, signature: string}} input
 */
export function isValidClaim({ key, poolName, userId, secretBlock, timestamp, signature }) {
  const expected = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(poolName), Buffer.from(userId), secretBlock, Buffer.from(timestamp)]))
    .digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
