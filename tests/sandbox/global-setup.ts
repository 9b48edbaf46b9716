// One sandbox for the whole "sandbox" project: a fresh data folder, --reset, a test port.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startSandboxProcess } from './sandbox-process';

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cognito-sandbox-test-'));
  const logFile = path.join(dataDir, 'sandbox.log');
  writeFileSync(logFile, '');
  const port = Number(process.env.SANDBOX_TEST_PORT ?? (await freePort()));
  const sandbox = await startSandboxProcess({
    port,
    dataDir: path.join(dataDir, 'data'),
    reset: true,
    logFile
  });
  project.provide('sandboxUrl', sandbox.url);
  project.provide('idpUrl', sandbox.idpUrl);
  project.provide('sandboxLog', logFile);
  return async () => {
    await sandbox.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
