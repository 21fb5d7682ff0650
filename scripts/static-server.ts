/**
 * A static host for tests and benchmarks, as a CDN or docs site serves a Vite build: folders
 * under paths, files under assets/ (their names hashed) cached for a year and the others
 * revalidated by ETag, any origin allowed (CORS, so a page elsewhere may load its module
 * scripts), HTML pages under an optional Content-Security-Policy header. It records each request.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

/** A request the server answered: what Chromium fetched it as (its Sec-Fetch-Dest), and when. */
export interface Served {
  readonly path: string;
  readonly status: number;
  readonly dest: string;
  /** performance.now() of this process when the request came in. */
  readonly at: number;
}

export interface StaticServer {
  readonly origin: string;
  /** Every request answered, oldest first; empty it to start a new record. */
  readonly served: Served[];
  close(): Promise<void>;
}

/** A folder served under a path (`/` for the whole site, `/docs/kpviz/` for a sub-path). */
export interface Mount {
  readonly path: string;
  readonly folder: string;
}

export interface StaticOptions {
  readonly host?: string;
  /** 0: any free port. */
  readonly port?: number;
  /** The Content-Security-Policy header of every HTML page. */
  readonly policy?: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Serve `mounts` (the first whose path starts the request's wins) until `close()`.
 *
 * @example
 *   const site = await serveStatic([{ path: '/', folder: 'dist' }]);
 *   await page.goto(`${site.origin}/embed.html`); // site.served: what the page fetched
 */
export async function serveStatic(
  mounts: readonly Mount[],
  { host = 'localhost', port = 0, policy }: StaticOptions = {},
): Promise<StaticServer> {
  const served: Served[] = [];
  const server = createServer((request, response) => {
    const at = performance.now();
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    const answer = (status: number, headers: Record<string, string> = {}, body?: Buffer) => {
      served.push({ path, status, dest: request.headers['sec-fetch-dest'] ?? '', at });
      response.writeHead(status, { 'Access-Control-Allow-Origin': '*', ...headers });
      response.end(body);
    };
    const mount = mounts.find((m) => path.startsWith(m.path));
    if (!mount) return answer(404);
    const folder = resolve(mount.folder);
    const rest = path.slice(mount.path.length);
    const file = join(
      folder,
      normalize(rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest),
    );
    void stat(file)
      .then(async (info) => {
        if (!file.startsWith(folder) || !info.isFile()) return answer(404);
        const etag = `"${info.size.toString(36)}-${info.mtimeMs.toString(36)}"`;
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        const headers = {
          ETag: etag,
          'Cache-Control': rest.startsWith('assets/')
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
          ...(policy !== undefined && type.startsWith('text/html')
            ? { 'Content-Security-Policy': policy }
            : {}),
        };
        if (request.headers['if-none-match'] === etag) return answer(304, headers);
        answer(200, { ...headers, 'Content-Type': type }, await readFile(file));
      })
      .catch(() => answer(404));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, done);
  });
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  return {
    origin: `http://${host}:${String(bound)}`,
    served,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
