import { CognitoInputError } from '../errors/lens-error';

const QUOTES = /^["'`\u201c\u201d\u2018\u2019]+|["'`\u201c\u201d\u2018\u2019]+$/g;

/**
 * Internal: the value of a settings field, refusing empty input and input padded with spaces or quotes
 * (with the cleaned value as `details.suggestion`, so the page can offer it).
 *
 * @example
 * ```ts
 * cleanInput(' "us-east-1" ', 'region', 'The region'); // throws ERR_INPUT_PADDED, suggestion 'us-east-1'
 * ```
 */
export function cleanInput(input: unknown, field: string, name: string): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new CognitoInputError('ERR_INPUT_EMPTY', `${name} is empty`, { details: { field } });
  }
  let cleaned = input.trim();
  for (let previous = ''; previous !== cleaned;) {
    previous = cleaned;
    cleaned = cleaned.replace(QUOTES, '').trim();
  }
  if (cleaned === '') {
    throw new CognitoInputError('ERR_INPUT_EMPTY', `${name} is empty`, { details: { field } });
  }
  if (cleaned !== input) {
    const quoted = input.trim() !== cleaned;
    const spaced = input.trim() !== input;
    const what = quoted && spaced ? 'spaces and quotes' : quoted ? 'quotes' : 'spaces';
    throw new CognitoInputError('ERR_INPUT_PADDED', `${name} has ${what} around it`, {
      details: { field, suggestion: cleaned }
    });
  }
  return cleaned;
}
