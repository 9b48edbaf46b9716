import { parseUserPoolId } from './parse-user-pool-id';

/**
 * The key under which an identity pool expects a user pool's id token in `Logins`:
 * `cognito-idp.<region>.amazonaws.com/<userPoolId>`. Always this AWS form, even when the user pool
 * is reached through an endpoint override: it names the provider configured in the identity pool,
 * it is not a URL that gets called.
 *
 * @example
 * ```ts
 * const Logins = { [deriveLoginsKey({ userPoolId: 'eu-west-1_AbC123xyz' })]: idToken };
 * // { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz': idToken }
 * ```
 */
export function deriveLoginsKey(input: { readonly userPoolId: string }): string {
  const { userPoolId, region } = parseUserPoolId(input.userPoolId, { sandbox: true });
  return `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}
