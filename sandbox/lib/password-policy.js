// @ts-check
// The user pool password policy, which cognito-local does not enforce.
import { ServiceError } from './errors.js';

/**
 * @typedef {object} PasswordPolicy
 * @property {number} [MinimumLength]
 * @property {boolean} [RequireUppercase]
 * @property {boolean} [RequireLowercase]
 * @property {boolean} [RequireNumbers]
 * @property {boolean} [RequireSymbols]
 */

// Cognito's symbol set for passwords.
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/**
 * @param {string} password
 * @param {PasswordPolicy | undefined} policy
 * @throws {ServiceError} InvalidPasswordException naming the first rule the password breaks
 */
export function assertPasswordPolicy(password, policy = {}) {
  /** @type {[boolean | undefined, string][]} */
  const rules = [
    [password.length < (policy.MinimumLength ?? 8), 'Password not long enough'],
    [policy.RequireLowercase && !/[a-z]/.test(password), 'Password must have lowercase characters'],
    [policy.RequireUppercase && !/[A-Z]/.test(password), 'Password must have uppercase characters'],
    [policy.RequireNumbers && !/[0-9]/.test(password), 'Password must have numeric characters'],
    [policy.RequireSymbols && !SYMBOLS.test(password), 'Password must have symbol characters']
  ];
  const broken = rules.find(([fails]) => fails);
  if (broken) {
    throw new ServiceError('InvalidPasswordException', `Password did not conform with policy: ${broken[1]}`);
  }
}
