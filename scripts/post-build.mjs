#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml). Runs on the staging directory before Trunk moves it to
// the dist directory, in this order:
//  1. builds the WebAssembly, split at the lazy routes (scripts/build-wasm.mjs), and links its
//     glue (modulepreload) and boot script from index.html (the boot script fetches the main
//     module after the first paint: build-wasm.mjs bootScript);
//  2. moves any inline <script> into a hashed file and fails if one is left (none is expected in
//     a release build now that step 1 writes the boot script to a file; `trunk serve` adds its
//     reload script), so the Content-Security-Policy needs no 'unsafe-inline' and no per-build hash;
//  3. merges the stylesheets into one file with a fresh SRI hash (one render-blocking request,
//     not six);
//  4. fills the static shell's {{namespace.key}} texts from locales/zh/*.json, and copies the data
//     files the app fetches when its UI is English (their English is not compiled in);
//  5. writes 404.html (a copy of the finished index.html): static hosts serve it for unknown
//     paths, so a deep link such as /wizard/no-network loads the app;
//     It also writes one HTML file per page with an address known at build time (wizard/network.html
//     for /wizard/network; the catalogue comes from `cargo run --bin prerender`, i.e. from the
//     same locale files and data the app renders), each with its own title, description,
//     canonical link, Open Graph tags and main text, so a shared link answers 200 and reads at
//     once; and sitemap.xml and robots.txt for the public URL (SITE_ORIGIN, if set, makes the
//     sitemap's addresses absolute);
//  6. fills sw.js with the list of every file of this build and a build id derived from
//     their contents, and writes build.json (build id, public URL): the precache list is produced
//     by the build, never by hand, and a new build yields a new sw.js, which is how browsers
//     notice an update.
//
// With --dev (Trunk.dev.toml, the developer loop of scripts/dev), step 1 builds the debug module
// without splitting it (buildDevWasm) and step 6 writes a service worker that caches nothing.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, statSync, rmSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { buildDevWasm, buildWasm } from './build-wasm.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run through trunk build)');
  process.exit(1);
}
const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const dev = process.argv.includes('--dev');
// The developer loop's service worker: no fetch handler, so every load gets the files just built.
// It replaces at once a release worker that an earlier build served on this origin, and deletes
// that worker's caches.
const DEV_SW = `// scripts/dev: this service worker caches nothing and answers nothing (no fetch handler).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('pos-helper-')).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
`;

// 1. The WebAssembly.
const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');
const wasm = dev
  ? await buildDevWasm({ staging })
  : await buildWasm({ staging, release: process.env.TRUNK_PROFILE !== 'debug' });
if (!html.includes('</head>')) {
  console.error('post-build: index.html has no </head>');
  process.exit(1);
}
html = html.replace('</head>', `  <link rel="modulepreload" href="${publicUrl}${wasm.glue}">
    <script type="module" src="${publicUrl}${wasm.boot}"></script>
  </head>`);

// 2. Inline scripts → files (none is expected; kept so that a Trunk-added one cannot slip through).
let moved = 0;
html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/g, (whole, attrs, body) => {
  if (/\bsrc\s*=/.test(attrs) || body.trim() === '') return whole;
  // `trunk serve`'s reload script: Trunk fills these in when it serves an HTML page, not a script.
  body = body
    .replace("'{{__TRUNK_ADDRESS__}}'", 'window.location.host')
    .replace("'{{__TRUNK_WS_BASE__}}'", JSON.stringify(publicUrl));
  const name = `boot-${sha256(body).slice(0, 16)}.js`;
  writeFileSync(join(staging, name), body.trim() + '\n');
  moved += 1;
  const type = /type\s*=\s*"?module"?/.test(attrs) ? ' type="module"' : '';
  return `<script${type} src="${publicUrl}${name}"></script>`;
});
if (/<script\b(?![^>]*\bsrc=)[^>]*>\s*\S/.test(html)) {
  console.error('post-build: an inline script is left in index.html; the CSP would block it');
  process.exit(1);
}
writeFileSync(indexPath, html);

