// Where `npm start` puts things: its ports, its build folder and the sandbox's data folder. `npm test` (the e2e run
// in playwright.config.ts and package.json's test:e2e, the recording check) must use others, so it can run while
// `npm start` serves; tests/unit/scripts/side-by-side.test.ts checks that they differ.

/** @param {Record<string, string | undefined>} [env] */
export function startSettings(env = process.env) {
  const sandboxPort = Number(env.SANDBOX_PORT ?? 9229);
  return {
    sitePort: Number(env.PORT ?? 4173),
    sandboxPort,
    // LensIdP, the sandbox's OpenID provider, on the next port (as sandbox/cli.js does by default).
    idpPort: Number(env.SANDBOX_IDP_PORT ?? sandboxPort + 1),
    buildDir: 'build',
    dataDir: env.SANDBOX_DATA ?? 'sandbox/.data'
  };
}
