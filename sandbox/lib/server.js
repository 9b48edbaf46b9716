// @ts-check
// Composition root: opens the data folder, wires the modules together and listens on one loopback port.
import { createServer } from 'node:http';
import { createAdminAuth } from './admin-auth.js';
import { createAuth } from './auth.js';
import { startCognitoLocal } from './cognito-local.js';
import { createCredentials } from './credentials.js';
import { Directory } from './directory.js';
import { createEvents } from './events.js';
import { createFederation } from './federation.js';
import { createIdentityProviders } from './identity-providers.js';
import { createIdentityPools } from './identity-pool.js';
import { startIdp } from './idp.js';
import { loadKeys } from './keys.js';
import { createOAuth2 } from './oauth2.js';
import { createRouter } from './router.js';
import { schemaOf } from './schema.js';
import { dataLayout, identityConfig, loadPreset, prepareData } from './seed.js';
import { createSessions } from './sessions.js';
import { DocumentFolder, JsonDocument } from './store.js';
import { createSts } from './sts.js';
import { createTokens } from './tokens.js';
import { createMfa } from './mfa.js';
import { createTokenRefresh } from './token-refresh.js';
import { createUserPool } from './user-pool.js';
import { createUserRules } from './user-rules.js';

export const KEYS_FILE = new URL('../seed/keys.json', import.meta.url);
export const HOST = '127.0.0.1';

/**
 * @param {{
 *   port: number,
 *   publicUrl?: string,
 *   idpPort?: number,
 *   idpPublicUrl?: string,
 *   dataDir: string,
 *   reset: boolean,
 *   onCodeSent: (message: import('./cognito-local.js').CodeMessage) => void,
 *   onError: (error: unknown) => void
 * }} options
 */
export async function startSandbox(options) {
  const { port, publicUrl, dataDir, reset, onCodeSent, onError } = options;
  // publicUrl: the address tokens and discovery documents name, when it is not the one listened on (the
  // recording listens on a free port yet issues tokens for the preset's endpoint). Port 0 picks a free port.
  const baseUrl = publicUrl ?? `http://${HOST}:${port}`;
  const preset = loadPreset();
  const keys = loadKeys(KEYS_FILE);
  await prepareData(dataDir, preset, { reset });
  const layout = dataLayout(dataDir);
  const [identities, revocations, idpState] = await Promise.all([
    JsonDocument.open(layout.identities, { identities: {}, logins: {} }),
    JsonDocument.open(layout.revocations, { origins: {} }),
    JsonDocument.open(layout.idp, {})
  ]);

  // LensIdP, the local OpenID Connect provider, on its own port: by default the next one (9229 -> 9230), a free one
  // when the sandbox itself takes a free port.
  const idp = await startIdp({
    preset,
    host: HOST,
    port: options.idpPort ?? (port === 0 ? 0 : port + 1),
    publicUrl: options.idpPublicUrl,
    signingKey: keys.idp,
    cookieKey: keys.idpCookie,
    poolRedirectUri: `${baseUrl}/oauth2/idpresponse`,
    state: idpState,
    onError
  });

  const folder = new DocumentFolder(layout.cognitoLocal);
  const directory = new Directory(folder);
  const tokens = createTokens({
    keys,
    issuerBase: baseUrl,
    schemaFor: (poolId) => schemaOf(directory.poolOptions(poolId))
  });
  const sessions = createSessions({ directory, tokens, revocations });
  const cognitoLocal = await startCognitoLocal({
    folder,
    confirmationCode: preset.confirmationCode,
    // cognito-local's services need a token issuer; every sign-in goes through auth.js or oauth2.js instead.
    tokenGenerator: { generate: (_ctx, user, _groups, client) => sessions.mint({ client, user }) },
    onCodeSent
  });
  const events = createEvents();
  const identityProviders = createIdentityProviders({ directory });
  await registerIdp({ preset, directory, identityProviders, issuer: idp.issuer });
  const federation = createFederation({ directory, identityProviders, events, baseUrl });
  const config = identityConfig(preset, { idpIssuer: idp.issuer });
  const credentials = createCredentials({ sealingKey: keys.sealing });
  const identityIssuer = `${baseUrl}/cognito-identity`;

  const mfa = createMfa({ directory, sealingKey: keys.sealing, code: preset.confirmationCode, onCodeSent });
  const userPool = createUserPool({ directory, sessions, cognitoLocal });
  const userRules = createUserRules({
    directory,
    sessions,
    userPool,
    mfa,
    tokenRefresh: createTokenRefresh({ directory, sessions }),
    onCodeSent,
    confirmationCode: preset.confirmationCode
  });

  const router = createRouter({
    baseUrl,
    directory,
    tokens,
    auth: createAuth({ directory, sessions, sealingKey: keys.sealing, mfa }),
    userPool,
    userRules,
    identityPools: createIdentityPools({
      config,
      directory,
      tokens,
      sessions,
      credentials,
      identities,
      signingKey: keys.identityToken,
      issuer: identityIssuer
    }),
    sts: createSts({ config, credentials, identityIssuer, identityKey: keys.identityToken }),
    oauth2: createOAuth2({ directory, sessions, federation, onError }),
    identityProviders,
    federation,
    events,
    cognitoLocal,
    adminAuth: createAdminAuth(preset.admin),
    onError
  });

  // The router answers every request itself (errors included) and never rejects.
  const server = createServer((req, res) => void router(req, res));
  // A malformed request line or header never reaches the router: Node answers 400 and closes the socket.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  // Idle keep-alive connections stay open about as long as AWS's endpoints keep them; Node's 5 s default races
  // with busy clients that reuse a socket just as the server closes it.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve(undefined));
  }).catch(async (error) => {
    await idp.close();
    throw error;
  });

  return {
    url: baseUrl,
    /** The port listened on (the one asked for, or the free one picked for port 0). */
    port: /** @type {import('node:net').AddressInfo} */ (server.address()).port,
    preset,
    identityIssuer,
    /** LensIdP's issuer (its origin): discovery at `${idpUrl}/.well-known/openid-configuration`. */
    idpUrl: idp.issuer,
    idpPort: idp.port,
    /** Stops accepting connections and waits for requests in flight (each has saved its changes by then). */
    async close() {
      await Promise.all([
        new Promise((resolve) => {
          server.close(() => resolve(undefined));
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 2000).unref();
        }),
        idp.close()
      ]);
    }
  };
}

