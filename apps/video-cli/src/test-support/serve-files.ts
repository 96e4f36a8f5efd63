import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server for tests: its base URL and how to stop it. */
export interface FileServer {
  readonly base: string;
  close(): Promise<void>;
}

/**
 * Serve files on 127.0.0.1 by URL path, answering range requests as web servers do (ffmpeg seeks
 * to an MP4's index at the end). Paths under `noRanges` ignore the `Range` header (200, whole file).
 * Unknown paths get 404. Test support only (not built into dist).
 */
export async function serveFiles(routes: Readonly<Record<string, string>>, options: { noRanges?: readonly string[] } = {}): Promise<FileServer> {
  const server = http.createServer((req, res) => {
    const route = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = routes[route];
    if (!file) return void res.writeHead(404).end('not here');
    const bytes = fs.readFileSync(file);
    const range = options.noRanges?.includes(route) ? null : /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (!range) return void res.writeHead(200, { 'content-length': bytes.length, ...(options.noRanges?.includes(route) ? {} : { 'accept-ranges': 'bytes' }) }).end(bytes);
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
    res.writeHead(206, { 'accept-ranges': 'bytes', 'content-range': `bytes ${start}-${end}/${bytes.length}`, 'content-length': end - start + 1 });
    res.end(bytes.subarray(start, end + 1));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
