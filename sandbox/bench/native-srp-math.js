// @ts-check
// amazon-cognito-identity-js does its SRP arithmetic with a pure-JS bignum (JSBN): about half a second to a second
// of CPU per sign-in on a small machine. Fifty concurrent sign-ins from one process would then measure the client's
// bignum, not the sandbox. The library's BigInteger.modPow takes a callback precisely so a platform can plug in
// native arithmetic (React Native does); this plugs in OpenSSL's, through node:crypto's Diffie-Hellman, which
// computes exactly base^exponent mod prime. The protocol code and every byte on the wire stay the same.
// Used by the load test and the benchmark only.
import { createDiffieHellman } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The library ships no types for its internal bignum; a non-literal path keeps the type checker out of it.
const BIG_INTEGER_MODULE = 'amazon-cognito-identity-js/lib/BigInteger.js';
const BigInteger = require(BIG_INTEGER_MODULE).default;

/** @param {bigint} value */
const toBuffer = (value) => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
};

/** @param {bigint} base @param {bigint} exponent @param {bigint} modulus */
function modPow(base, exponent, modulus) {
  const reduced = ((base % modulus) + modulus) % modulus;
  // OpenSSL refuses "public keys" outside (1, p - 1); those trivial bases are done by hand.
  if (reduced > 1n && reduced < modulus - 1n && exponent > 0n) {
    const dh = createDiffieHellman(toBuffer(modulus), Buffer.from([2]));
    dh.setPrivateKey(toBuffer(exponent));
    return BigInt(`0x${dh.computeSecret(toBuffer(reduced)).toString('hex')}`);
  }
  let result = 1n;
  for (let square = reduced, e = exponent; e > 0n; e >>= 1n, square = (square * square) % modulus) {
    if (e & 1n) result = (result * square) % modulus;
  }
  return result % modulus;
}

/** @param {{toString: (radix: number) => string}} value */
const toBigInt = (value) => {
  const hex = value.toString(16);
  return hex.startsWith('-') ? -BigInt(`0x${hex.slice(1)}`) : BigInt(`0x${hex}`);
};

/** Replaces the library's modPow for this process. */
export function useNativeSrpMath() {
  BigInteger.prototype.modPow = function modPowNative(
    /** @type {unknown} */ exponent,
    /** @type {unknown} */ modulus,
    /** @type {(error: Error | null, result: unknown) => void} */ callback
  ) {
    const result = modPow(
      toBigInt(this),
      toBigInt(/** @type {any} */ (exponent)),
      toBigInt(/** @type {any} */ (modulus))
    );
    callback(null, new BigInteger(result.toString(16), 16));
  };
}
