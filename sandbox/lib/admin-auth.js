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

/**
 * @param {{accessKeyId: string, secretAccessKey: string}} admin the sandbox's IAM credentials
 */
export function createAdminAuth(admin) {
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
