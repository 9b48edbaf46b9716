import { factValue } from '../content/fact-value';
import type { ExplainContext, ExplanationEntry } from './explanation-types';

// The one table of explanations. Copy is data: to explain a new error, add a row here.
// Rows with `match` are tried before the row without one for the same code (see ExplanationEntry).

/** "part 2 (the payload)" from `details.part` / `details.partName`, or "a part" when unknown. */
function where({ details }: ExplainContext): string {
  const part = typeof details.part === 'number' ? `part ${details.part}` : 'a part';
  return typeof details.partName === 'string' ? `${part} (the ${details.partName})` : part;
}

function detail(context: ExplainContext, key: string, fallback: string): string {
  const value = context.details[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}

/** The message as one sentence: messages carry no final stop, but be lenient if one does. */
function sentence(message: string): string {
  return `${stripStop(message)}.`;
}

function stripStop(message: string): string {
  return message.trim().replace(/[.\s]+$/, '');
}

function list(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

const COGNITO_ID_SHAPES =
  'A user pool id has an underscore (eu-west-1_AbC123xyz); an identity pool id has a colon and a GUID ' +
  '(eu-west-1:1a2b3c4d-...); an app client id is 26 lowercase letters and digits.';

const TOKEN_ENTRIES: readonly ExplanationEntry[] = [
  {
    code: 'ERR_TOKEN_NOT_STRING',
    title: 'Not text',
    cause: 'The decoder was given something that is not a string.',
    fix: 'Pass the token as text.'
  },
  {
    code: 'ERR_TOKEN_EMPTY',
    title: 'Nothing to decode',
    cause: 'The token is empty, or only spaces.',
    fix: 'Paste an id or access token: a long string that starts with "eyJ".'
  },
  {
    code: 'ERR_TOKEN_TOO_LARGE',
    title: 'Too long to be a token',
    cause: (c) =>
      `This text is ${detail(c, 'length', 'too many')} characters long; anything over ` +
      `${detail(c, 'limit', '16384')} is refused so that a huge paste cannot freeze the page. ` +
      'Cognito id and access tokens are usually 1 to 3 KB.',
    fix: 'Copy just one token, not a whole log line or HTTP response.'
  },
  {
    code: 'ERR_TOKEN_PARTS',
    title: 'Not a JWT',
    cause: (c) => {
      const count = c.details.count;
      if (count === 1) return 'There is no dot in it, so it is not a JWT: maybe an opaque token or a code.';
      return `It has ${String(count)} parts separated by dots. A signed JWT has 3 (header.payload.signature) and an encrypted one (JWE) has 5.`;
    },
    fix: 'Copy the whole token: they are long and easy to cut short. Copy an id or access token, not a code or a session id.'
  },
  {
    code: 'ERR_TOKEN_PART_EMPTY',
    title: 'A part of the token is empty',
    cause: (c) => `There is nothing between the dots in ${where(c)}.`,
    fix: 'Copy the whole token again; something was cut out.'
  },
  {
    code: 'ERR_TOKEN_BASE64URL',
    title: 'Not valid base64url',
    cause: (c) => sentence(c.message),
    fix:
      'Each part of a token uses base64url: letters, digits, "-" and "_", without "=" padding. ' +
      'Spaces and line breaks usually come from copying a wrapped line: remove them. ' +
      '"+", "/" or "=" mean the text is standard base64, not a token part.'
  },
  {
    code: 'ERR_TOKEN_UTF8',
    title: 'Not text inside',
    cause: (c) => `${where(c)} decodes to bytes that are not UTF-8 text, so it cannot hold JSON.`,
    fix: 'The token may be cut short, or it is not a JWT.'
  },
  {
    code: 'ERR_TOKEN_JSON',
    title: 'Not JSON inside',
    cause: (c) =>
      `${where(c)} decodes to text that is not valid JSON (${detail(c, 'detail', 'parse error')}).`,
    fix: 'The token may be cut short or edited by hand. A JWT header and payload are always JSON objects.'
  },
  {
    code: 'ERR_TOKEN_NOT_OBJECT',
    title: 'JSON, but not an object',
    cause: (c) =>
      `${where(c)} is valid JSON, but ${detail(c, 'actualType', 'not an object')} rather than an object {...}.`,
    fix: 'A JWT header and payload are always JSON objects; this is not a JWT.'
  },
  {
    code: 'ERR_TOKEN_ENCRYPTED',
    title: 'Encrypted token (JWE)',
    cause:
      'This token has 5 parts: it is encrypted, not signed. A Cognito refresh token looks exactly like this: ' +
      'it is encrypted for the user pool, and only the user pool can read it.',
    fix:
      'Nobody but Cognito can decrypt or verify a refresh token. Use it only to get new tokens ' +
      '(InitiateAuth with REFRESH_TOKEN_AUTH, or the /oauth2/token endpoint). To see claims, paste the id or access token.'
  },
  {
    code: 'ERR_TOKEN_UNSECURED',
    title: 'Not signed at all',
    cause:
      'The signature part is empty: this is an "unsecured" JWT (alg "none"). Anyone can write one with any claims.',
    fix: 'Never accept it. Cognito always signs its tokens with RS256.'
  },
  {
    code: 'ERR_TOKEN_CLAIM_TYPE',
    title: 'A claim has the wrong type',
    cause: (c) =>
      `"${detail(c, 'claim', 'a claim')}" must be ${detail(c, 'expected', 'of another type')}, ` +
      `but it is ${detail(c, 'actualType', 'something else')}.`,
    fix: 'Cognito never issues this; the token was written by hand or by another issuer.'
  }
];

const JWKS_ENTRIES: readonly ExplanationEntry[] = [
  {
    code: 'ERR_JWKS_FETCH',
    title: 'Could not download the signing keys',
    cause: (c) =>
      `The request to ${detail(c, 'uri', 'the JWKS URL')} failed before any answer arrived. Browsers give no ` +
      'reason in that case: the address may be wrong (a typo in the region or pool id), you may be offline, ' +
      'or the server does not allow requests from this page (CORS).',
    fix:
      'Check the region and pool id in the issuer. Cognito serves its JWKS to any origin, so this is usually a ' +
      'typo or no network; for the local sandbox, check that it is running. You can also paste the JWKS by hand.'
  },
  {
    code: 'ERR_JWKS_HTTP',
    title: 'The key server said no',
    cause: (c) => {
      const status = c.details.status;
      if (status === 404 || status === 400)
        return `The JWKS URL answered ${String(status)}: there is no user pool with this id in this region.`;
      if (typeof status === 'number' && status >= 500)
        return `The JWKS URL answered ${status}: a temporary server error.`;
      return `The JWKS URL answered HTTP ${detail(c, 'status', '(unknown)')} instead of 200.`;
    },
    fix: 'Check the pool id and its region (the issuer URL must match the pool exactly). Retry if it was a server error.'
  },
  {
    code: 'ERR_JWKS_JSON',
    title: 'The keys are not JSON',
    cause: (c) => `The key set could not be read as JSON (${detail(c, 'detail', 'parse error')}).`,
    fix: (c) =>
      c.details.hint === 'pem'
        ? 'This is a PEM key. Paste the JWKS instead: the JSON at <issuer>/.well-known/jwks.json.'
        : 'Paste the JSON served at <issuer>/.well-known/jwks.json, or check that the URL returns it.'
  },
  {
    code: 'ERR_JWKS_SHAPE',
    title: 'Not a key set',
    cause: (c) => sentence(c.message),
    fix: 'A JWKS is a JSON object {"keys": [...]} in which each key has at least a "kty". Copy the whole file.'
  },
  {
    code: 'ERR_JWKS_KID_NOT_FOUND',
    title: 'Signing key not found',
    cause: (c) =>
      `The token says it was signed with key "${detail(c, 'kid', '?')}", and that key is not in the key set. ` +
      'The token comes from another user pool or issuer, or was forged; more rarely, the pool has just rotated its keys.',
    fix: "Check that the token's iss is the pool whose keys you loaded. Sandbox tokens only verify against the sandbox's keys."
  },
  {
    code: 'ERR_JWKS_BACKOFF',
    title: 'Waiting before asking again',
    cause: (c) =>
      'A token with an unknown key id was checked moments ago and the key set was downloaded again without it. ' +
      `To avoid hammering the server (aws-jwt-verify does the same), no new download for ${detail(c, 'retryInSeconds', 'a few')} s.`,
    fix: 'Wait a few seconds and retry. If the key is still missing, the token is not from this pool.'
  },
  {
    code: 'ERR_JWK_KTY',
    title: 'Wrong kind of key',
    cause: (c) => `The key this token points to has kty "${detail(c, 'actual', '?')}", not "RSA".`,
    fix: 'Cognito signs only with RSA keys. The token was not signed by Cognito, or the key set is not a Cognito one.'
  },
  {
    code: 'ERR_JWK_USE',
    title: 'Key not meant for signatures',
    cause: (c) =>
      `The key is marked "use": "${detail(c, 'actual', '?')}"; only "sig" keys may verify signatures.`,
    fix: 'Use the key set of the pool that issued the token; an encryption key must never be used to verify.'
  },
  {
    code: 'ERR_JWK_INVALID',
    title: 'Unusable key',
    cause: (c) => sentence(c.message),
    fix: 'An RSA public key needs "n" and "e". Copy the key set again, untouched.'
  }
];

const VERIFY_ENTRIES: readonly ExplanationEntry[] = [
  {
    code: 'ERR_VERIFY_OPTIONS',
    title: 'A verification setting is missing',
    cause: (c) => sentence(c.message),
    fix: 'Give every security option explicitly; use null to skip a check on purpose.'
  },
  {
    code: 'ERR_JWT_KID_MISSING',
    title: 'No key id',
    cause: 'The header has no "kid", so there is no way to tell which key signed the token.',
    fix: 'Cognito always sets kid; this token was not issued by a Cognito user pool.'
  },
  {
    code: 'ERR_JWT_ALG_NONE',
    title: 'alg "none" refused',
    cause:
      '"none" means the token is not signed. Accepting it would let anyone write a token with any claims: the oldest JWT attack.',
    fix: 'Refused outright, whatever the rest says. Cognito signs with RS256.'
  },
  {
    code: 'ERR_JWT_ALG_HMAC',
    title: 'HMAC algorithm refused',
    cause: (c) =>
      `${detail(c, 'actual', 'HS256')} is a shared-secret algorithm. A verifier that accepts it with an RSA public key ` +
      'as the "secret" can be fooled by anyone, because the public key is public.',
    fix: 'Refused outright. Cognito tokens use RS256 with a key from the JWKS.'
  },
  {
    code: 'ERR_JWT_ALG_UNSUPPORTED',
    title: 'Algorithm not allowed',
    cause: (c) =>
      `The header says alg "${detail(c, 'actual', '(none)')}"; only RS256, RS384 and RS512 are allowed.`,
    fix: 'Cognito signs with RS256; this token comes from another issuer.'
  },
  {
    code: 'ERR_JWT_ALG_MISMATCH',
    title: "Algorithm doesn't match the key",
    cause: (c) =>
      `The token says alg "${detail(c, 'actual', '?')}" but its key is declared for "${detail(c, 'expected', '?')}".`,
    fix: 'A key must only be used with its own algorithm. The header was changed, or the token is not from this issuer.'
  },
  {
    code: 'ERR_JWT_SIGNATURE',
    title: 'Signature does not match',
    cause:
      'The signature was not made by this key over this header and payload: the token was changed after it was signed, ' +
      'or it was signed by another key.',
    fix: 'Trust none of its claims. Get a fresh token from the user pool.'
  },
  {
    code: 'ERR_JWT_EXPIRED',
    title: 'Token expired',
    cause: (c) =>
      `${stripStop(c.message)}. Cognito id and access tokens live ${factValue('id-token-lifetime-range')} (${factValue('id-access-token-default-lifetime')} by default).`,
    fix: 'Get new tokens with the refresh token, or sign in again. If fresh tokens look expired, check this device\u2019s clock.'
  },
  {
    code: 'ERR_JWT_NOT_YET_VALID',
    title: 'Not valid yet',
    cause: (c) => `${stripStop(c.message)}. The issuer's clock or this device's clock is off.`,
    fix: "Check this device's clock, or allow a few seconds of clock tolerance."
  },
  {
    code: 'ERR_JWT_ISSUER',
    title: 'Issued by another pool',
    cause: (c) =>
      `The token's iss is ${JSON.stringify(c.details.actual ?? null)}, expected ${list(c.details.expected)}. ` +
      'It comes from another user pool, another region, the sandbox, or another identity provider.',
    fix: 'Check the user pool id and region you expect; they must match the iss claim exactly.'
  },
  {
    code: 'ERR_JWT_TOKEN_USE',
    title: 'Wrong kind of token',
    cause: (c) =>
      `token_use is ${JSON.stringify(c.details.actual ?? null)} but ${list(c.details.expected)} was expected: ` +
      'an id token where an access token belongs, or the reverse.',
    fix: 'APIs usually expect the access token; an identity pool (Logins) expects the id token.'
  },
  {
    code: 'ERR_JWT_CLIENT_ID',
    title: 'Issued for another app client',
    cause: (c) =>
      `The token was issued to app client ${JSON.stringify(c.details.actual ?? null)}, expected ${list(c.details.expected)}. ` +
      'Id tokens carry the client in "aud", access tokens in "client_id".',
    fix: 'Tokens are per app client. Check the app client id, or sign in with the client you mean.'
  },
  {
    code: 'ERR_JWT_GROUPS',
    title: 'Not in a required group',
    cause: (c) => `cognito:groups does not contain any of: ${list(c.details.expected)}.`,
    fix: 'Add the user to the group in the user pool, then refresh the tokens or sign in again: tokens carry the groups of the moment they were issued.'
  },
  {
    code: 'ERR_JWT_SCOPES',
    title: 'Missing scope',
    cause: (c) =>
      `The scope claim does not contain any of: ${list(c.details.expected)}. Sign-in through the API ` +
      '(InitiateAuth) usually grants only aws.cognito.signin.user.admin; OAuth scopes come from managed login.',
    fix: "Allow the scope on the app client and request it when signing in, or relax the API's requirement."
  },
  {
    code: 'ERR_UNEXPECTED',
    title: 'Unexpected failure',
    cause: (c) => `Something failed that should not have: ${stripStop(c.message) || 'no message'}.`,
    fix: 'Try again; if it keeps happening, report it with the original message.'
  }
];

const COGNITO_INPUT_ENTRIES: readonly ExplanationEntry[] = [
  {
    code: 'ERR_INPUT_EMPTY',
    title: 'Empty field',
    cause: (c) => sentence(c.message),
    fix: 'Fill it in; the Cognito console shows every id on the pool or app client page.'
  },
  {
    code: 'ERR_INPUT_PADDED',
    title: 'Spaces or quotes around the value',
    cause: (c) =>
      `${stripStop(c.message)}. Values copied from JSON, a terminal or a spreadsheet often bring these along.`,
    fix: (c) => `Remove them: use ${JSON.stringify(c.details.suggestion ?? '')}.`
  },
  {
    code: 'ERR_REGION_INVALID',
    title: 'Not a region code',
    cause: (c) => sentence(c.message),
    fix: 'Use the code, like us-east-1 or eu-central-1; it is the start of the user pool id.'
  },
  {
    code: 'ERR_USER_POOL_ID_INVALID',
    title: 'Not a user pool id',
    cause: (c) => sentence(c.message),
    fix: `${COGNITO_ID_SHAPES} The user pool id is on the pool's overview page in the Cognito console.`
  },
  {
    code: 'ERR_USER_POOL_ID_REGION_MISMATCH',
    title: 'Pool id and region disagree',
    cause: (c) =>
      `The pool id starts with ${detail(c, 'poolRegion', '?')} but the region is ${detail(c, 'region', '?')}. ` +
      'A user pool lives in one region, and its id starts with it.',
    fix: (c) => `Set the region to ${detail(c, 'poolRegion', "the pool's own")}.`
  },
  {
    code: 'ERR_USER_POOL_ID_IS_IDENTITY_POOL_ID',
    title: 'That is an identity pool id',
    cause:
      'This is an identity pool id (region, colon, GUID). User pools and identity pools are separate products with separate ids; mixing them up is the most common slip.',
    fix: `Put it in the identity pool field. ${COGNITO_ID_SHAPES}`
  },
  {
    code: 'ERR_IDENTITY_POOL_ID_INVALID',
    title: 'Not an identity pool id',
    cause: (c) => sentence(c.message),
    fix: `${COGNITO_ID_SHAPES} It is on the identity pool's page in the Cognito console.`
  },
  {
    code: 'ERR_IDENTITY_POOL_ID_REGION_MISMATCH',
    title: 'Identity pool id and region disagree',
    cause: (c) =>
      `The identity pool id starts with ${detail(c, 'poolRegion', '?')} but the region is ${detail(c, 'region', '?')}.`,
    fix: (c) => `Set the region to ${detail(c, 'poolRegion', "the pool's own")}.`
  },
  {
    code: 'ERR_IDENTITY_POOL_ID_IS_USER_POOL_ID',
    title: 'That is a user pool id',
    cause:
      'This is a user pool id (region, underscore, letters and digits). An identity pool has its own id, with a colon and a GUID; mixing them up is the most common slip.',
    fix: `Put it in the user pool field. ${COGNITO_ID_SHAPES}`
  },
  {
    code: 'ERR_CLIENT_ID_INVALID',
    title: 'Not an app client id',
    cause: (c) => sentence(c.message),
    fix: 'Real app client ids are 26 lowercase letters and digits (the API accepts 1 to 128 letters, digits, "_" and "+"). Find it under App clients in the user pool.'
  },
  {
    code: 'ERR_CLIENT_ID_IS_POOL_ID',
    title: 'That is a pool id',
    cause: (c) => sentence(c.message),
    fix: `Use the app client id, from the App clients page of the user pool. ${COGNITO_ID_SHAPES}`
  },
  {
    code: 'ERR_CLIENT_ID_LOOKS_LIKE_SECRET',
    title: 'That looks like the client secret',
    cause: 'It is about twice as long as an app client id, like an app client secret.',
    fix: 'Use the client id. A browser app must use an app client without a secret: anything shipped to a browser is public.'
  },
  {
    code: 'ERR_ENDPOINT_INVALID',
    title: 'Not an endpoint URL',
    cause: (c) => sentence(c.message),
    fix: 'Give an origin only, such as http://127.0.0.1:9229 for the local sandbox: scheme, host and port, no path.'
  },
  {
    code: 'ERR_PLAIN_PASSWORD_FOREIGN_HOST',
    title: 'Plain password refused for this host',
    cause: (c) => sentence(c.message),
    fix: "Use SRP (the password never leaves the browser), or point the endpoint at your region's Cognito host (leave it empty) or the local sandbox."
  },
  {
    code: 'ERR_ISSUER_INVALID',
    title: 'Not an issuer URL',
    cause: (c) => sentence(c.message),
    fix: 'A Cognito issuer looks like https://cognito-idp.<region>.amazonaws.com/<userPoolId>.'
  }
];

// AWS service errors, matched on the error's name / __type and then its message.
const AWS_ENTRIES: readonly ExplanationEntry[] = [
  {
    code: 'NotAuthorizedException',
    match: /Incorrect username or password/i,
    title: 'Wrong username or password',
    cause: 'Cognito did not accept this username and password pair.',
    fix: 'Check both; passwords are case-sensitive. Usernames may be case-sensitive too, depending on the pool.'
  },
  {
    code: 'NotAuthorizedException',
    match: /User is disabled/i,
    title: 'User disabled',
    // Disabled is the separate Enabled flag, not a UserStatus.
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserType.html
    cause:
      "An administrator disabled this user (the user's Enabled flag is false), whatever the user's status.",
    fix: 'Enable the user (AdminEnableUser, or the console) to allow sign-in again.'
  },
  {
    code: 'NotAuthorizedException',
    match: /secret hash|configured (with|for) secret/i,
    title: 'The app client has a secret',
    cause:
      'This app client was created with a client secret, so every call must include a SECRET_HASH. A browser cannot keep a secret.',
    fix: 'Create an app client without a secret (a "public client") for browser apps, and use its id here.'
  },
  {
    code: 'NotAuthorizedException',
    match: /Not a valid OpenId Connect identity token|Missing a required claim: aud/i,
    title: 'An access token where the id token belongs',
    cause:
      "An identity pool accepts OpenID Connect id tokens in Logins: it checks the token's aud against the app " +
      'clients it trusts. A user pool access token has no aud (its client is in client_id), so it is refused.',
    fix: 'Put the user pool id token, not the access token, under Logins["cognito-idp.<region>.amazonaws.com/<userPoolId>"].'
  },
  {
    // The Logins key names a provider whose issuer is not the token's iss. An unconfigured provider is the
    // "not from a supported provider" row below.
    // https://repost.aws/questions/QU55Y85-lERBGLehVrKdjw_Q (AWS support answer on both messages)
    code: 'NotAuthorizedException',
    match: /Issuer doesn't match providerName/i,
    title: "The Logins key doesn't match the token's issuer",
    cause:
      "The key of the Logins map names a provider, and the token's iss claim names another: a typo in the key, " +
      'the wrong region or user pool id, or a token from another user pool (dev instead of prod).',
    fix:
      "Build the key from the token's own iss: cognito-idp.<region>.amazonaws.com/<userPoolId> is the iss without " +
      '"https://". Check the region and pool id character by character.'
  },
  {
    code: 'NotAuthorizedException',
    match: /Unauthenticated access is not supported/i,
    title: 'Guest access is off',
    cause:
      'GetId or GetCredentialsForIdentity was called without Logins, and this identity pool does not allow guests.',
    fix: 'Sign in first and pass the id token in Logins, or turn on guest (unauthenticated) access in the identity pool.'
  },
  {
    // https://repost.aws/questions/QU55Y85-lERBGLehVrKdjw_Q: the token's aud is not the app client configured
    // on the identity pool, or the provider name configured there does not match the token's iss.
    code: 'NotAuthorizedException',
    match: /not from a supported provider/i,
    title: 'Token from a provider the identity pool does not know',
    cause:
      "The token's issuer and app client (aud) are not one of the identity pool's authentication providers: " +
      'the user pool or the app client was never added, or the user signed in with another app client.',
    fix: 'Add that user pool and app client to the identity pool, or sign in with the app client it already trusts.'
  },
  {
    code: 'NotAuthorizedException',
    match: /Refresh Token has (expired|been revoked)|Invalid Refresh Token/i,
    title: 'Refresh token no longer valid',
    cause: `The refresh token expired (${factValue('refresh-token-default-lifetime')} by default) or was revoked by a sign-out.`,
    fix: 'Sign in again to get a new set of tokens.'
  },
  {
    code: 'NotAuthorizedException',
    match: /expired/i,
    title: 'Token expired',
    cause: `The token sent to Cognito has expired; id and access tokens last ${factValue('id-access-token-default-lifetime')} by default.`,
    fix: 'Refresh the tokens (or sign in again) and retry with the new id token.'
  },
  {
    code: 'NotAuthorizedException',
    match: /Password attempts exceeded/i,
    title: 'Too many wrong passwords',
    cause: 'Cognito temporarily locks sign-in after repeated failures.',
    fix: 'Wait a while before trying again, or reset the password.'
  },
  {
    code: 'NotAuthorizedException',
    title: 'Not authorized',
    cause: (c) => `Cognito refused the request: ${stripStop(c.message) || 'no reason given'}.`,
    fix: 'Check the credentials or token you sent, and that they belong to this pool and app client.'
  },
  {
    code: 'UserNotConfirmedException',
    title: 'Account not confirmed',
    cause: 'The user signed up but has not entered the confirmation code sent by email or SMS.',
    fix: 'Confirm the sign-up with the code (ConfirmSignUp), resend it (ResendConfirmationCode), or confirm the user as an administrator.'
  },
  {
    code: 'PasswordResetRequiredException',
    title: 'Password reset required',
    cause: 'An administrator requested a password reset, or the user was imported without a password.',
    fix: 'Run the forgot-password flow (ForgotPassword, then ConfirmForgotPassword) and sign in with the new password.'
  },
  {
    code: 'UserNotFoundException',
    title: 'No such user',
    cause:
      'There is no user with this username in this pool. (With "prevent user existence errors" on, Cognito reports "Incorrect username or password" instead, so nobody can probe which users exist.)',
    fix: 'Check the username, and that the app uses the right user pool and region.'
  },
  {
    code: 'UsernameExistsException',
    title: 'Username taken',
    cause: 'A user with this username (or email, if emails are usernames) already exists in the pool.',
    fix: 'Sign in instead, or choose another username.'
  },
  {
    code: 'InvalidPasswordException',
    title: 'Password too weak',
    cause: (c) =>
      `The password does not meet the pool's password policy: ${stripStop(c.message) || 'see the policy'}.`,
    fix: 'Use a longer password with the character kinds the policy requires.'
  },
  {
    code: 'CodeMismatchException',
    title: 'Wrong code',
    cause: 'The confirmation or MFA code does not match the one Cognito sent.',
    fix: 'Check the latest message and type the code again.'
  },
  {
    code: 'ExpiredCodeException',
    title: 'Code expired',
    cause: 'The code was already used or is too old.',
    fix: 'Ask for a new code and use it promptly.'
  },
  {
    code: 'InvalidParameterException',
    match: /USER_SRP_AUTH is not enabled/i,
    title: 'SRP sign-in not allowed for this client',
    cause: 'The app client does not list ALLOW_USER_SRP_AUTH among its authentication flows.',
    fix: 'Enable "ALLOW_USER_SRP_AUTH" in the app client\'s authentication flows.'
  },
  {
    code: 'InvalidParameterException',
    match: /USER_PASSWORD_AUTH flow not enabled/i,
    title: 'Password sign-in not allowed for this client',
    cause: 'The app client does not list ALLOW_USER_PASSWORD_AUTH among its authentication flows.',
    fix: 'Enable "ALLOW_USER_PASSWORD_AUTH" on the app client, or sign in with SRP instead (which never sends the password).'
  },
  {
    // https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
    code: 'InvalidParameterException',
    match: /USER_AUTH flow not enabled/i,
    title: 'Choice-based sign-in not allowed for this client',
    cause:
      'The app client does not list ALLOW_USER_AUTH among its authentication flows, so InitiateAuth refuses AuthFlow USER_AUTH.',
    fix: 'Enable "ALLOW_USER_AUTH" on the app client and choose the first factors in the pool\'s sign-in options, or sign in with SRP instead.'
  },
  {
    code: 'InvalidParameterException',
    match: /flow not enabled|not enabled for (this )?client/i,
    title: 'Sign-in flow not allowed for this client',
    cause: (c) => `The app client does not allow this authentication flow: ${stripStop(c.message)}.`,
    fix: "Enable the flow in the app client's authentication flows."
  },
  {
    code: 'InvalidParameterException',
    match: /SECRET_HASH/,
    title: 'The app client has a secret',
    cause: 'This app client was created with a client secret, so every call must include a SECRET_HASH.',
    fix: 'Create an app client without a secret for browser apps, and use its id here.'
  },
  {
    code: 'InvalidParameterException',
    title: 'Invalid parameter',
    cause: (c) => `Cognito rejected a parameter: ${stripStop(c.message) || 'no detail given'}.`,
    fix: 'Check the values sent, especially ids and attribute names.'
  },
  {
    code: 'ResourceNotFoundException',
    match: /User pool client .* does not exist/i,
    title: 'App client not found',
    cause: 'No app client with this id exists in this region: a typo in the id, or the wrong region.',
    fix: 'Copy the app client id from the user pool, and check the region matches the pool id prefix.'
  },
  {
    code: 'ResourceNotFoundException',
    match: /IdentityPool|identity pool/i,
    title: 'Identity pool not found',
    cause: 'No identity pool with this id exists in this region.',
    fix: 'Copy the identity pool id (region:GUID) from the console; its region must match the endpoint.'
  },
  {
    code: 'ResourceNotFoundException',
    title: 'Not found',
    cause: (c) => `Cognito could not find it: ${stripStop(c.message) || 'no detail given'}.`,
    fix: 'Check the ids and the region.'
  },
  {
    code: 'InvalidIdentityPoolConfigurationException',
    title: 'Identity pool roles are misconfigured',
    cause:
      "The identity pool has no IAM role for this kind of user, or the role's trust policy does not trust this identity pool.",
    fix:
      'Assign authenticated (and guest) roles in the identity pool. Each role must trust cognito-identity.amazonaws.com ' +
      'with conditions on cognito-identity.amazonaws.com:aud = the identity pool id and amr = authenticated (or unauthenticated).'
  },
  {
    // STS's code has no "Exception" suffix: AccessDenied -- Not authorized to perform sts:AssumeRoleWithWebIdentity.
    // https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
    code: 'AccessDenied',
    match: /AssumeRoleWithWebIdentity/i,
    title: 'The role does not trust this identity pool',
    cause:
      "STS refused AssumeRoleWithWebIdentity: the role's trust policy does not accept this token (another identity " +
      'pool in aud, or amr authenticated where the token is a guest one, or the reverse).',
    fix: 'Check the trust policy: principal cognito-identity.amazonaws.com, aud = identity pool id, amr = authenticated (or unauthenticated for the guest role).'
  },
  {
    code: 'TooManyRequestsException',
    title: 'Too many requests',
    cause: 'Cognito throttled the calls: a quota per second was exceeded.',
    fix: 'Wait a moment and retry, slower.'
  },
  {
    code: 'LimitExceededException',
    title: 'Limit exceeded',
    cause: (c) => `A Cognito limit was reached: ${stripStop(c.message) || 'no detail given'}.`,
    fix: 'Wait and retry; for codes and emails, Cognito limits how often they can be sent.'
  },
  {
    code: 'ERR_OAUTH_STATE',
    title: 'Sign-in redirect not from this tab',
    cause: (c) =>
      `The managed login sent the browser back with a code, but its state does not match a sign-in this tab started (${stripStop(c.message)}). Refusing it protects against a forged redirect (login CSRF).`,
    fix: 'Start the managed login again from this tab.'
  },
  {
    code: 'ERR_SIGN_IN_WINDOW_BLOCKED',
    title: 'The sign-in window was blocked',
    cause: () =>
      'The run signs in at the identity provider in a small window of its own, and the browser did not let this page open it (a pop-up blocker).',
    fix: 'Allow pop-ups for this site (the icon at the end of the address bar), then press the button again.'
  },
  {
    code: 'ERR_SIGN_IN_WINDOW_CLOSED',
    title: 'The sign-in window was closed',
    cause: () => 'The sign-in window was closed before the identity provider sent it back with an answer.',
    fix: 'Start again and finish the sign-in in the window; it closes by itself when the run ends.'
  },
  {
    code: 'ERR_OAUTH_DENIED',
    title: 'Sign-in was refused or cancelled',
    cause: (c) => `The managed login or the identity provider refused the sign-in: ${stripStop(c.message)}.`,
    fix: 'Try again; if a social or SAML provider refused, check its app settings and the attribute mapping.'
  },
  {
    code: 'ERR_OAUTH_CODE',
    title: 'The authorization code was not accepted',
    cause: (c) =>
      `/oauth2/token refused the code (${stripStop(c.message)}). Codes are single-use and short-lived, and the PKCE verifier must match the challenge sent at the start.`,
    fix: 'Start the managed login again; do not reload the page with an old ?code= in it.'
  },
  {
    code: 'ERR_OAUTH_REDIRECT',
    title: 'Callback URL not allowed',
    cause: (c) =>
      `The app client does not list this page as an allowed callback URL: ${stripStop(c.message)}.`,
    fix: "Add this playground address (ending in /playground) to the app client's allowed callback URLs."
  },
  {
    code: 'ERR_OAUTH_CLIENT',
    title: 'The app client cannot use the managed login',
    cause: (c) =>
      `The app client was refused (${stripStop(c.message)}): it may have a secret, or the authorization code grant is not enabled for it.`,
    fix: 'Use a public app client (no secret) with the authorization code grant and the openid scope enabled.'
  },
  {
    code: 'ERR_OAUTH_SCOPE',
    title: 'A scope is not allowed',
    cause: (c) => `The app client does not allow a requested scope: ${stripStop(c.message)}.`,
    fix: 'Allow openid, email and profile on the app client.'
  },
  {
    code: 'ERR_OAUTH',
    title: 'Managed login failed',
    cause: (c) => `The managed login answered with an error: ${stripStop(c.message)}.`,
    fix: 'Check the domain and the app client settings, then start again.'
  },
  // S3 with identity pool credentials (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
  {
    code: 'AccessDenied',
    title: "The role's policy does not allow this",
    cause: (c) =>
      `S3 refused the request because the role these credentials belong to has no statement that allows it (or one that denies it): ${stripStop(c.message)}.`,
    fix: "Compare the action and the object key with the role's policy: with ${cognito-identity.amazonaws.com:sub} in a resource, each identity may use only its own private/<identity id>/ folder."
  },
  {
    code: 'NoSuchKey',
    title: 'No such file',
    cause: 'The bucket has no object under this key (the credentials were allowed to look).',
    fix: 'List the folder to see which keys exist, or upload the file first.'
  },
  {
    code: 'NoSuchBucket',
    title: 'No such bucket',
    cause: 'The bucket name does not exist, or not in this region.',
    fix: 'Check the bucket name and the region.'
  },
  {
    code: 'EntityTooLarge',
    title: 'File too large',
    cause: 'The upload is bigger than the bucket allows for one request.',
    fix: 'Choose a smaller file (the sandbox bucket takes up to 5 MiB; S3 itself takes 5 GiB per PutObject).'
  },
  {
    code: 'ExpiredToken',
    title: 'Credentials expired',
    cause:
      `The temporary credentials have passed their expiration: ${factValue('enhanced-flow-credentials-lifetime')} after GetCredentialsForIdentity (enhanced flow), ` +
      'or the DurationSeconds the app asked STS for (basic flow).',
    fix: 'Get new credentials from the identity pool (run the flow again); an app refreshes them before they expire.'
  },
  {
    code: 'InvalidToken',
    title: 'Session token not recognised',
    cause: 'The session token sent with the request is not one the service issued, or it was altered.',
    fix: 'Use the three values of one set of credentials together: access key id, secret key and session token.'
  },
  {
    code: 'SignatureDoesNotMatch',
    title: 'Signature does not match',
    cause:
      'The request was signed with a secret key that does not belong to the access key id, or it changed after signing.',
    fix: 'Use the secret key that came with these credentials, and do not change a request after the SDK signed it.'
  },
  {
    code: 'ERR_NETWORK',
    title: 'No answer from the server',
    cause:
      'The request failed before any answer arrived, so there is no AWS error to show. Typical causes: a wrong region or a typo in the endpoint, being offline, or a server that does not allow calls from this page (CORS).',
    fix: 'Check the region and ids (the endpoint is built from the region), your connection, and for the local sandbox that it is running.'
  },
  {
    code: 'ERR_TIMEOUT',
    title: 'Request cancelled or timed out',
    cause: 'The request took too long or was cancelled.',
    fix: 'Check your connection and retry.'
  },
  {
    code: 'ERR_UNKNOWN',
    title: 'Something went wrong',
    cause: (c) =>
      c.message ? `An unexpected error: ${stripStop(c.message)}.` : 'An unexpected error, without a message.',
    fix: 'Retry. If it keeps happening, the original message below may help.'
  }
];

/**
 * The explanation table: every {@link LensErrorCode}, the Cognito and identity pool service errors users
 * actually hit, network failures, and the generic fallback `ERR_UNKNOWN`.
 *
 * @example
 * ```ts
 * EXPLANATIONS.filter((row) => row.code === 'NotAuthorizedException').length; // several
 * ```
 */
export const EXPLANATIONS: readonly ExplanationEntry[] = [
  ...TOKEN_ENTRIES,
  ...JWKS_ENTRIES,
  ...VERIFY_ENTRIES,
  ...COGNITO_INPUT_ENTRIES,
  ...AWS_ENTRIES
];
