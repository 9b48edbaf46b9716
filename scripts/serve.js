#!/usr/bin/env node
// Serves a built site the way a static host does: files as they are, `/guide` from `guide.html`, unknown paths
// answered with `404.html` and status 404. Used by `npm start` (build/) and by the browser tests (build-e2e/),
// so the two never share a folder: a test build cannot pull the files from under a running site.
//
//   node scripts/serve.js [folder=build] [--port 4173] [--quiet]
//
// Files are read from disk on each request (sirv's dev mode), so a rebuild shows up without a restart.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

const { values, positionals } = parseArgs({
  options: {
    port: { type: 'string', default: '4173' },
    host: { type: 'string', default: '127.0.0.1' },
    quiet: { type: 'boolean', default: false }
  },
  allowPositionals: true
});

const folder = path.resolve(positionals[0] ?? 'build');
if (!existsSync(path.join(folder, 'index.html'))) {
  console.error(`serve: no site in ${folder} (no index.html). Build it first: npm run build`);
  process.exit(1);
}

const files = sirv(folder, { dev: true, extensions: ['html'], dotfiles: false });
const notFoundPage = path.join(folder, '404.html');

const server = createServer((request, response) =>
  files(request, response, () => {
    response.statusCode = 404;
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(existsSync(notFoundPage) ? readFileSync(notFoundPage) : 'Not found');
  })
);

server.on('error', (error) => {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  console.error(
    code === 'EADDRINUSE'
      ? `serve: port ${values.port} is in use. Stop what runs there, or choose another port.`
      : `serve: ${error.message}`
  );
  process.exit(1);
});

server.listen(Number(values.port), values.host, () => {
  if (!values.quiet)
    console.log(
      `serving ${path.relative(process.cwd(), folder) || '.'} at http://${values.host}:${values.port}/`
    );
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
