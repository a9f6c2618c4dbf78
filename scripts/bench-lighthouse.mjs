#!/usr/bin/env node
// Lighthouse 12.8.2 (node_modules) against the built site, served like production (brotli/gzip,
// cache headers) by scripts/static-server.mjs on a free 127.0.0.1 port. Run via scripts/bench-lighthouse.
//
//   scripts/bench-lighthouse [BASE] [DIST] [--routes a,b]   BASE defaults to "/", DIST to dist/
//   env: CHROME_PATH (default /usr/bin/chromium), LH_VERBOSE=1 (Lighthouse + server logs)
//
// Mobile preset (Moto G Power emulation, simulated slow-4G/4x CPU throttling), one row per route
// (status code, the four scores, LCP, TBT, CLS, bytes as Lighthouse counted them, and the route's
// brotli weight by scripts/bench-size: the first load plus the part and chunks it fetched). Writes target/lighthouse/<route>.json. Exit 0 when Lighthouse ran (targets missed or
// not: read the output); 1 on any error. The server, Chrome and its profile are cleaned up always.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lighthouse from 'lighthouse';
import { execFileSync } from 'node:child_process';
import { startServer } from './static-server.mjs';

// chrome-launcher is Lighthouse's own dependency (not ours): resolve it from Lighthouse's location.
const chromeLauncher = await import(
  pathToFileURL(createRequire(import.meta.resolve('lighthouse')).resolve('chrome-launcher')).href);

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
if (args[0] === '-h' || args[0] === '--help') {
  console.log('usage: scripts/bench-lighthouse [BASE=/] [DIST=dist] [--routes /,/wizard/network,…]');
  process.exit(0);
}
const routesAt = args.indexOf('--routes');
const routeArg = routesAt >= 0 ? args.splice(routesAt, 2)[1] : null;
const [base = '/', distArg] = args;
// The pages people land on from a shared link (issue 17), relative to BASE.
const DEFAULT_ROUTES = ['', 'wizard/network', 'check?q=拉卡拉', 'diary', 'letters/acquirer', 'codes/97', 'letters/civil'];
const ROUTES = routeArg ? routeArg.split(',').map((r) => r.replace(/^\//, '')) : DEFAULT_ROUTES;
const dist = path.resolve(distArg ?? path.join(repo, 'dist'));
const outDir = path.join(repo, 'target', 'lighthouse');
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const verbose = process.env.LH_VERBOSE === '1';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const TARGETS = { performance: 98, accessibility: 100, 'best-practices': 100 };
// Issue 17: the home page's first load ≤ 200 KB brotli, a deep link to a tool ≤ 300 KB.
const WEIGHT_KB = { home: 200, tool: 300 };
const CHROME_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
  // Offline machine: any host name resolves to nothing, so Chrome cannot even try another host.
  // The page is loaded by IP (127.0.0.1), which needs no resolution.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--no-pings',
];

if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`bench-lighthouse: no ${path.join(dist, 'index.html')} (build first: trunk build --release)`);
  process.exit(1);
}
try {
  fs.accessSync(chromePath, fs.constants.X_OK); // chrome-launcher crashes on a bad path instead of rejecting
} catch {
  console.error(`bench-lighthouse: no executable Chrome at ${chromePath} (set CHROME_PATH)`);
  process.exit(1);
}

/** scripts/bench-size's numbers for this build (its last line, BENCH_SIZE_JSON). */
function benchSize() {
  const out = execFileSync(process.execPath, [path.join(repo, 'scripts', 'bench-size'), dist], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = out.split('\n').find((l) => l.startsWith('BENCH_SIZE_JSON '));
  if (!line) throw new Error('bench-size printed no BENCH_SIZE_JSON line');
  return JSON.parse(line.slice('BENCH_SIZE_JSON '.length));
}

/** A route's brotli weight by bench-size: the first load, or the deep link of the part whose
 *  module the page fetched (read from Lighthouse's network records, not from a route table). */
function routeWeight(sizes, lhr) {
  const fetched = new Set((lhr.audits['network-requests']?.details?.items ?? [])
    .map((r) => new URL(r.url).pathname.split('/').pop()));
  const part = Object.entries(sizes.deepLinks).find(([, d]) => d.files.some((f) => /(^|\/)part-/.test(f) && fetched.has(f.split('/').pop())));
  const kb = (part ? part[1].br : sizes.firstLoad.br) / 1024;
  return { part: part?.[0], kb, label: `${kb.toFixed(1)} ${part ? part[0] : 'first'}` };
}

let server, chrome, profile;
/** Stops the browser and removes its profile (between routes, and at the end). */
function closeChrome() {
  try { chrome?.kill(); } catch { /* already gone */ }
  chrome = undefined;
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  profile = undefined;
}
async function cleanup() {
  closeChrome();
  await server?.close();
  server = undefined;
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, async () => {
    console.error(`bench-lighthouse: ${sig}, cleaning up`);
    await cleanup();
    process.exit(130);
  });
}

