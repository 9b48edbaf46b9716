// @ts-check
// GetTokensFromRefreshToken, the refresh operation Amplify v6 uses (cognito-local lacks it), with refresh token
// rotation as the app client configures it. Without rotation it answers new id and access tokens only; with
// rotation also a new refresh token, and REFRESH_TOKEN_AUTH is no longer accepted for that client:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
import { assertFlowAllowed, requireClient } from './client-policy.js';
import { invalidParameter, notAuthorized } from './errors.js';

/** @param {import('./directory.js').ClientRecord} client */
export const rotates = (client) => client.RefreshTokenRotation?.Feature === 'ENABLED';

/** REFRESH_TOKEN_AUTH on a client that rotates refresh tokens. @param {import('./directory.js').ClientRecord} client */
export function assertNoRotation(client) {
  if (rotates(client)) {
    throw invalidParameter(
      'Refresh token rotation is enabled for this client: refresh with GetTokensFromRefreshToken.'
    );
  }
}

/**
 * @param {{directory: import('./directory.js').Directory, sessions: import('./sessions.js').Sessions}} deps
 */
export function createTokenRefresh({ directory, sessions }) {
  return {
    /** @param {Record<string, unknown>} body */
    async GetTokensFromRefreshToken(body) {
      const client = requireClient(directory, String(body.ClientId));
      assertFlowAllowed(client, 'REFRESH_TOKEN_AUTH');
      const AuthenticationResult = await sessions.refresh({
        client,
        token: String(body.RefreshToken),
        rotate: rotates(client),
        authenticateClient: () => {
          if (client.ClientSecret && body.ClientSecret !== client.ClientSecret) {
            throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
          }
        }
      });
      return { AuthenticationResult };
    }
  };
}
