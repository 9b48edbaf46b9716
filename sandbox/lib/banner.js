// @ts-check
// What the sandbox prints when it is ready: everything a learner needs to point a client at it.

/**
 * @param {{url: string, idpUrl?: string, preset: import('./seed.js').Preset, dataDir: string, reset: boolean}} input
 * @returns {string}
 */
export function describeSandbox({ url, idpUrl, preset, dataDir, reset }) {
  const lines = [
    `Cognito sandbox ready on ${url}  (region ${preset.region}, account ${preset.accountId})`,
    `  endpoint for every client:  ${url}`,
    `  state: ${dataDir}${reset ? '  (reset to the seed)' : ''}`,
    `  admin credentials (SigV4, for Admin*, ListUsers, Describe*, Create*, ...):`,
    `    AWS_ACCESS_KEY_ID=${preset.admin.accessKeyId} AWS_SECRET_ACCESS_KEY=${preset.admin.secretAccessKey}`,
    '',
    `User pool ${preset.userPoolId}`,
    `  issuer  ${url}/${preset.userPoolId}   keys: ${url}/${preset.userPoolId}/.well-known/jwks.json`,
    '  app clients:'
  ];
  for (const [key, client] of Object.entries(preset.clients)) {
    lines.push(`    ${key.padEnd(15)} ${client.id}  ${client.description}`);
    if (client.secret) lines.push(`    ${''.padEnd(15)} secret ${client.secret}`);
  }
  lines.push('  demo users:');
  for (const user of preset.users) {
    lines.push(`    ${user.username.padEnd(6)} ${user.password.padEnd(20)} ${user.state}`);
  }
  lines.push(`  confirmation code for every sign-up: ${preset.confirmationCode}`);
  if (preset.mfa && preset.mfa.configuration !== 'OFF') {
    lines.push(
      `  MFA ${preset.mfa.configuration.toLowerCase()}: TOTP, SMS and email codes (SMS and email codes are printed here, always ${preset.confirmationCode})`,
      `  choice-based sign-in (USER_AUTH) first factors: ${preset.mfa.firstAuthFactors.join(', ')} (and PASSWORD_SRP)`
    );
    for (const user of preset.users) {
      if (user.mfa?.totpSecret) {
        lines.push(
          `  ${user.username}'s authenticator: otpauth://totp/cognito-lens-sandbox:${user.username}?secret=${user.mfa.totpSecret}&issuer=cognito-lens-sandbox`
        );
      }
    }
  }
  lines.push('', 'Identity pools');
  for (const [key, pool] of Object.entries(preset.identityPools)) {
    lines.push(`    ${key.padEnd(9)} ${pool.id}  ${pool.description}`);
  }
  lines.push(
    `  OpenID token issuer: ${url}/cognito-identity`,
    '',
    'STS: GetCallerIdentity, AssumeRoleWithWebIdentity'
  );
  lines.push(
    'Managed login: /oauth2/authorize, /oauth2/token, /oauth2/userInfo, /oauth2/revoke, /logout',
    `  discovery: ${url}/${preset.userPoolId}/.well-known/openid-configuration`
  );
  if (idpUrl && preset.idp) {
    const { idp } = preset;
    lines.push(
      '',
      `${idp.providerName}: local OpenID Connect provider on ${idpUrl}  (another site, as Google is)`,
      `  issuer ${idpUrl}   discovery: ${idpUrl}/.well-known/openid-configuration`,
      `  user pool identity provider ${idp.providerName} (OIDC, idp_identifier ${idp.idpIdentifier}): /oauth2/authorize?identity_provider=${idp.providerName}`,
      `  public client ${idp.publicClientId} (PKCE S256, scopes ${idp.scopes.join(' ')}) for identity pool federation,`,
      `    Logins key ${idpUrl.replace(/^https?:\/\//, '')} in the guests identity pool (role rules)`,
      '  users (sign in at the IdP):'
    );
    for (const user of idp.users) {
      lines.push(`    ${user.username.padEnd(6)} ${user.password.padEnd(20)} ${user.state}`);
    }
    lines.push(`  events the app never sees: ${url}/sandbox/events?after=0`);
  }
  lines.push('Ctrl-C stops the sandbox.');
  return lines.join('\n');
}
