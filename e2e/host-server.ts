import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** A folder served under a path of the host. */
export interface Mount {
  readonly path: string;
  readonly folder: string;
}

/**
 * A static host for the embedding tests: another origin than the app's (127.0.0.1 rather than
 * localhost), serving folders under paths, every page under `policy` as its
 * Content-Security-Policy header.
 *
 * @example
 *   const host = await startHost(4174, [{ path: '/', folder: 'docs/examples' }], "default-src 'self'");
 */
export async function startHost(
  port: number,
  mounts: readonly Mount[],
  policy: string,
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    const mount = mounts.find((m) => path.startsWith(m.path));
    const rest = mount ? normalize(path.slice(mount.path.length)).replace(/^(\.\.[/\\])+/, '') : '';
    const file = mount ? join(mount.folder, rest === '' || rest === '.' ? 'index.html' : rest) : '';
    readFile(file).then(
      (body) => {
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        response.writeHead(200, {
          'Content-Type': type,
          ...(type.startsWith('text/html') ? { 'Content-Security-Policy': policy } : {}),
        });
        response.end(body);
      },
      () => {
        response.writeHead(404, { 'Content-Type': 'text/plain' });
        response.end('not found');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}
