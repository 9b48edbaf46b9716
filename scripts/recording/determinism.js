// @ts-check
// Determinism for scripts/record-sample-run.js: a fake clock and one seeded random stream, switched on for the
// duration of a recording. Import this module before any library (some keep a reference to crypto.randomUUID at
// load time); it is inert (plain delegation) until `Determinism.start()`, inert again after `Determinism.stop()`.
import { createHash, KeyObject, publicEncrypt, constants as cryptoConstants } from 'node:crypto';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const SEED = 'cognito-lens sample run, format 1';

// ---------------------------------------------------------------------------------------------------------------
// Determinism: installed before any library is loaded (some keep a reference to crypto.randomUUID at load time),
// inert (plain delegation) until `Determinism.start()`, inert again after `Determinism.stop()`.

/** A seeded byte stream: SHA-256(seed | counter) blocks, one after the other. */
class SeededStream {
  #seed;
  #counter = 0;
  #pool = Buffer.alloc(0);

  /** @param {string} seed */
  constructor(seed) {
    this.#seed = Buffer.from(seed, 'utf8');
  }

  /** @param {number} n @returns {Buffer} */
  bytes(n) {
    while (this.#pool.length < n) {
      const counter = Buffer.alloc(4);
      counter.writeUInt32BE(this.#counter);
      this.#counter += 1;
      const block = createHash('sha256').update(this.#seed).update(counter).digest();
      this.#pool = Buffer.concat([this.#pool, block]);
    }
    const out = Buffer.from(this.#pool.subarray(0, n));
    this.#pool = this.#pool.subarray(n);
    return out;
  }

  /** A uniform integer in [0, range), by rejection sampling on 48 bits. @param {number} range */
  below(range) {
    const limit = 2 ** 48 - (2 ** 48 % range);
    for (;;) {
      const value = this.bytes(6).readUIntBE(0, 6);
      if (value < limit) return value % range;
    }
  }

  uuid() {
    const b = this.bytes(16);
    b.writeUInt8((b.readUInt8(6) & 0x0f) | 0x40, 6); // version 4
    b.writeUInt8((b.readUInt8(8) & 0x3f) | 0x80, 8); // RFC 4122 variant
    const hex = b.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

/** Milliseconds that move only when told to. */
export class FakeClock {
  #now;
  /** @param {number} start */
  constructor(start) {
    this.#now = start;
  }
  now() {
    return this.#now;
  }
  /** @param {number} ms */
  advance(ms) {
    this.#now += ms;
  }
}

/** @param {ArrayBufferView | ArrayBuffer} target @returns {Uint8Array} */
function bytesOf(target) {
  return target instanceof ArrayBuffer
    ? new Uint8Array(target)
    : new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
}

/** MGF1 (RFC 8017 B.2.1). @param {string} hash @param {Buffer} seed @param {number} length */
function mgf1(hash, seed, length) {
  const parts = [];
  for (let counter = 0, total = 0; total < length; counter += 1) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = createHash(hash).update(seed).update(c).digest();
    parts.push(block);
    total += block.length;
  }
  return Buffer.concat(parts).subarray(0, length);
}

/**
 * RSAES-OAEP-ENCRYPT (RFC 8017 7.1.1) with the seed given: OAEP encoding here, raw RSA in OpenSSL.
 * @param {KeyObject} publicKey @param {string} hash node name (sha1, sha256...) @param {Buffer} message
 * @param {Buffer} label @param {(n: number) => Buffer} random
 */
function oaepEncrypt(publicKey, hash, message, label, random) {
  const k = Math.ceil(/** @type {number} */ (publicKey.asymmetricKeyDetails?.modulusLength) / 8);
  const lHash = createHash(hash).update(label).digest();
  const hLen = lHash.length;
  if (message.length > k - 2 * hLen - 2) throw new Error('RSA-OAEP: message too long');
  const db = Buffer.concat([
    lHash,
    Buffer.alloc(k - message.length - 2 * hLen - 2),
    Buffer.from([1]),
    message
  ]);
  const seed = random(hLen);
  const dbMask = mgf1(hash, seed, db.length);
  const maskedDb = Buffer.from(db.map((byte, i) => byte ^ dbMask.readUInt8(i)));
  const seedMask = mgf1(hash, maskedDb, hLen);
  const maskedSeed = Buffer.from(seed.map((byte, i) => byte ^ seedMask.readUInt8(i)));
  const encoded = Buffer.concat([Buffer.from([0]), maskedSeed, maskedDb]);
  return publicEncrypt({ key: publicKey, padding: cryptoConstants.RSA_NO_PADDING }, encoded);
}

export const Determinism = (() => {
  const require = createRequire(import.meta.url);
  /** @type {typeof import('node:crypto')} the CommonJS object behind `node:crypto`'s ESM exports */
  const cjsCrypto = require('node:crypto');
  const webcrypto = globalThis.crypto;
  const subtle = webcrypto.subtle;
  const real = {
    randomBytes: cjsCrypto.randomBytes,
    randomFillSync: cjsCrypto.randomFillSync,
    randomFill: cjsCrypto.randomFill,
    randomInt: cjsCrypto.randomInt,
    randomUUID: cjsCrypto.randomUUID,
    getRandomValues: webcrypto.getRandomValues.bind(webcrypto),
    webRandomUUID: webcrypto.randomUUID.bind(webcrypto),
    encrypt: subtle.encrypt.bind(subtle),
    random: Math.random,
    Date: globalThis.Date
  };
  /** @type {{stream: SeededStream, clock: FakeClock} | null} */
  let active = null;

  /** @param {ArrayBufferView | ArrayBuffer} target @param {number} [offset] @param {number} [size] */
  const fill = (target, offset = 0, size) => {
    if (!active) throw new Error('record-sample-run: deterministic randomness used while inactive');
    const view = bytesOf(target);
    const length = size ?? view.length - offset;
    view.set(active.stream.bytes(length), offset);
    return target;
  };

  Object.assign(cjsCrypto, {
    /** @param {number} size @param {Function} [callback] */
    randomBytes(size, callback) {
      if (!active) return real.randomBytes(size, /** @type {any} */ (callback));
      const bytes = active.stream.bytes(size);
      if (typeof callback !== 'function') return bytes;
      process.nextTick(callback, null, bytes);
      return undefined;
    },
    /** @param {ArrayBufferView | ArrayBuffer} target @param {number} [offset] @param {number} [size] */
    randomFillSync(target, offset, size) {
      return active
        ? fill(target, offset, size)
        : real.randomFillSync(/** @type {any} */ (target), offset, size);
    },
    /** @param {ArrayBufferView | ArrayBuffer} target @param {...any} rest */
    randomFill(target, ...rest) {
      if (!active) return /** @type {any} */ (real.randomFill)(target, ...rest);
      const callback = rest.pop();
      fill(target, rest[0], rest[1]);
      process.nextTick(callback, null, target);
    },
    /** @param {...any} args */
    randomInt(...args) {
      if (!active) return /** @type {any} */ (real.randomInt)(...args);
      const callback = typeof args.at(-1) === 'function' ? args.pop() : undefined;
      const [min, max] = args.length === 1 ? [0, args[0]] : args;
      const value = min + active.stream.below(max - min);
      if (!callback) return value;
      process.nextTick(callback, null, value);
      return undefined;
    },
    /** @param {any} [options] */
    randomUUID(options) {
      return active ? active.stream.uuid() : real.randomUUID(options);
    }
  });
  // Re-points the named ESM exports of node:crypto (`import { randomUUID } from 'node:crypto'`) at the above.
  syncBuiltinESMExports();

  Object.defineProperties(webcrypto, {
    getRandomValues: {
      configurable: true,
      writable: true,
      /** @param {any} array */
      value: (array) => (active ? fill(array) : real.getRandomValues(array))
    },
    randomUUID: {
      configurable: true,
      writable: true,
      value: () => (active ? active.stream.uuid() : real.webRandomUUID())
    }
  });
  Object.defineProperty(subtle, 'encrypt', {
    configurable: true,
    writable: true,
    /** @param {any} algorithm @param {CryptoKey} key @param {BufferSource} data */
    value: async (algorithm, key, data) => {
      const name = typeof algorithm === 'string' ? algorithm : algorithm?.name;
      if (!active || String(name).toUpperCase() !== 'RSA-OAEP') return real.encrypt(algorithm, key, data);
      const stream = active.stream;
      const hash = /** @type {RsaHashedKeyAlgorithm} */ (key.algorithm).hash.name
        .replace('-', '')
        .toLowerCase();
      const label = algorithm?.label ? Buffer.from(bytesOf(algorithm.label)) : Buffer.alloc(0);
      const message = Buffer.from(bytesOf(/** @type {any} */ (data)));
      const out = oaepEncrypt(KeyObject.from(key), hash, message, label, (n) => stream.bytes(n));
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
    }
  });

  Math.random = () => (active ? active.stream.bytes(6).readUIntBE(0, 6) / 2 ** 48 : real.random());

  /** `Date` reading the fake clock while active; instances are ordinary Dates. @param {...any} args */
  function DeterministicDate(...args) {
    const now = active ? active.clock.now() : real.Date.now();
    if (!new.target) return new real.Date(now).toString();
    return Reflect.construct(real.Date, args.length === 0 ? [now] : args, new.target);
  }
  Object.setPrototypeOf(DeterministicDate, real.Date);
  DeterministicDate.prototype = real.Date.prototype;
  DeterministicDate.now = () => (active ? active.clock.now() : real.Date.now());
  globalThis.Date = /** @type {DateConstructor} */ (/** @type {unknown} */ (DeterministicDate));

  return {
    /** @param {FakeClock} clock */
    start(clock) {
      active = { stream: new SeededStream(SEED), clock };
    },
    stop() {
      active = null;
    }
  };
})();
