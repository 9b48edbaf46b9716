/**
 * The short label of the chip that travels along an arrow when its step becomes current: what the message
 * carries (a code, a token, credentials), read from the arrow's own label in the diagram definition, so the
 * chip always agrees with the text on the arrow. First matching rule wins.
 *
 * @example
 * chipLabel('Code to /oauth2/idpresponse') // 'code'
 * chipLabel('IP-->>App: AccessKeyId ASIA..., SessionToken') // 'credentials'
 */
export function chipLabel(message: string): string {
  for (const [pattern, label] of RULES) {
    const match = pattern.exec(message);
    if (match) return typeof label === 'function' ? label(match) : label;
  }
  return message
    .split(/[\s,(]+/)
    .slice(0, 2)
    .join(' ')
    .slice(0, MAX_CHIP_LENGTH);
}

/** Longer chips would hide the arrow they ride on. */
export const MAX_CHIP_LENGTH = 16;

const RULES: [RegExp, string | ((match: RegExpExecArray) => string)][] = [
  [/credentials|AccessKeyId/i, 'credentials'],
  [/\bIdentityId\b/, 'IdentityId'],
  [/\b(?:pool's |Google's )?code\b/i, 'code'],
  [/\btokens\b/i, 'tokens'],
  [/\b(id|access|refresh|IdP|OpenID)\s+token\b/i, (m) => `${m[1]} token`],
  [/\btoken\b/i, 'token'],
  [/^(Get\w+|PutObject|Invoke)\b/, (m) => m[1]!],
  [/\bassume/i, 'AssumeRole'],
  [/redirect|^302\b/i, 'redirect'],
  [/^(\d{3})\b/, (m) => m[1]!],
  [/^(?:GET|POST|PUT|DELETE)\s+(\/[\w/-]*)/, (m) => m[1]!],
  [/^\/oauth2\/(\w+)|^\/(logout)\b/, (m) => `/${m[1] ?? m[2]}`],
  [/sign(?:s)? (?:the user )?in/i, 'sign-in']
];
