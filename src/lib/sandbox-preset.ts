import preset from '../../sandbox/seed/preset.json';

/**
 * The local sandbox started by `npm start`, as the playground's "Local sandbox" preset. The endpoint can be
 * moved at build time (the browser tests run their own sandbox on another port).
 */
export const SANDBOX = {
  region: preset.region,
  endpoint: (import.meta.env.VITE_SANDBOX_ENDPOINT as string | undefined) || preset.endpoint,
  userPoolId: preset.userPoolId,
  // Ids and descriptions only: the confidential client's secret has no business in a browser bundle.
  clients: Object.fromEntries(
    Object.entries(preset.clients).map(([key, client]) => [
      key,
      { id: client.id, description: client.description }
    ])
  ) as Record<keyof typeof preset.clients, { id: string; description: string }>,
  identityPools: preset.identityPools,
  users: preset.users.map(({ username, password, state }) => ({ username, password, state })),
  confirmationCode: preset.confirmationCode,
  /** The REST and HTTP APIs and their routes ("Call an API with your tokens"). */
  apis: preset.apis,
  /** The bucket "Use the credentials" uploads to, and each role's identity policy (shown next to a refusal). */
  bucket: {
    name: preset.s3.buckets.uploads.name,
    maxObjectBytes: preset.s3.buckets.uploads.maxObjectBytes
  },
  rolePolicies: Object.fromEntries(
    Object.values(preset.roles).map((role) => [role.arn, role.policy])
  ) as Record<string, unknown>
} as const;