try {
  server = await startServer({ dir: dist, port: 0, host: '127.0.0.1', base, compress: true, verbose });
  // A fresh browser and profile for every route, as a merchant who follows a shared link has:
  // one browser for all routes kept the WebAssembly it had compiled for an earlier route (V8
  // shares compiled modules with the same bytes within a process), which flattered later routes.
  const freshChrome = async () => {
    closeChrome();
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-chromium-'));
    chrome = await chromeLauncher.launch({
      chromePath,
      chromeFlags: CHROME_FLAGS,
      userDataDir: profile, // fresh profile: no cached SW / HTTP cache from earlier runs
      port: 0, // chrome-launcher picks a free debugging port
      handleSIGINT: false, // our handler above also stops the server
      logLevel: verbose ? 'info' : 'silent',
    });
  };

  console.log(`Lighthouse 12.8.2 · mobile, simulated throttling · ${server.url}`);
  console.log('targets: performance ≥ 95 (home ≥ 98), accessibility/best-practices/SEO 100, LCP ≤ 2.5 s, CLS ≤ 0.05,\n  brotli weight ≤ 200 KB (home) / ≤ 300 KB (a deep link to a tool)\n');
  const head = ['route', 'status', 'perf', 'a11y', 'bp', 'seo', 'LCP', 'TBT', 'CLS', 'KiB', 'br KB'];
  const widths = [26, 6, 5, 5, 4, 4, 7, 7, 6, 6, 14];
  const row = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ');
  console.log(row(head));
  fs.mkdirSync(outDir, { recursive: true });
  const misses = [];
  const sizes = benchSize();
  for (const route of ROUTES) {
    const url = new URL(route, server.url).href;
    // What a static host answers for this address (a crawler sees this status).
    const status = (await fetch(url, { redirect: 'manual' })).status;
    await freshChrome();
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: verbose ? 'info' : 'error',
      onlyCategories: CATEGORIES,
    });
    if (!result) throw new Error(`Lighthouse returned no result for ${route}`);
    const lhr = result.lhr;
    const slug = route.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
    fs.writeFileSync(path.join(outDir, `${slug}.json`), result.report);
    if (lhr.runtimeError) {
      console.log(row([route, status, `error: ${lhr.runtimeError.code}`]));
      misses.push(`${route}: ${lhr.runtimeError.code}`);
      continue;
    }
    const score = (id) => (lhr.categories[id].score === null ? 'n/a' : Math.round(lhr.categories[id].score * 100));
    const a = (id) => lhr.audits[id].numericValue;
    const cls = a('cumulative-layout-shift');
    const weight = routeWeight(sizes, lhr);
    console.log(row([route, status, score('performance'), score('accessibility'), score('best-practices'), score('seo'),
      `${(a('largest-contentful-paint') / 1000).toFixed(1)} s`, `${Math.round(a('total-blocking-time'))} ms`,
      cls.toFixed(3), Math.round(a('total-byte-weight') / 1024), weight.label]));
    const budget = weight.part ? WEIGHT_KB.tool : WEIGHT_KB.home;
    if (weight.kb > budget) misses.push(`${route}: ${weight.kb.toFixed(1)} KB brotli (budget ${budget} KB)`);
    const perfTarget = route === '/' || route === '' ? TARGETS.performance : 95;
    if (status !== 200) misses.push(`${route}: HTTP ${status}`);
    if (score('performance') < perfTarget) misses.push(`${route}: performance ${score('performance')}`);
    for (const id of ['accessibility', 'best-practices', 'seo']) {
      if (score(id) !== 100) {
        const failed = lhr.categories[id].auditRefs.map((r) => lhr.audits[r.id])
          .filter((x) => x.score !== null && x.score < 1 && x.scoreDisplayMode !== 'informative').map((x) => x.id);
        misses.push(`${route}: ${id} ${score(id)} (${failed.join(', ')})`);
      }
    }
    if (a('largest-contentful-paint') > 2500) misses.push(`${route}: LCP ${Math.round(a('largest-contentful-paint'))} ms`);
    if (cls > 0.05) misses.push(`${route}: CLS ${cls.toFixed(3)}`);
    for (const w of lhr.runWarnings) console.log(`  warning: ${w}`);
  }
  console.log(misses.length ? `\nmissed:\n  ${misses.join('\n  ')}` : '\nall targets met');
  console.log(`reports: ${path.relative(process.cwd(), outDir) || outDir}/<route>.json`);
} catch (err) {
  console.error(`bench-lighthouse: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
