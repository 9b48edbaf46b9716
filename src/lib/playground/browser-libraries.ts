// The libraries the playground's flows load in a browser, each only when a flow first needs it (they are the
// heavy part: the SRP client, the AWS SDK clients, the OAuth client). One list for every page that runs flows.
import type { FlowsDeps } from './flows';
import type { OAuthLibrary } from './idp-federation';

export const browserLibraries: Pick<FlowsDeps, 'loadCognito' | 'loadIdentitySdk'> & {
  loadOAuth: () => Promise<OAuthLibrary>;
} = {
  loadCognito: () => import('amazon-cognito-identity-js'),
  // The AWS SDK clients load only when the identity pool part is used.
  loadIdentitySdk: async () => {
    const [identity, sts, http] = await Promise.all([
      import('@aws-sdk/client-cognito-identity'),
      import('@aws-sdk/client-sts'),
      import('@smithy/fetch-http-handler')
    ]);
    return { identity, sts, http };
  },
  loadOAuth: () => import('oauth4webapi')
};
