export {
  COGNITO_INPUT_ERROR_CODES,
  JWKS_ERROR_CODES,
  LENS_ERROR_CODES,
  OAUTH_ERROR_CODES,
  TOKEN_ERROR_CODES,
  VERIFY_ERROR_CODES
} from './codes';
export type {
  CognitoInputErrorCode,
  JwksErrorCode,
  LensErrorCode,
  OAuthErrorCode,
  TokenErrorCode,
  VerifyErrorCode
} from './codes';
export {
  CognitoInputError,
  isLensError,
  JwksError,
  LensError,
  OAuthError,
  oauthError,
  TokenError,
  VerifyError
} from './lens-error';
export type { ErrorDetails, LensErrorOptions } from './lens-error';
export { explainError } from './explain-error';
export { EXPLANATIONS } from './explanations';
export type { ExplainContext, Explanation, ExplanationEntry, ExplanationText } from './explanation-types';
