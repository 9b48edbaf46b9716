// @ts-check
// Request shapes from AWS's own service models, as the AWS SDKs ship them (Smithy static schemas in
// @aws-sdk/client-cognito-identity-provider and @aws-sdk/client-cognito-identity). AWS's JSON services deserialize
// every request against the model before the operation runs, so a member of the wrong type (a string where a list
// of attributes belongs, an object where a string belongs) never reaches the operation: it is a 400
// `SerializationException`. The sandbox does the same, so no operation (its own or cognito-local's) ever sees a
// value of a type the model does not allow.
//
// Schema encoding (@smithy/core/schema): a number is a simple type (0 string, 1 number, 2 boolean, 4-7 timestamp,
// 15 document, 17/19 big number, 21/42 blob; `64 | x` a list of x, `128 | x` a map of x); an array is a static
// schema [kind, namespace, name, traits, ...] (kind 0 alias, 1 list, 2 map, 3 structure, 9 operation), or a
// two-element member schema [schema, traits]; a function returns a schema (lazy reference).
// The SDK clients are large: they are loaded on the first request that needs a model, not at start, so the
// sandbox is ready (GET /health) as fast as before.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @typedef {number | unknown[] | (() => unknown)} Schema */

const LIST = 0b0100_0000;
const MAP = 0b1000_0000;

/**
 * The input structures of every operation of one service, by operation name.
 * @param {Record<string, unknown>} module
 * @returns {Map<string, unknown[]>}
 */
function inputsOf(module) {
  /** @type {Map<string, unknown[]>} */
  const inputs = new Map();
  for (const [key, value] of Object.entries(module)) {
    if (!key.endsWith('$') || !Array.isArray(value) || value[0] !== 9) continue;
    const input = /** @type {() => unknown[]} */ (value[4])();
    if (Array.isArray(input) && input[0] === 3) inputs.set(String(value[2]), input);
  }
  return inputs;
}

/** @type {Record<string, Map<string, unknown[]>> | undefined} */
let loaded;

/** @returns {Record<string, Map<string, unknown[]>>} operation inputs by X-Amz-Target service */
function services() {
  loaded ??= {
    AWSCognitoIdentityProviderService: inputsOf(require('@aws-sdk/client-cognito-identity-provider')),
    AWSCognitoIdentityService: inputsOf(require('@aws-sdk/client-cognito-identity'))
  };
  return loaded;
}

/** @param {unknown} schema @returns {unknown} */
function deref(schema) {
  let current = schema;
  for (;;) {
    if (typeof current === 'function') current = current();
    // A member schema: [schema, traits].
    else if (Array.isArray(current) && current.length === 2) current = current[0];
    // An alias of a simple type (with traits such as a length or a pattern): [0, ns, name, traits, simple].
    else if (Array.isArray(current) && current[0] === 0 && current.length >= 5) current = current[4];
    else return current;
  }
}

/** @param {unknown} value */
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** @param {unknown} value */
function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * @param {unknown} value
 * @param {unknown} schema
 * @param {string} path
 * @returns {string | undefined} why the value does not fit, if it does not
 */
function mismatch(value, schema, path) {
  const resolved = deref(schema);
  if (value === null || value === undefined) return undefined;
  if (typeof resolved === 'number') {
    if (resolved & LIST) return listMismatch(value, resolved & ~LIST, path);
    if (resolved & MAP) return mapMismatch(value, resolved & ~MAP, path);
    return simpleMismatch(value, resolved, path);
  }
  if (!Array.isArray(resolved)) return undefined;
  switch (resolved[0]) {
    case 1:
      return listMismatch(value, resolved[4], path);
    case 2:
      return mapMismatch(value, resolved[5], path);
    case 3:
      return structureMismatch(value, resolved, path);
    default:
      return undefined;
  }
}

/** @param {unknown} value @param {number} type @param {string} path */
function simpleMismatch(value, type, path) {
  /** @type {[string, boolean]} */
  const [expected, fits] =
    type === 0
      ? ['a string', typeof value === 'string']
      : type === 2
        ? ['a boolean', typeof value === 'boolean']
        : type === 1 || type === 17 || type === 19 || (type >= 4 && type <= 7)
          ? ['a number', typeof value === 'number' && Number.isFinite(value)]
          : type === 21 || type === 42
            ? ['a base64 string', typeof value === 'string']
            : ['anything', true];
  return fits ? undefined : `${path} must be ${expected}, not ${describe(value)}`;
}

/** @param {unknown} value @param {unknown} member @param {string} path */
function listMismatch(value, member, path) {
  if (!Array.isArray(value)) return `${path} must be a list, not ${describe(value)}`;
  for (const [index, item] of value.entries()) {
    if (item === null) return `${path}[${index}] must not be null`;
    const why = mismatch(item, member, `${path}[${index}]`);
    if (why) return why;
  }
  return undefined;
}

/** @param {unknown} value @param {unknown} member @param {string} path */
function mapMismatch(value, member, path) {
  if (!isObject(value)) return `${path} must be a map, not ${describe(value)}`;
  for (const [key, item] of Object.entries(/** @type {object} */ (value))) {
    const why = mismatch(item, member, `${path}.${key}`);
    if (why) return why;
  }
  return undefined;
}

/** @param {unknown} value @param {unknown[]} structure @param {string} path */
function structureMismatch(value, structure, path) {
  if (!isObject(value)) return `${path} must be a structure, not ${describe(value)}`;
  const record = /** @type {Record<string, unknown>} */ (value);
  const names = /** @type {string[]} */ (structure[4]);
  const members = /** @type {unknown[]} */ (structure[5]);
  for (const [index, name] of names.entries()) {
    if (!Object.hasOwn(record, name)) continue;
    const why = mismatch(record[name], members[index], path ? `${path}.${name}` : name);
    if (why) return why;
  }
  return undefined;
}

/**
 * @param {string} service e.g. `AWSCognitoIdentityProviderService`
 * @param {string} operation e.g. `SignUp`
 * @returns {boolean} whether AWS's model has this operation
 */
export const hasOperation = (service, operation) =>
  Object.hasOwn(services(), service) && (services()[service]?.has(operation) ?? false);

/**
 * The members the model requires (Smithy puts required members first and counts them).
 * @param {string} service
 * @param {string} operation
 * @returns {string[]}
 */
export function requiredMembers(service, operation) {
  const input = Object.hasOwn(services(), service) ? services()[service]?.get(operation) : undefined;
  if (!input) return [];
  const count = typeof input[6] === 'number' ? input[6] : 0;
  return /** @type {string[]} */ (input[4]).slice(0, count);
}

/**
 * @param {string} service
 * @param {string} operation
 * @param {Record<string, unknown>} body
 * @returns {string | undefined} the first member whose type does not fit the model, described, if any
 */
export function shapeMismatch(service, operation, body) {
  const input = Object.hasOwn(services(), service) ? services()[service]?.get(operation) : undefined;
  return input ? structureMismatch(body, input, '') : undefined;
}
