export { decodeToken, MAX_TOKEN_LENGTH } from './decode-token';
export type { DecodeTokenOptions } from './decode-token';
export { inspectToken } from './inspect-token';
export type { InvalidToken, TokenInspection } from './inspect-token';
export type {
  DecodedJwe,
  DecodedJws,
  DecodedToken,
  JsonObject,
  JsonValue,
  Jwk,
  Jwks,
  JwksSource,
  Normalization
} from './types';
export { describeClaim } from './describe-claim';
export type { ClaimLocation } from './describe-claim';
export type { ClaimInfo, ClaimLink, ClaimSource } from './claims';
export { describeTime, MILLISECONDS_THRESHOLD } from './describe-time';
export type { DescribeTimeOptions, TimeDescription } from './describe-time';
export { formatDuration } from './format-duration';
export { formatRelativeTime } from './format-relative-time';
export type { RelativeTimeOptions } from './format-relative-time';
export { parseJwks } from './parse-jwks';
export { jwksSourceFromJwks } from './jwks-source-from-jwks';
export { createJwksCache } from './create-jwks-cache';
export type { FetchLike, FetchResponseLike, JwksCache, JwksCacheDeps } from './create-jwks-cache';
export { ALLOWED_ALGORITHMS, verifyToken } from './verify-token';
export { CHECK_IDS } from './verification-types';
export type {
  Accepted,
  CheckId,
  CheckItem,
  CheckStatus,
  VerificationResult,
  VerifyDeps,
  VerifyOptions
} from './verification-types';
