import type * as CognitoIdentity from '@aws-sdk/client-cognito-identity';
import type * as Sts from '@aws-sdk/client-sts';
import type * as FetchHttp from '@smithy/fetch-http-handler';
import type { CallerIdentity, Credentials } from './types';

export type { CallerIdentity, Credentials };

/** The AWS SDK pieces the identity-pool flows use, passed in so the page loads them only when needed. */
export interface IdentitySdk {
  identity: Pick<
    typeof CognitoIdentity,
    'CognitoIdentityClient' | 'GetIdCommand' | 'GetCredentialsForIdentityCommand' | 'GetOpenIdTokenCommand'
  >;
  sts: Pick<typeof Sts, 'STSClient' | 'GetCallerIdentityCommand' | 'AssumeRoleWithWebIdentityCommand'>;
  /** The SDK's fetch handler, given the runner's traced fetch (`customFetch`). */
  http: Pick<typeof FetchHttp, 'FetchHttpHandler'>;
}

export interface IdentityTarget {
  region: string;
  identityPoolId: string;
  /** An endpoint override for both Cognito Identity and STS (the local sandbox); '' for AWS. */
  endpoint: string;
  /** The fetch every request goes through (the runner's traced fetch). */
  fetch: typeof fetch;
  /** More SDK client options (the recorder fixes the user agent and retries). */
  clientOptions?: Record<string, unknown>;
}

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null || value === '') {
    throw new Error(`The response has no ${what}.`);
  }
  return value;
}

/**
 * Identity pool and STS calls with the official AWS SDK v3 clients. GetId, GetCredentialsForIdentity,
 * GetOpenIdToken and AssumeRoleWithWebIdentity are unauthenticated operations: no AWS credentials are needed
 * to call them, only the identity provider's token in `Logins`.
 *
 * @example
 * const client = new IdentityPoolClient(sdk, { region: 'us-east-1', identityPoolId, endpoint: '' });
 * const identityId = await client.getId({ [loginsKey]: idToken });
 */
export class IdentityPoolClient {
  #sdk: IdentitySdk;
  #target: IdentityTarget;
  #identity: CognitoIdentity.CognitoIdentityClient;

  constructor(sdk: IdentitySdk, target: IdentityTarget) {
    this.#sdk = sdk;
    this.#target = target;
    this.#identity = new sdk.identity.CognitoIdentityClient(this.#options());
  }

  /** GetId: the identity id for this user (or a new guest identity when `logins` is empty). */
  async getId(logins: Record<string, string> | undefined): Promise<string> {
    const result = await this.#identity.send(
      new this.#sdk.identity.GetIdCommand({ IdentityPoolId: this.#target.identityPoolId, Logins: logins })
    );
    return required(result.IdentityId, 'IdentityId');
  }

  /** GetCredentialsForIdentity (the enhanced flow): the pool picks the role and returns its credentials. */
  async getCredentials(
    identityId: string,
    logins: Record<string, string> | undefined,
    customRoleArn?: string
  ): Promise<Credentials> {
    const result = await this.#identity.send(
      new this.#sdk.identity.GetCredentialsForIdentityCommand({
        IdentityId: identityId,
        Logins: logins,
        ...(customRoleArn ? { CustomRoleArn: customRoleArn } : {})
      })
    );
    const credentials = required(result.Credentials, 'Credentials');
    return {
      accessKeyId: required(credentials.AccessKeyId, 'AccessKeyId'),
      secretAccessKey: required(credentials.SecretKey, 'SecretKey'),
      sessionToken: required(credentials.SessionToken, 'SessionToken'),
      expiration: required(credentials.Expiration, 'Expiration')
    };
  }

  /** GetOpenIdToken (the basic flow, step 2): a short-lived OpenID token issued by the identity pool. */
  async getOpenIdToken(identityId: string, logins: Record<string, string> | undefined): Promise<string> {
    const result = await this.#identity.send(
      new this.#sdk.identity.GetOpenIdTokenCommand({ IdentityId: identityId, Logins: logins })
    );
    return required(result.Token, 'Token');
  }

  /** STS AssumeRoleWithWebIdentity (the basic flow, step 3): the app names the role itself. */
  async assumeRoleWithWebIdentity(
    roleArn: string,
    webIdentityToken: string,
    sessionName: string
  ): Promise<{ credentials: Credentials; assumedRoleArn: string }> {
    const result = await this.#sts().send(
      new this.#sdk.sts.AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        WebIdentityToken: webIdentityToken,
        RoleSessionName: sessionName
      })
    );
    const credentials = required(result.Credentials, 'Credentials');
    return {
      credentials: {
        accessKeyId: required(credentials.AccessKeyId, 'AccessKeyId'),
        secretAccessKey: required(credentials.SecretAccessKey, 'SecretAccessKey'),
        sessionToken: required(credentials.SessionToken, 'SessionToken'),
        expiration: required(credentials.Expiration, 'Expiration')
      },
      assumedRoleArn: result.AssumedRoleUser?.Arn ?? ''
    };
  }

  /** STS GetCallerIdentity, signed with the given credentials: proves they work and names the role. */
  async getCallerIdentity(credentials: Credentials): Promise<CallerIdentity> {
    const result = await this.#sts(credentials).send(new this.#sdk.sts.GetCallerIdentityCommand({}));
    return {
      Arn: required(result.Arn, 'Arn'),
      Account: required(result.Account, 'Account'),
      UserId: required(result.UserId, 'UserId')
    };
  }

  #sts(credentials?: Credentials): Sts.STSClient {
    return new this.#sdk.sts.STSClient({
      ...this.#options(),
      ...(credentials
        ? {
            credentials: {
              accessKeyId: credentials.accessKeyId,
              secretAccessKey: credentials.secretAccessKey,
              sessionToken: credentials.sessionToken
            }
          }
        : {})
    });
  }

  #options() {
    const { region, endpoint, fetch: customFetch, clientOptions } = this.#target;
    return {
      region,
      ...(endpoint ? { endpoint } : {}),
      requestHandler: new this.#sdk.http.FetchHttpHandler({ customFetch }),
      ...clientOptions
    };
  }

  /** Release the SDK clients' resources (the recorder calls it at the end). */
  destroy(): void {
    this.#identity.destroy();
  }
}