// 3. One stylesheet, with a fresh SRI hash.
const attr = (tag, name) => {
  const m = tag.match(new RegExp(`\\b${name}=("([^"]*)"|'([^']*)'|([^\\s>]+))`));
  return m ? (m[2] ?? m[3] ?? m[4]) : null;
};
const sheets = [...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]).filter((tag) => attr(tag, 'rel') === 'stylesheet');
if (sheets.length > 1) {
  const fileOf = (href) => join(staging, href.startsWith(publicUrl) ? href.slice(publicUrl.length) : href);
  const css = sheets.map((tag) => readFileSync(fileOf(attr(tag, 'href')), 'utf8')).join('\n');
  const name = `app-${sha256(css).slice(0, 16)}.css`;
  writeFileSync(join(staging, name), css);
  const integrity = 'sha384-' + createHash('sha384').update(css).digest('base64');
  sheets.forEach((tag, i) => {
    html = html.replace(tag, i === 0 ? `<link rel="stylesheet" href="${publicUrl}${name}" integrity="${integrity}">` : '');
    rmSync(fileOf(attr(tag, 'href')));
  });
}

// 4. The shell's texts, from the Chinese locale files (the app's default language).
const locales = new URL('../locales/zh/', import.meta.url);
const lookup = (path) => {
  const [ns, ...keys] = path.split('.');
  let value = JSON.parse(readFileSync(new URL(`${ns}.json`, locales), 'utf8'));
  for (const key of keys) value = value?.[key];
  if (typeof value !== 'string') throw new Error(`post-build: no text for {{${path}}} in locales/zh`);
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
};
// HTML comments first: index.html's own notes name the {{namespace.key}} form. (The release
// build's minifier has already dropped them; the dev build is not minified.)
html = html.replace(/<!--[\s\S]*?-->/g, '');
html = html.replace(/\{\{([a-z_]+(?:\.[a-z_]+)+)\}\}/g, (_, path) => lookup(path));
if (html.includes('{{')) {
  console.error('post-build: an unfilled {{placeholder}} is left in index.html');
  process.exit(1);
}
writeFileSync(indexPath, html);

// 4b. The full data files whose English the WebAssembly leaves out (build.rs CHINESE_ONLY), minified:
// the app fetches them when the UI is or turns English (src/store/english.rs).
const FETCHED_WHEN_ENGLISH = ['wizard.json', 'response-codes.json'];
mkdirSync(join(staging, 'data'), { recursive: true });
for (const file of FETCHED_WHEN_ENGLISH) {
  const full = JSON.parse(readFileSync(new URL(`../data/${file}`, import.meta.url), 'utf8'));
  writeFileSync(join(staging, 'data', file), JSON.stringify(full));
}

// 5. Deep links on static hosts: 404.html for any path, and one real page per known address.
writeFileSync(join(staging, '404.html'), html);
const pageFiles = dev ? [] : writeStaticPages(html);

// 6. Service worker precache list + build id.
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) walk(full);
    else files.push(relative(staging, full).split(sep).join('/'));
  }
};
walk(staging);
const precache = files
  // The per-page HTML files are for a first visit from a link; offline, the worker answers every
  // navigation with index.html, so they need not be cached.
  .filter((f) => f !== 'sw.js' && f !== '404.html' && !f.endsWith('.map') && !pageFiles.includes(f))
  .filter((f) => f !== 'sitemap.xml' && f !== 'robots.txt')
  .sort();
const buildHash = createHash('sha256');
for (const f of precache) buildHash.update(f).update('\0').update(readFileSync(join(staging, f)));
const buildId = buildHash.digest('hex').slice(0, 16);

