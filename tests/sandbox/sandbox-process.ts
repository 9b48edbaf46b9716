// Starts `node sandbox/cli.js` as a child process, the way `npm run sandbox` and CI do, and waits for /health.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A port nothing listens on right now, so parallel runs in one checkout do not collide. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))
      );
    });
  });
}

export interface SandboxProcess {
  url: string;
  /** LensIdP's issuer, the local OpenID Connect provider on its own port. */
  idpUrl: string;
  /** Everything the sandbox printed so far. */
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

export async function startSandboxProcess(options: {
  port: number;
  /** LensIdP's port; a free one when not given (the default, port + 1, may be taken by a parallel run). */
  idpPort?: number;
  dataDir: string;
  reset: boolean;
  /** Also append the output to this file, for tests in other workers. */
  logFile?: string;
}): Promise<SandboxProcess> {
  const idpPort = options.idpPort ?? (await freePort());
  const args = [
    'sandbox/cli.js',
    '--port',
    String(options.port),
    '--idp-port',
    String(idpPort),
    '--data',
    options.dataDir
  ];
  if (options.reset) args.push('--reset');
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const record = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (options.logFile) appendFileSync(options.logFile, chunk);
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sandbox exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`sandbox did not become healthy:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url,
    idpUrl: `http://127.0.0.1:${idpPort}`,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    }
  };
}
