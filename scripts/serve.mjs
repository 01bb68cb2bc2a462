#!/usr/bin/env node
// A tiny dependency-free static file server for the built site:
//   node scripts/serve.mjs <dir> [port]
// Binds 127.0.0.1, serves correct MIME types (application/wasm included), gzips text and
// wasm for a client that accepts it (as static hosts do; compressed once per file version,
// level 9), moves on to the next port when one is taken, and prints
// `mlp-playground: http://127.0.0.1:PORT/`.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { gzip as gzipCb } from 'node:zlib';
import { promisify } from 'node:util';

const gzip = promisify(gzipCb);

const root = resolve(process.argv[2] ?? 'dist/site');
const firstPort = Number(process.argv[3] ?? process.env.PORT ?? 8080);
const host = '127.0.0.1';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// What a static host compresses: text, JSON, SVG and wasm (not images or the digits asset).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.csv', '.map']);
/** path -> { key: mtime and size, body: the gzipped bytes } */
const gzipped = new Map();

async function gzippedBody(file, st) {
  const key = `${st.mtimeMs}:${st.size}`;
  const hit = gzipped.get(file);
  if (hit?.key === key) return hit.body;
  const body = await gzip(await fs.readFile(file), { level: 9 });
  gzipped.set(file, { key, body });
  return body;
}

async function resolveFile(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  const full = resolve(join(root, path));
  // Never serve anything outside the root (../ tricks).
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const st = await fs.stat(full);
    if (st.isDirectory()) {
      const index = join(full, 'index.html');
      await fs.stat(index);
      return index;
    }
    return full;
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const file = await resolveFile(req.url ?? '/');
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  const ext = extname(file).toLowerCase();
  const headers = { 'Content-Type': types[ext] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
  if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    let body;
    try {
      body = await gzippedBody(file, await fs.stat(file));
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length, Vary: 'Accept-Encoding' });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(200, { ...headers, Vary: 'Accept-Encoding' });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});

let port = firstPort;
server.on('error', (e) => {
  if (e.code === 'EADDRINUSE' && port < firstPort + 100) {
    port += 1;
    server.listen(port, host);
  } else {
    console.error(`mlp-playground: could not serve: ${e.message}`);
    process.exit(1);
  }
});
server.on('listening', () => {
  console.log(`mlp-playground: http://${host}:${server.address().port}/`);
});
server.listen(port, host);