const swPath = join(staging, 'sw.js');
const sw = readFileSync(swPath, 'utf8');
if (!sw.includes("'__BUILD_ID__'") || !sw.includes('/*__PRECACHE__*/[]')) {
  console.error('post-build: public/sw.js lacks the __BUILD_ID__ / __PRECACHE__ placeholders');
  process.exit(1);
}
writeFileSync(
  swPath,
  dev
    ? DEV_SW
    : sw
      .replace("'__BUILD_ID__'", JSON.stringify(buildId))
      .replace('/*__PRECACHE__*/[]', JSON.stringify(precache.map((f) => `./${f}`), null, 1)),
);
writeFileSync(join(staging, 'build.json'), JSON.stringify({ build_id: buildId, public_url: publicUrl }) + '\n');
console.log(`post-build: ${moved} inline script(s) moved, ${dev ? 'dev service worker (no cache)' : `${precache.length} files precached`}, build ${buildId}`);

// The static pages (step 5).
function writeStaticPages(indexHtml) {
  const catalogue = join(staging, '..', 'prerender.json');
  execFileSync('cargo', ['run', '--quiet', '--bin', 'prerender', '--', catalogue], { stdio: ['ignore', 'inherit', 'inherit'] });
  const pages = JSON.parse(readFileSync(catalogue, 'utf8'));
  rmSync(catalogue);
  const origin = (process.env.SITE_ORIGIN || '').replace(/\/+$/, '');
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const mainRe = /<main\b[^>]*\bid="?shell-main"?[^>]*>([\s\S]*?)<\/main>/;
  const main = indexHtml.match(mainRe);
  if (!main || !/<title>[\s\S]*?<\/title>/.test(indexHtml) || !/<meta\b[^>]*\bname="?description"?[^>]*>/.test(indexHtml)) {
    throw new Error('post-build: index.html lacks the shell main, title or description the pages replace');
  }
  const noscript = main[1].match(/<noscript>[\s\S]*?<\/noscript>/)?.[0] ?? '';
  const written = [];
  for (const page of pages) {
    const url = `${origin}${publicUrl}${page.path}`;
    const head = [
      `<title>${esc(page.title)}</title>`,
      `<meta name="description" content="${esc(page.description)}">`,
      // A canonical link and og:url must be absolute (Lighthouse and search engines ignore or
      // flag a relative one), so they are written only when the build knows its origin.
      origin ? `<link rel="canonical" href="${esc(url)}">` : '',
      `<meta property="og:type" content="website">`,
      `<meta property="og:site_name" content="${esc(page.title.split(' · ').pop())}">`,
      `<meta property="og:locale" content="zh_CN">`,
      `<meta property="og:title" content="${esc(page.og_title)}">`,
      `<meta property="og:description" content="${esc(page.description)}">`,
      origin ? `<meta property="og:url" content="${esc(url)}">` : '',
    ].join('');
    const out = indexHtml
      .replace(/<title>[\s\S]*?<\/title>/, '')
      .replace(/<meta\b[^>]*\bname="?description"?[^>]*>/, head)
      .replace(mainRe, () => `<main class="page" id="shell-main" data-route="${esc(page.path)}">${page.main}${noscript}</main>`);
    const file = `${page.path}.html`;
    mkdirSync(join(staging, dirname(file)), { recursive: true });
    writeFileSync(join(staging, file), out);
    written.push(file);
  }
  const locs = ['', ...pages.map((p) => p.path)].map((p) => `  <url><loc>${esc(`${origin}${publicUrl}${p}`)}</loc></url>`);
  writeFileSync(join(staging, 'sitemap.xml'), `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${locs.join('\n')}\n</urlset>\n`);
  // A Sitemap line must be an absolute URL; without SITE_ORIGIN robots.txt only allows crawling.
  const sitemapLine = origin ? `\nSitemap: ${origin}${publicUrl}sitemap.xml\n` : '';
  writeFileSync(join(staging, 'robots.txt'), `User-agent: *\nAllow: /\n${sitemapLine}`);
  console.log(`post-build: ${written.length} static pages, sitemap.xml${origin ? '' : ' (no SITE_ORIGIN: addresses relative to the host)'}`);
  return written;
}
