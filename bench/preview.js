// Starts `vite preview` of the production build on a port for a benchmark, waits until it answers, and stops it
// when the process exits. Started directly (not through npx) so that its PID is the server's.
import { spawn } from 'node:child_process';

/** @param {number} port @returns {Promise<() => void>} stops the server (also done at exit) */
export async function startPreview(port) {
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort'],
    { stdio: 'ignore' }
  );
  const stop = () => server.kill('SIGTERM');
  process.on('exit', stop);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/`)).ok) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return stop;
}
