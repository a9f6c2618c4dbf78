#!/usr/bin/env node
// Static host for Trunk's dist/, behaving like GitHub Pages / nginx so that what we test locally
// (Playwright, Lighthouse, manual checks) is what production serves. Node built-ins only.
//
//   node scripts/static-server.mjs [--dir dist] [--port 8080] [--host 127.0.0.1] [--base /]
//                                  [--no-compress] [--verbose]
//
// --port 0 picks a free port; the start line tells which. Other scripts can import startServer().
// With compression on, every compressible file is compressed before the server starts answering
// (as a host serving precompressed files does; ~10 s for a build on the 2-core box).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
};
const typeOf = (file) => TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
// Already-compressed formats (png, woff2, …) gain nothing; wasm compresses ~3-4x.
const compressible = (type) =>
  /^text\/|javascript|json|xml|svg|wasm/.test(type);

// Files the browser must revalidate every time: they name the hashed files (or are the SW, which
// browsers cap at 24 h anyway) — caching them would pin users to an old build.
const NO_CACHE = new Set(['index.html', '404.html', 'sw.js', 'sw-register.js', 'manifest.webmanifest']);
// Trunk's filehash: "<name>-<hex>.<ext>" or "<name>-<hex>_bg.wasm". The hash is a u64 printed with
// {:x}, so it can be shorter than 16 digits when it has leading zeros; 8+ avoids words like "-face".
const HASHED = /-[0-9a-f]{8,16}(?:_bg)?\.[a-z0-9]+$/;
function cacheControl(file) {
  const name = path.basename(file);
  if (NO_CACHE.has(name) || name.endsWith('.html')) return 'no-cache';
  if (HASHED.test(name)) return 'public, max-age=31536000, immutable';
  return 'max-age=3600';
}

// Preferred encoding allowed by Accept-Encoding (q-values honoured): br, then gzip, else null.
function pickEncoding(header = '') {
  const q = {};
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q[name] = qp ? Number(qp.slice(2)) || 0 : 1;
  }
  for (const enc of ['br', 'gzip']) if ((q[enc] ?? q['*'] ?? 0) > 0) return enc;
  return null;
}

// In-memory cache: path -> { mtimeMs, size, body, etag, variants: { br: Promise, gzip: Promise } }.
// Re-read when mtime/size change, so a rebuild of dist/ is picked up without a restart.
const cache = new Map();
async function load(file, stat) {
  let entry = cache.get(file);
  if (!entry || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
    const body = await fs.promises.readFile(file);
    const etag = `"${crypto.createHash('sha1').update(body).digest('hex')}"`;
    entry = { mtimeMs: stat.mtimeMs, size: stat.size, body, etag, variants: {} };
    cache.set(file, entry);
  }
  return entry;
}
// Compress once at max quality; concurrent requests share the same promise. lgwin 24 matches the
// brotli CLI default, so scripts/bench-size reports exactly the bytes served here.
function variant(entry, enc, type) {
  entry.variants[enc] ??= enc === 'br'
    ? brotli(entry.body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
          [zlib.constants.BROTLI_PARAM_MODE]: type.startsWith('text/')
            ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length,
        },
      })
    : gzip(entry.body, { level: 9 });
  return entry.variants[enc];
}

// If-None-Match: "*" or a list of (possibly weak W/) tags; compared weakly as RFC 9110 says.
function matches(header, etag) {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(etag));
}

const statOrNull = (p) => fs.promises.stat(p).catch(() => null);

/**
 * Starts the server; resolves to { server, url, close() } once listening.
 * @param {{dir?: string, port?: number, host?: string, base?: string, compress?: boolean, verbose?: boolean}} opts
 */