/**
 * Registers LensIdP as an identity provider of the seeded user pool, pointing at the IdP that is running now (its
 * port can change between starts). In a data folder from before LensIdP existed, the seeded app clients that list
 * it in the preset also get it in SupportedIdentityProviders.
 * @param {{
 *   preset: import('./seed.js').Preset,
 *   directory: Directory,
 *   identityProviders: import('./identity-providers.js').IdentityProviders,
 *   issuer: string
 * }} input
 */
async function registerIdp({ preset, directory, identityProviders, issuer }) {
  const { idp } = preset;
  if (!idp || !directory.poolOptions(preset.userPoolId)) return;
  const created = await identityProviders.ensure({
    UserPoolId: preset.userPoolId,
    ProviderName: idp.providerName,
    ProviderType: 'OIDC',
    ProviderDetails: {
      client_id: idp.poolClient.id,
      client_secret: idp.poolClient.secret,
      attributes_request_method: 'GET',
      oidc_issuer: issuer,
      authorize_scopes: idp.scopes.join(' ')
    },
    AttributeMapping: idp.attributeMapping,
    IdpIdentifiers: [idp.idpIdentifier]
  });
  // Callback URLs the seed gained since this data folder was made (e.g. /callback for /compare's live run).
  for (const client of Object.values(preset.clients)) {
    const wanted = client.callbackUrls ?? [];
    if (wanted.length === 0) continue;
    await directory.updateClient(client.id, (record) => {
      const have = /** @type {string[]} */ (record.CallbackURLs ?? []);
      const missing = wanted.filter((url) => !have.includes(url));
      return missing.length === 0 ? record : { ...record, CallbackURLs: [...have, ...missing] };
    });
  }
  if (!created) return;
  for (const client of Object.values(preset.clients)) {
    if (!client.identityProviders?.includes(idp.providerName)) continue;
    await directory.updateClient(client.id, (record) => {
      const supported = /** @type {string[]} */ (record.SupportedIdentityProviders ?? ['COGNITO']);
      if (supported.includes(idp.providerName)) return record;
      return { ...record, SupportedIdentityProviders: [...supported, idp.providerName] };
    });
  }
}
