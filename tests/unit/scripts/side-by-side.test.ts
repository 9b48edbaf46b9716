import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startSettings } from '../../../scripts/start-settings.js';

// Issue 11: the README's two commands work together, `npm test` passes while `npm start` runs. `npm start`
// (scripts/start.js, its values in scripts/start-settings.js) and the tests must not share a port, a build folder
// or the sandbox's data folder, and the recording check must not need `npm start`'s sandbox ports.

// playwright.config.ts looks for Chromium when it loads; these are its values, not a browser run.
vi.mock('../../../scripts/chromium.js', () => ({
  CHROMIUM_ARGS: [],
  findChromium: () => '/usr/bin/chromium',
  HOW_TO_GET_CHROMIUM: ''
}));

/** The e2e run as configured when nobody overrides it (no E2E_* variables). */
async function e2eSettings() {
  vi.stubEnv('E2E_SITE_PORT', undefined);
  vi.stubEnv('E2E_SANDBOX_PORT', undefined);
  vi.resetModules();
  const config = await import('../../../playwright.config');
  vi.unstubAllEnvs();
  const servers = [config.default.webServer ?? []].flat();
  const argsAfter = (script: string) => {
    const words = servers.map((server) => server.command.split(/\s+/)).find((w) => w.includes(script));
    if (!words) throw new Error(`no web server runs ${script}`);
    return words.slice(words.indexOf(script) + 1);
  };
  const sandbox = parseArgs({
    args: argsAfter('sandbox/cli.js'),
    options: {
      port: { type: 'string' },
      'idp-port': { type: 'string' },
      data: { type: 'string' },
      reset: { type: 'boolean' }
    }
  }).values;
  const site = parseArgs({
    args: argsAfter('scripts/serve.js'),
    options: { port: { type: 'string' }, quiet: { type: 'boolean' } },
    allowPositionals: true
  });
  const script = JSON.parse(readFileSync('package.json', 'utf8')).scripts['test:e2e'] as string;
  const sandboxPort = Number(sandbox.port);
  return {
    exported: { sitePort: config.SITE_PORT, sandboxPort: config.SANDBOX_PORT },
    sitePort: Number(site.values.port),
    sandboxPort,
    idpPort: Number(sandbox['idp-port'] ?? sandboxPort + 1),
    servedDir: site.positionals[0],
    dataDir: sandbox.data,
    builtDir: /\bBUILD_DIR=(\S+)/.exec(script)?.[1],
    builtForSandboxPort: Number(
      /VITE_SANDBOX_ENDPOINT=http:\/\/127\.0\.0\.1:\$\{E2E_SANDBOX_PORT:-(\d+)\}/.exec(script)?.[1]
    )
  };
}

describe('npm test can run while npm start runs', () => {
  const start = startSettings({});

  it('the e2e run serves the build it made, pointed at its own sandbox', async () => {
    const e2e = await e2eSettings();
    expect(e2e.servedDir).toBeDefined();
    expect(e2e.builtDir).toBe(e2e.servedDir);
    expect(e2e.builtForSandboxPort).toBe(e2e.sandboxPort);
    expect({ sitePort: e2e.sitePort, sandboxPort: e2e.sandboxPort }).toEqual(e2e.exported);
  });

  it('the e2e run and npm start share no port, build folder or sandbox data folder', async () => {
    const e2e = await e2eSettings();
    const startPorts = [start.sitePort, start.sandboxPort, start.idpPort];
    for (const port of [e2e.sitePort, e2e.sandboxPort, e2e.idpPort]) {
      expect(Number.isInteger(port) && port > 0, String(port)).toBe(true);
      expect(startPorts).not.toContain(port);
    }
    expect(path.resolve(e2e.servedDir!)).not.toBe(path.resolve(start.buildDir));
    expect(e2e.dataDir).toBeDefined();
    expect(path.resolve(e2e.dataDir!)).not.toBe(path.resolve(start.dataDir));
  });

  describe("the recording check with npm start's sandbox ports taken", () => {
    const taken: Server[] = [];
    afterAll(() => Promise.all(taken.map((server) => new Promise((done) => server.close(done)))));

    it('still re-records the sample run identically', { timeout: 180_000 }, async () => {
      for (const port of [start.sandboxPort, start.idpPort]) {
        const server = createServer();
        // Taken already (a running `npm start`) is as good as taken here.
        const listening = await new Promise<boolean>((resolve) => {
          server.once('error', () => resolve(false));
          server.listen(port, '127.0.0.1', () => resolve(true));
        });
        if (listening) taken.push(server);
      }
      const result = await new Promise<{ code: number; out: string }>((resolve) =>
        execFile(process.execPath, ['scripts/record-sample-run.js', '--check'], (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr })
        )
      );
      expect(result.out).toContain('up to date');
      expect(result.code).toBe(0);
    });
  });
});
