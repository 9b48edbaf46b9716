import {
  CUSTOM_ATTRIBUTE,
  HEADER_PARAMETERS,
  PAYLOAD_CLAIMS,
  UNKNOWN_HEADER_PARAMETER,
  UNKNOWN_PAYLOAD_CLAIM
} from './claims';
import type { ClaimInfo } from './claims';

/**
 * Where the name was found: the payload (claims) or the header (parameters such as `kid`).
 *
 * @example
 * ```ts
 * describeClaim('alg', 'header');
 * ```
 */
export type ClaimLocation = 'payload' | 'header';

const CUSTOM_PREFIX = /^(?:dev:)?custom:(.+)$/;

/**
 * Look up what a claim (or, with `'header'`, a header parameter) means. Handles `custom:*`
 * attributes and claims nobody defined; never throws.
 *
 * @example
 * ```ts
 * describeClaim('cognito:groups').meaning; // 'The user pool groups the user belongs to, ...'
 * describeClaim('custom:tenant').source; // 'custom'
 * describeClaim('kid', 'header').link.href; // 'https://www.rfc-editor.org/rfc/rfc7515#section-4.1.4'
 * ```
 */
export function describeClaim(name: string, location: ClaimLocation = 'payload'): ClaimInfo {
  const key = String(name);
  if (location === 'header') {
    const entry = HEADER_PARAMETERS.get(key);
    return { name: key, ...(entry ?? UNKNOWN_HEADER_PARAMETER), known: entry !== undefined };
  }
  const entry = PAYLOAD_CLAIMS.get(key);
  if (entry !== undefined) return { name: key, ...entry, known: true };
  const custom = CUSTOM_PREFIX.exec(key);
  if (custom !== null) {
    const attribute = custom[1] ?? '';
    const developerOnly = key.startsWith('dev:');
    return {
      name: key,
      ...CUSTOM_ATTRIBUTE,
      meaning: developerOnly
        ? `Developer-only custom attribute "${attribute}": only administrators with AWS credentials can change it.`
        : `Custom user attribute "${attribute}", defined in this user pool.`,
      known: true
    };
  }
  return { name: key, ...UNKNOWN_PAYLOAD_CLAIM, known: false };
}
