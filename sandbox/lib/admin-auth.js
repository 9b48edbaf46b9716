// @ts-check
// IAM authentication of the user pool's administrative operations. In AWS only the operations a signed-out or
// signed-in *user* calls (SignUp, InitiateAuth, GetUser, ...) go unsigned; every other one (Admin*, ListUsers,
// Describe/Create/Update/Delete of pools and clients, groups, ...) needs a SigV4 signature by IAM credentials.
// The sandbox has one IAM principal: the admin key pair in seed/preset.json (printed in the banner).
//
// The unauthenticated operations are the ones AWS's model marks @optionalAuth, which the SDK turns into a
// "smithy.api#noAuth" option in @aws-sdk/client-cognito-identity-provider/dist-es/auth/httpAuthSchemeProvider.js
// (and likewise for @aws-sdk/client-cognito-identity).
// Errors, as AWS JSON services answer them:
//   no signature  MissingAuthenticationTokenException "Missing Authentication Token" (aws/aws-sdk-cpp#1622,
//                 aws/aws-sdk-net-extensions-cognito#95 for ListUsers; status 400 as in aws/aws-sdk-go-v2 reports)
//   unknown key   UnrecognizedClientException "The security token included in the request is invalid."
//   bad signature InvalidSignatureException "The request signature we calculated does not match ..."
//                 (aws/aws-sdk-js#1985, AdminInitiateAuth)
import { ServiceError } from './errors.js';
import { header, parseAuthorization, signatureMatches } from './sigv4.js';

/** @type {Record<string, {signingName: string, public: Set<string>}>} */
const SERVICES = {
  AWSCognitoIdentityProviderService: {
    signingName: 'cognito-idp',
    public: new Set([
      'AssociateSoftwareToken',
      'ChangePassword',
      'CompleteWebAuthnRegistration',
      'ConfirmDevice',
      'ConfirmForgotPassword',
      'ConfirmSignUp',
      'DeleteUser',
      'DeleteUserAttributes',
      'DeleteWebAuthnCredential',
      'ForgetDevice',
      'ForgotPassword',
      'GetDevice',
      'GetTokensFromRefreshToken',
      'GetUser',
      'GetUserAttributeVerificationCode',
      'GetUserAuthFactors',
      'GlobalSignOut',
      'InitiateAuth',
      'ListDevices',
      'ListWebAuthnCredentials',
      'ResendConfirmationCode',
      'RespondToAuthChallenge',
      'RevokeToken',
      'SetUserMFAPreference',
      'SetUserSettings',
      'SignUp',
      'StartWebAuthnRegistration',
      'UpdateAuthEventFeedback',
      'UpdateDeviceStatus',
      'UpdateUserAttributes',
      'VerifySoftwareToken',
      'VerifyUserAttribute'
    ])
  },
  AWSCognitoIdentityService: {
    signingName: 'cognito-identity',
    public: new Set(['GetCredentialsForIdentity', 'GetId', 'GetOpenIdToken', 'UnlinkIdentity'])
  }
};

/**
 * @param {string} service X-Amz-Target service
 * @param {string} operation
 * @returns {boolean} whether AWS requires IAM credentials for it
 */
export const needsIam = (service, operation) =>
  Object.hasOwn(SERVICES, service) && !SERVICES[service]?.public.has(operation);

const SKEW_SECONDS = 15 * 60;

/** @param {number} seconds @returns {string} ISO 8601 basic, as X-Amz-Date: 20250101T120000Z */
const amzDate = (seconds) =>
  new Date(seconds * 1000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

/**
 * @param {{accessKeyId: string, secretAccessKey: string}} admin the sandbox's IAM credentials
 * @param {() => number} [now] epoch seconds
 */
export function createAdminAuth(admin, now = () => Math.floor(Date.now() / 1000)) {
  /**
   * AWS refuses a signature more than 15 minutes away from its clock, in these words.
   * @param {string | undefined} signedAt X-Amz-Date
   */
  function assertFresh(signedAt) {
    const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(signedAt ?? '');
    if (!match) return; // a missing or malformed date fails the signature check itself
    const [, y, mo, d, h, mi, sec] = match;
    const at = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}Z`) / 1000;
    const time = now();
    if (at < time - SKEW_SECONDS) {
      throw new ServiceError(
        'InvalidSignatureException',
        `Signature expired: ${signedAt} is now earlier than ${amzDate(time - SKEW_SECONDS)} (${amzDate(time)} - 15 min.)`
      );
    }
    if (at > time + SKEW_SECONDS) {
      throw new ServiceError(
        'InvalidSignatureException',
        `Signature not yet current: ${signedAt} is still later than ${amzDate(time + SKEW_SECONDS)} (${amzDate(time)} + 15 min.)`
      );
    }
  }

  return {
    /**
     * Throws unless the request is signed by the admin credentials for this service.
     * @param {string} service
     * @param {import('./sigv4.js').SignedRequest} request
     */
    async assertSigned(service, request) {
      const authorization = header(request.headers, 'authorization');
      if (!authorization) {
        throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
      }
      const auth = parseAuthorization(authorization);
      if (!auth) {
        throw new ServiceError(
          'IncompleteSignatureException',
          'Authorization header requires a valid AWS4-HMAC-SHA256 signature.'
        );
      }
      if (auth.accessKeyId !== admin.accessKeyId || header(request.headers, 'x-amz-security-token')) {
        throw new ServiceError(
          'UnrecognizedClientException',
          'The security token included in the request is invalid.'
        );
      }
      const signingName = SERVICES[service]?.signingName;
      if (auth.service !== signingName) {
        throw new ServiceError(
          'InvalidSignatureException',
          `Credential should be scoped to correct service: '${signingName}'.`
        );
      }
      assertFresh(header(request.headers, 'x-amz-date'));
      if (!(await signatureMatches(request, auth, admin))) {
        throw new ServiceError(
          'InvalidSignatureException',
          'The request signature we calculated does not match the signature you provided. Check your AWS ' +
            'Secret Access Key and signing method. Consult the service documentation for details.'
        );
      }
    }
  };
}
