// @ts-check
// The sandbox's event feed: the legs of a federated sign-in the app never sees (the user pool redirecting to the
// IdP, redeeming the IdP's code server-side, verifying its id token, creating or linking the user). Read with
// GET /sandbox/events?after=<id> -> {events, last}. Bounded: only the newest MAX_EVENTS are kept, in memory.
// Bodies are recorded as sent, secrets included (it is the sandbox); the playground redacts them when it shows them.

export const MAX_EVENTS = 200;

/**
 * @typedef {'idp-authorize-redirect' | 'idp-code-redeemed' | 'idp-token-verified' | 'federated-user-created' |
 *   'federated-user-updated' | 'federated-user-linked'} EventKind
 */

/**
 * @typedef {object} SandboxEvent
 * @property {number} id increasing from 1
 * @property {string} at ISO time
 * @property {EventKind} kind
 * @property {string} summary
 * @property {{method: string, url: string, headers: Record<string, string>, body?: string}} [request]
 * @property {{status: number, headers: Record<string, string>, body?: string}} [response]
 */

/** @param {{max?: number, now?: () => Date}} [options] */
export function createEvents({ max = MAX_EVENTS, now = () => new Date() } = {}) {
  /** @type {SandboxEvent[]} */
  const events = [];
  let last = 0;
  return {
    /** @param {Omit<SandboxEvent, 'id' | 'at'>} event @returns {SandboxEvent} */
    record(event) {
      last += 1;
      const entry = { id: last, at: now().toISOString(), ...event };
      events.push(entry);
      if (events.length > max) events.splice(0, events.length - max);
      return entry;
    },

    /** @param {unknown} after the last id the reader has seen (0 or absent: everything kept) */
    since(after) {
      const from = Number(after);
      const start = Number.isFinite(from) ? from : 0;
      return { events: events.filter((event) => event.id > start), last };
    }
  };
}

/** @typedef {ReturnType<typeof createEvents>} Events */
