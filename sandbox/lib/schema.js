// @ts-check
// The user pool's attribute schema, enforced. cognito-local stores whatever attributes a caller sends on SignUp
// (and the sandbox's NEW_PASSWORD_REQUIRED step took any `userAttributes.*`), so an unauthenticated caller could
// claim another user's `sub`, or `cognito:preferred_role` / `cognito:groups`, and the id token carried them. As in
// Cognito:
// - an attribute that is not in the pool's schema is refused:
//     InvalidParameterException "Attributes did not conform to the schema: custom:x: Attribute does not exist in
//     the schema.\n" (one line per attribute; aws-amplify/amplify-flutter#509, aws-amplify/amplify-cli#1761);
//     on updates cognito-local's and Cognito's form is "user.x: Attribute does not exist in the schema."
// - an app client writes only its write attributes: when it lists none, the standard attributes
//   (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html,
//   WriteAttributes), so never `sub` (immutable) or the `*_verified` flags, which only the read default includes:
//     NotAuthorizedException "A client attempted to write unauthorized attribute" (aws/aws-sdk-js#1319)
// - an immutable attribute cannot be changed, not even by an administrator.
// Token claims are built from the schema too (schemaClaims), so nothing outside it can reach a token.
import { USER_POOL_AWS_DEFAULTS } from 'cognito-local/lib/services/cognitoService.js';
import { ServiceError, invalidParameter, notAuthorized } from './errors.js';

/** @typedef {{Name?: string, Mutable?: boolean, Required?: boolean, DeveloperOnlyAttribute?: boolean}} SchemaAttribute */
/** @typedef {{Name: string, Value?: string}} Attribute */

// Attributes Cognito sets itself: no app client may write them, whatever its WriteAttributes say.
const NEVER_CLIENT_WRITABLE = new Set(['sub', 'email_verified', 'phone_number_verified']);

/**
 * @param {{SchemaAttributes?: SchemaAttribute[]} | undefined} poolOptions
 * @returns {Map<string, SchemaAttribute>}
 */
export function schemaOf(poolOptions) {
  const attributes = poolOptions?.SchemaAttributes ?? USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? [];
  return new Map(
    /** @type {SchemaAttribute[]} */ (attributes)
      .filter((attribute) => typeof attribute.Name === 'string')
      .map((attribute) => [String(attribute.Name), attribute])
  );
}

/**
 * @typedef {object} AttributeWrite
 * @property {Map<string, SchemaAttribute>} schema
 * @property {Attribute[]} attributes as sent (already known to be a list of {Name, Value} by shapes.js)
 * @property {'create' | 'update'} mode SignUp / AdminCreateUser, or a change to an existing user
 * @property {{WriteAttributes?: string[]}} [client] the app client writing them; none for an administrator
 */

/**
 * Throws Cognito's error for the first rule the attributes break.
 * @param {AttributeWrite} write
 */
export function assertWritableAttributes({ schema, attributes, mode, client }) {
  const unknown = attributes.filter(({ Name }) => !schema.has(Name));
  if (unknown.length > 0) {
    if (mode === 'update')
      throw invalidParameter(`user.${unknown[0]?.Name}: Attribute does not exist in the schema.`);
    throw invalidParameter(
      `Attributes did not conform to the schema: ${unknown
        .map(({ Name }) => `${Name}: Attribute does not exist in the schema.\n`)
        .join('')}`
    );
  }
  if (client) {
    const listed = client.WriteAttributes?.length ? new Set(client.WriteAttributes) : undefined;
    const unauthorized = attributes.some(
      ({ Name }) =>
        NEVER_CLIENT_WRITABLE.has(Name) ||
        schema.get(Name)?.DeveloperOnlyAttribute === true ||
        (listed !== undefined && !listed.has(Name))
    );
    if (unauthorized) throw notAuthorized('A client attempted to write unauthorized attribute');
  }
  // sub is Cognito's to choose, also when an administrator creates a user.
  const immutable = attributes.find(
    ({ Name }) => schema.get(Name)?.Mutable === false && (mode === 'update' || Name === 'sub')
  );
  if (immutable) {
    const reason = `${immutable.Name}: Attribute cannot be updated. (changing an immutable attribute)`;
    throw mode === 'update'
      ? invalidParameter(`user.${reason}`)
      : new ServiceError(
          'InvalidParameterException',
          `Attributes did not conform to the schema: ${reason}\n`
        );
  }
}

/**
 * A user's attributes as id token claims: only attributes of the schema (developer-only ones never), with the
 * `*_verified` flags as booleans and `updated_at` as a number, as Cognito sends them.
 * @param {Attribute[] | undefined} attributes
 * @param {Map<string, SchemaAttribute>} schema
 * @returns {Record<string, unknown>}
 */
export function schemaClaims(attributes, schema) {
  /** @type {Record<string, unknown>} */
  const claims = {};
  for (const { Name, Value } of attributes ?? []) {
    const attribute = schema.get(Name);
    if (Value === undefined || !attribute || attribute.DeveloperOnlyAttribute) continue;
    claims[Name] = Name.endsWith('_verified')
      ? Value === 'true'
      : Name === 'updated_at'
        ? Number(Value)
        : Value;
  }
  return claims;
}
