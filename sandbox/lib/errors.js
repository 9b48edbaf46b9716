// @ts-check
// One error type for every service the sandbox speaks. `code` is the AWS error code (`__type` in JSON 1.1,
// `<Code>` in STS XML); callers switch on it, never on the message.

export class ServiceError extends Error {
  /**
   * @param {string} code AWS error code, e.g. `NotAuthorizedException`.
   * @param {string} message The exact message Cognito/STS sends.
   * @param {number} [status] HTTP status; Cognito answers 400 for every client error.
   */
  constructor(code, message, status = 400) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
  }
}

/** @param {string} message */
export const notAuthorized = (message) => new ServiceError('NotAuthorizedException', message);

/** @param {string} message */
export const invalidParameter = (message) => new ServiceError('InvalidParameterException', message);

/** @param {string} message */
export const resourceNotFound = (message) => new ServiceError('ResourceNotFoundException', message);

export const incorrectCredentials = () => notAuthorized('Incorrect username or password.');

/** @param {string} clientId */
export const secretHashMismatch = (clientId) =>
  notAuthorized(`Unable to verify secret hash for client ${clientId}`);

/** @param {string} clientId */
export const unknownClient = (clientId) => resourceNotFound(`User pool client ${clientId} does not exist.`);

// cognito-local's messages differ from Cognito's for these codes; its other messages pass through unchanged.
const COGNITO_MESSAGES = {
  CodeMismatchException: 'Invalid verification code provided, please try again.',
  UserNotFoundException: 'User does not exist.',
  UsernameExistsException: 'User already exists',
  PasswordResetRequiredException: 'Password reset required for the user',
  UserNotConfirmedException: 'User is not confirmed.'
};

/**
 * Turns an error thrown by a cognito-local target into a Cognito-shaped one.
 * @param {unknown} error
 * @returns {ServiceError}
 */
export function fromCognitoLocal(error) {
  if (error instanceof ServiceError) return error;
  const code = /** @type {{code?: unknown}} */ (error)?.code;
  if (typeof code === 'string') {
    // cognito-local reports a wrong password as InvalidPasswordException; Cognito says NotAuthorizedException.
    if (code === 'InvalidPasswordException') return incorrectCredentials();
    const known = /** @type {Record<string, string>} */ (COGNITO_MESSAGES)[code];
    return new ServiceError(code, known ?? String(/** @type {Error} */ (error).message));
  }
  if (error instanceof Error && error.constructor.name === 'UnsupportedError') {
    return new ServiceError(
      'UnsupportedOperationException',
      `The sandbox does not support this: ${error.message}`
    );
  }
  throw error;
}
