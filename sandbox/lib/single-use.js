// @ts-check
// Single use for sealed challenge state. A sealed blob (sealed.js) proves the sandbox made it, but on its own it
// could be answered again and again until it expires: a captured PASSWORD_VERIFIER answer could be replayed. The
// first answer consumes the blob (kept as its SHA-256, until the blob's own expiry, so memory stays bounded by the
// challenges of the last few minutes). Cognito's answer to a reused session:
// NotAuthorizedException "Invalid session for the user, session can only be used once."
import { createHash } from 'node:crypto';
import { notAuthorized } from './errors.js';

export const sessionUsedTwice = () =>
  notAuthorized('Invalid session for the user, session can only be used once.');

export class SingleUse {
  /** @type {Map<string, number>} blob digest -> epoch seconds after which the blob is expired anyway */
  #used = new Map();
  #now;

  /** @param {() => number} now epoch seconds */
  constructor(now) {
    this.#now = now;
  }

  /**
   * Marks a sealed blob used; throws if it already was.
   * @param {Buffer} blob
   * @param {number} expiresAt epoch seconds
   */
  consume(blob, expiresAt) {
    const id = createHash('sha256').update(blob).digest('base64');
    const time = this.#now();
    if (this.#used.size > 1000) {
      for (const [known, until] of this.#used) if (until < time) this.#used.delete(known);
    }
    if (this.#used.has(id)) throw sessionUsedTwice();
    this.#used.set(id, expiresAt);
  }
}