export async function startServer({
  dir = 'dist', port = 8080, host = '127.0.0.1', base = '/', compress = true, verbose = false,
} = {}) {
  const root = await fs.promises.realpath(path.resolve(dir)); // throws if missing
  if (!(await fs.promises.stat(root)).isDirectory()) throw new Error(`${dir} is not a directory`);
  base = `/${base}/`.replace(/\/+/g, '/'); // "pos-help" / "/pos-help" -> "/pos-help/"

  async function handle(req, res) {
    const send = (status, headers, body) => {
      // setHeader (not writeHead's object form) so the --verbose logger can read them back.
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.writeHead(status);
      res.end(req.method === 'HEAD' ? undefined : body);
      return status;
    };
    const plain = (status, text) => send(status, {
      'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff',
    }, text);

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(405, 'Method Not Allowed\n');
    }
    const [rawPath, query = ''] = (req.url ?? '/').split(/\?(.*)/s);
    const qs = query ? `?${query}` : '';
    if (!rawPath.startsWith('/')) return plain(400, 'Bad Request\n');
    if (base !== '/' && rawPath === base.slice(0, -1)) {
      return send(301, { Location: base + qs, 'Content-Length': 0 }, '');
    }
    if (!rawPath.startsWith(base)) return plain(404, 'Not Found\n');

    let rel;
    try {
      rel = decodeURIComponent(rawPath.slice(base.length));
    } catch {
      return plain(400, 'Bad Request\n'); // malformed %-escape
    }
    // Traversal: any ".." segment (after decoding, so %2e%2e and %2f count), backslashes, NULs.
    if (rel.includes('\0') || rel.includes('\\') || rel.split('/').includes('..')) {
      return plain(400, 'Bad Request\n');
    }

    let file = path.join(root, rel);
    let stat = await statOrNull(file);
    // Like GitHub Pages, Cloudflare Pages or nginx's `try_files $uri $uri.html $uri/`: /wizard/network
    // is answered by wizard/network.html, the page the build wrote for that address.
    if (!stat?.isFile() && rel !== '' && !rel.endsWith('/')) {
      const page = await statOrNull(`${file}.html`);
      if (page?.isFile()) {
        file = `${file}.html`;
        stat = page;
      }
    }
    if (stat?.isDirectory()) {
      // nginx: /dir -> 301 /dir/ ; /dir/ -> /dir/index.html
      if (!rawPath.endsWith('/')) return send(301, { Location: `${rawPath}/${qs}`, 'Content-Length': 0 }, '');
      file = path.join(file, 'index.html');
      stat = await statOrNull(file);
    }
    // Belt and braces against symlinks pointing out of dist/.
    if (stat?.isFile()) {
      const real = await fs.promises.realpath(file);
      if (real !== root && !real.startsWith(root + path.sep)) stat = null;
    }
    let status = 200;
    if (!stat?.isFile()) {
      // Static hosts answer unknown paths with 404.html (status 404): the SPA boots from it and
      // routes the deep link client-side.
      file = path.join(root, '404.html');
      stat = await statOrNull(file);
      if (!stat?.isFile()) return plain(404, 'Not Found\n');
      status = 404;
    }

    const entry = await load(file, stat);
    const type = typeOf(file);
    const headers = {
      'Content-Type': type,
      'Cache-Control': status === 404 ? 'no-cache' : cacheControl(file),
      'X-Content-Type-Options': 'nosniff',
    };
    const canCompress = compress && compressible(type);
    if (canCompress) headers.Vary = 'Accept-Encoding';
    const enc = canCompress ? pickEncoding(req.headers['accept-encoding']) : null;
    let body = entry.body;
    // Each representation gets its own ETag (strong validators must differ per encoding).
    headers.ETag = enc ? entry.etag.replace(/"$/, `-${enc}"`) : entry.etag;
    if (status === 200 && matches(req.headers['if-none-match'], headers.ETag)) {
      delete headers['Content-Type'];
      return send(304, headers, '');
    }
    if (enc) {
      const packed = await variant(entry, enc, type);
      if (packed.length < body.length) {
        body = packed;
        headers['Content-Encoding'] = enc;
      } else {
        headers.ETag = entry.etag; // tiny file: identity is smaller, serve that
      }
    }
    headers['Content-Length'] = body.length;
    return send(status, headers, body);
  }

  const server = http.createServer((req, res) => {
    const t0 = process.hrtime.bigint();
    handle(req, res)
      .catch((err) => {
        console.error(`static-server: ${req.method} ${req.url}: ${err.stack ?? err}`);
        if (!res.headersSent) { res.writeHead(500, { 'Content-Type': 'text/plain' }); res.end('Internal Server Error\n'); }
        else res.destroy();
        return 500;
      })
      .then((status) => {
        if (!verbose) return;
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        const enc = res.getHeader('Content-Encoding') ?? '-';
        const len = res.getHeader('Content-Length') ?? '-';
        console.log(`${req.method} ${req.url} ${status} ${enc} ${len}B ${ms.toFixed(1)}ms`);
      });
  });

  // Like a static host that serves precompressed files: every compressible file is compressed
  // before the server answers, so no request waits for brotli at quality 11 (seconds for a part
  // of the app on a busy 2-core machine, which a test or a benchmark would otherwise measure).
  if (compress) {
    const files = [];
    const walk = async (d) => {
      for (const e of await fs.promises.readdir(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) await walk(p);
        else if (e.isFile() && compressible(typeOf(p))) files.push(p);
      }
    };
    await walk(root);
    await Promise.all(files.map(async (file) => {
      const entry = await load(file, await fs.promises.stat(file));
      await Promise.all(['br', 'gzip'].map((enc) => variant(entry, enc, typeOf(file))));
    }));
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    root,
    url: `http://${shownHost}:${actual}${base}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
    }),
  };
}

function parseArgs(argv) {
  const opts = {};
  const usage = 'usage: node scripts/static-server.mjs [--dir dist] [--port 8080] [--host 127.0.0.1] [--base /] [--no-compress] [--verbose]';
  for (let i = 0; i < argv.length; i++) {
    let [flag, value] = argv[i].split(/=(.*)/s);
    const next = () => value ?? argv[++i] ?? fail(`${flag} needs a value`);
    switch (flag) {
      case '--dir': opts.dir = next(); break;
      case '--port': opts.port = Number(next()); break;
      case '--host': opts.host = next(); break;
      case '--base': opts.base = next(); break;
      case '--no-compress': opts.compress = false; break;
      case '--verbose': case '-v': opts.verbose = true; break;
      case '--help': case '-h': console.log(usage); process.exit(0);
      default: fail(`unknown argument ${argv[i]}\n${usage}`);
    }
  }
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port >= 0 && opts.port < 65536)) fail('bad --port');
  return opts;
}
function fail(msg) {
  console.error(`static-server: ${msg}`);
  process.exit(2);
}

// CLI entry (skipped when imported by another script).
if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  const opts = parseArgs(process.argv.slice(2));
  let running;
  try {
    running = await startServer(opts);
  } catch (err) {
    fail(err.code === 'ENOENT' ? `no such directory: ${opts.dir ?? 'dist'} (build first: trunk build --release)` : err.message);
  }
  console.log(`serving ${opts.dir ?? 'dist'} at ${running.url}`);
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, async () => {
      setTimeout(() => process.exit(0), 2000).unref(); // never hang on a stuck socket
      await running.close();
      process.exit(0);
    });
  }
}
