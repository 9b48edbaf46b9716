// A user pool's identity providers through the SDK, admin-signed, in the shapes of the API reference:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html,
// API_IdentityProviderType.html (UserPoolId, ProviderName, ProviderType, ProviderDetails, AttributeMapping,
// IdpIdentifiers, LastModifiedDate, CreationDate) and API_ProviderDescription.html (ListIdentityProviders).
import {
  CognitoIdentityProviderClient,
  CreateIdentityProviderCommand,
  DeleteIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  GetIdentityProviderByIdentifierCommand,
  ListIdentityProvidersCommand,
  UpdateIdentityProviderCommand
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { idp } from './federation-support';
import { endpoint, expectAwsError, idpUrl, preset, region, uniqueName, userPoolClient } from './support';

const admin = userPoolClient();
const UserPoolId = preset.userPoolId;

describe('identity provider registration', () => {
  it('the seed registers LensIdP: OIDC, its issuer, attribute mapping and idp_identifier', async () => {
    const { IdentityProvider } = await admin.send(
      new DescribeIdentityProviderCommand({ UserPoolId, ProviderName: 'LensIdP' })
    );
    expect(IdentityProvider).toMatchObject({
      UserPoolId,
      ProviderName: 'LensIdP',
      ProviderType: 'OIDC',
      ProviderDetails: {
        client_id: idp.poolClient.id,
        client_secret: idp.poolClient.secret,
        attributes_request_method: 'GET',
        oidc_issuer: idpUrl,
        authorize_scopes: 'openid email profile',
        attributes_url_add_attributes: 'false'
      },
      AttributeMapping: { email: 'email', name: 'name', picture: 'picture', username: 'sub' },
      IdpIdentifiers: ['lens-idp.example']
    });
    expect(IdentityProvider?.CreationDate).toBeInstanceOf(Date);
    expect(IdentityProvider?.LastModifiedDate).toBeInstanceOf(Date);
    const byIdentifier = await admin.send(
      new GetIdentityProviderByIdentifierCommand({ UserPoolId, IdpIdentifier: 'lens-idp.example' })
    );
    expect(byIdentifier.IdentityProvider?.ProviderName).toBe('LensIdP');
  });

  it('creates, lists, updates and deletes an OIDC provider', async () => {
    const name = uniqueName('Idp').slice(0, 32);
    const details = {
      client_id: 'another-client',
      client_secret: 'another-secret',
      attributes_request_method: 'GET',
      oidc_issuer: idpUrl,
      authorize_scopes: 'openid email'
    };
    const created = await admin.send(
      new CreateIdentityProviderCommand({
        UserPoolId,
        ProviderName: name,
        ProviderType: 'OIDC',
        ProviderDetails: details,
        AttributeMapping: { email: 'email' },
        IdpIdentifiers: [`${name}.example`]
      })
    );
    expect(created.IdentityProvider).toMatchObject({
      ProviderName: name,
      ProviderType: 'OIDC',
      ProviderDetails: details,
      AttributeMapping: { email: 'email', username: 'sub' }
    });
    await expectAwsError(
      admin.send(
        new CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName: name,
          ProviderType: 'OIDC',
          ProviderDetails: details
        })
      ),
      'DuplicateProviderException'
    );
    const { Providers } = await admin.send(new ListIdentityProvidersCommand({ UserPoolId }));
    expect(Providers).toEqual(
      expect.arrayContaining([
        {
          ProviderName: 'LensIdP',
          ProviderType: 'OIDC',
          CreationDate: expect.any(Date),
          LastModifiedDate: expect.any(Date)
        },
        expect.objectContaining({ ProviderName: name, ProviderType: 'OIDC' })
      ])
    );
    expect(Object.keys(Providers?.[0] ?? {}).sort()).toEqual(
      ['CreationDate', 'LastModifiedDate', 'ProviderName', 'ProviderType'].sort()
    );
    const updated = await admin.send(
      new UpdateIdentityProviderCommand({
        UserPoolId,
        ProviderName: name,
        AttributeMapping: { email: 'email', name: 'name' },
        ProviderDetails: { authorize_scopes: 'openid email profile' }
      })
    );
    expect(updated.IdentityProvider?.AttributeMapping).toEqual({
      email: 'email',
      name: 'name',
      username: 'sub'
    });
    expect(updated.IdentityProvider?.ProviderDetails?.client_id).toBe('another-client');
    expect(updated.IdentityProvider?.ProviderDetails?.authorize_scopes).toBe('openid email profile');
    await admin.send(new DeleteIdentityProviderCommand({ UserPoolId, ProviderName: name }));
    await expectAwsError(
      admin.send(new DescribeIdentityProviderCommand({ UserPoolId, ProviderName: name })),
      'ResourceNotFoundException'
    );
  });

  it('validates what it is given, and needs IAM credentials', async () => {
    await expectAwsError(
      admin.send(
        new CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName: 'NoIssuer',
          ProviderType: 'OIDC',
          ProviderDetails: { client_id: 'x', attributes_request_method: 'GET', authorize_scopes: 'openid' }
        })
      ),
      'InvalidParameterException',
      /oidc_issuer/
    );
    await expectAwsError(
      admin.send(
        new CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName: 'Under_score',
          ProviderType: 'OIDC',
          ProviderDetails: {
            client_id: 'x',
            attributes_request_method: 'GET',
            authorize_scopes: 'openid',
            oidc_issuer: idpUrl
          }
        })
      ),
      'InvalidParameterException'
    );
    await expectAwsError(
      admin.send(
        new CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName: 'Taken',
          ProviderType: 'OIDC',
          ProviderDetails: {
            client_id: 'x',
            attributes_request_method: 'GET',
            authorize_scopes: 'openid',
            oidc_issuer: idpUrl
          },
          IdpIdentifiers: ['lens-idp.example']
        })
      ),
      'InvalidParameterException',
      /already used by LensIdP/
    );
    const anonymous = new CognitoIdentityProviderClient({
      region,
      endpoint,
      credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'nope' }
    });
    await expectAwsError(
      anonymous.send(new ListIdentityProvidersCommand({ UserPoolId })),
      'UnrecognizedClientException'
    );
  });
});
