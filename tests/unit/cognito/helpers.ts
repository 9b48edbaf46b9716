import { CognitoInputError } from '../../../src/lib/errors';

/** Run `parse` and return the CognitoInputError it throws (fail if it throws anything else or nothing). */
export function inputError(parse: () => unknown): CognitoInputError {
  try {
    parse();
  } catch (err) {
    if (err instanceof CognitoInputError) return err;
    throw err;
  }
  throw new Error('expected a CognitoInputError');
}
