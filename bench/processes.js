// @ts-check
// The servers a benchmark starts for itself (the sandbox, the site), shared by the benches that do: started
// as child processes of this Node, waited for, and stopped at the end or whatever ends the process.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

/** @typedef {{ name: string, child: import('node:child_process').ChildProcess, output: string[] }} Started */

/** Resolves true when something already listens on the port. @param {number} port @returns {Promise<boolean>} */
export function portTaken(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** @param {string} root the working folder of the children */
export function createProcesses(root) {
  /** @type {Started[]} */
  const children = [];
  // Whatever ends this process (an error, a closed stdout), the servers it started end with it.
  process.on('exit', () => {
    for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  return {
    /** Runs `node <args>`, keeping its last 20 lines of output for an error message. @param {string} name @param {string[]} args @returns {Started} */
    start(name, args) {
      const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      /** @type {string[]} */
      const output = [];
      const keep = (/** @type {Buffer} */ chunk) => {
        output.push(...chunk.toString().split('\n').filter(Boolean));
        output.splice(0, Math.max(0, output.length - 20));
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      const entry = { name, child, output };
      children.push(entry);
      return entry;
    },

    /** Polls the URL until it answers 2xx; fails early if the process that should serve it has exited. @param {string} url @param {Started} entry */
    async waitFor(url, entry) {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (entry.child.exitCode !== null || entry.child.signalCode !== null) {
          throw new Error(`${entry.name} exited before serving ${url}:\n  ${entry.output.join('\n  ')}`);
        }
        try {
          if ((await fetch(url)).ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`${entry.name} did not serve ${url} within 30 s:\n  ${entry.output.join('\n  ')}`);
    },

    /** Stops every child: SIGTERM, then SIGKILL after 5 s. */
    async stopAll() {
      await Promise.all(
        children.splice(0).map(({ child }) => {
          if (child.exitCode !== null || child.signalCode !== null) return undefined;
          return new Promise((resolve) => {
            const force = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(force);
              resolve(undefined);
            });
            child.kill('SIGTERM');
          });
        })
      );
    }
  };
}

/**
 * Throws unless `build` holds a production build whose playground preset talks to the sandbox at `sandbox`
 * (VITE_SANDBOX_ENDPOINT); `howToBuild` says how to make one.
 * @param {string} build @param {string} sandbox @param {string} howToBuild
 */
export function checkSandboxBuild(build, sandbox, howToBuild) {
  const appDir = path.join(build, '_app');
  if (!existsSync(path.join(build, 'playground.html')) || !existsSync(appDir)) {
    throw new Error(`No production build in ${build}. ${howToBuild}`);
  }
  const scripts = readdirSync(appDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.js')
  );
  if (!scripts.some((file) => readFileSync(path.join(appDir, file), 'utf8').includes(sandbox))) {
    throw new Error(
      `${build} was not built for the sandbox at ${sandbox} (the playground's sandbox preset would talk to ` +
        `another port). ${howToBuild}`
    );
  }
}
