import type { ErrorDetails } from './lens-error';

/**
 * A plain-language explanation of an error, ready to show: what happened, why, and what to do.
 *
 * @example
 * ```ts
 * const { title, cause, fix, original } = explainError(err);
 * ```
 */
export interface Explanation {
  /** The code the explanation was found under: a {@link LensErrorCode}, an AWS `__type`, or a generic one. */
  readonly code: string;
  readonly title: string;
  readonly cause: string;
  readonly fix: string;
  /** The original message, verbatim, for the curious and for bug reports. */
  readonly original?: string;
}

/**
 * What an entry's `cause`/`fix` functions can use to be specific.
 *
 * @example
 * ```ts
 * const cause = (c: ExplainContext) => `Part ${String(c.details.part)}: ${c.message}`;
 * ```
 */
export interface ExplainContext {
  /** The original message (empty when there was none). */
  readonly message: string;
  /** `LensError.details`, or `{}`. */
  readonly details: ErrorDetails;
}

/**
 * A text, or a function of the error's message and details that returns one.
 *
 * @example
 * ```ts
 * const fix: ExplanationText = (c) => `Use ${String(c.details.suggestion)}`;
 * ```
 */
export type ExplanationText = string | ((context: ExplainContext) => string);

/**
 * One row of the explanation table. Several rows may share a `code` (AWS reuses
 * `NotAuthorizedException` for many causes): rows with `match` are tried first, in table order,
 * against the original message; the row without `match` is that code's fallback.
 *
 * @example
 * ```ts
 * const row: ExplanationEntry = {
 *   code: 'NotAuthorizedException',
 *   match: /Incorrect username or password/i,
 *   title: 'Wrong username or password',
 *   cause: 'Cognito did not accept this username and password pair.',
 *   fix: 'Check both; passwords are case-sensitive.'
 * };
 * ```
 */
export interface ExplanationEntry {
  readonly code: string;
  readonly match?: RegExp;
  readonly title: string;
  readonly cause: ExplanationText;
  readonly fix: ExplanationText;
}
