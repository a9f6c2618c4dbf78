#!/usr/bin/env node
// Lighthouse 12.8.2 (node_modules) against the built site, served like production (brotli/gzip,
// cache headers) by scripts/static-server.mjs on a free 127.0.0.1 port. Run via scripts/bench-lighthouse.
//
//   scripts/bench-lighthouse [BASE] [DIST]      BASE defaults to "/", DIST to this repo's dist/
//   env: CHROME_PATH (default /usr/bin/chromium), LH_VERBOSE=1 (Lighthouse + server logs)
//
// Mobile preset (Moto G Power emulation, simulated slow-4G/4x CPU throttling). Writes
// target/lighthouse/report.json (+ report.html). Exit 0 when Lighthouse ran (targets missed or
// not: read the output); 1 on any error. The server, Chrome and its profile are cleaned up always.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lighthouse, { generateReport } from 'lighthouse';
import { startServer } from './static-server.mjs';

// chrome-launcher is Lighthouse's own dependency (not ours): resolve it from Lighthouse's location.
const chromeLauncher = await import(
  pathToFileURL(createRequire(import.meta.resolve('lighthouse')).resolve('chrome-launcher')).href);

const repo = fileURLToPath(new URL('..', import.meta.url));
const [base = '/', distArg] = process.argv.slice(2);
if (base === '-h' || base === '--help') {
  console.log('usage: scripts/bench-lighthouse [BASE=/] [DIST=dist]');
  process.exit(0);
}
const dist = path.resolve(distArg ?? path.join(repo, 'dist'));
const outDir = path.join(repo, 'target', 'lighthouse');
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const verbose = process.env.LH_VERBOSE === '1';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const TARGETS = { performance: 98, accessibility: 100, 'best-practices': 100 };
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

let server, chrome, profile;
async function cleanup() {
  try { chrome?.kill(); } catch { /* already gone */ }
  chrome = undefined;
  await server?.close();
  server = undefined;
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  profile = undefined;
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
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-chromium-'));
  chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: CHROME_FLAGS,
    userDataDir: profile, // fresh profile: no cached SW / HTTP cache from earlier runs
    port: 0, // chrome-launcher picks a free debugging port
    handleSIGINT: false, // our handler above also stops the server
    logLevel: verbose ? 'info' : 'silent',
  });

  console.log(`Lighthouse 12.8.2 · mobile, simulated throttling · ${server.url}`);
  const result = await lighthouse(server.url, {
    port: chrome.port,
    output: 'json',
    logLevel: verbose ? 'info' : 'error',
    onlyCategories: CATEGORIES,
  });
  if (!result) throw new Error('Lighthouse returned no result');
  const lhr = result.lhr;

  fs.mkdirSync(outDir, { recursive: true });
  const reportPath = path.join(outDir, 'report.json');
  fs.writeFileSync(reportPath, result.report);
  fs.writeFileSync(path.join(outDir, 'report.html'), generateReport(lhr, 'html'));

  if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  for (const w of lhr.runWarnings) console.log(`warning: ${w}`);

  console.log('\nscores (0-100)');
  for (const id of CATEGORIES) {
    const cat = lhr.categories[id];
    const score = cat.score === null ? null : Math.round(cat.score * 100);
    const target = TARGETS[id];
    const verdict = target === undefined ? '' : score !== null && score >= target ? 'OK' : 'MISS';
    const goal = target === undefined ? '' : `target ${target === 100 ? '' : '≥ '}${target}`;
    console.log(`  ${id.padEnd(15)}${String(score ?? 'n/a').padStart(4)}   ${goal.padEnd(12)}${verdict}`);
  }

  console.log('\nmetrics');
  const METRICS = [
    ['LCP', 'largest-contentful-paint'], ['TBT', 'total-blocking-time'],
    ['CLS', 'cumulative-layout-shift'], ['FCP', 'first-contentful-paint'], ['Speed Index', 'speed-index'],
  ];
  for (const [label, id] of METRICS) {
    const a = lhr.audits[id];
    const raw = a.numericUnit === 'unitless' ? a.numericValue.toFixed(3) : `${Math.round(a.numericValue)} ms`;
    console.log(`  ${label.padEnd(12)}${(a.displayValue ?? '').padStart(9)}   (${raw}, score ${Math.round((a.score ?? 0) * 100)})`);
  }

  // What to fix. Audits with score null are informative / manual / not applicable.
  const failing = (catId, threshold) => lhr.categories[catId].auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < threshold && a.scoreDisplayMode !== 'informative');
  for (const catId of ['accessibility', 'best-practices']) {
    const list = failing(catId, 1);
    console.log(`\nfailing ${catId} audits:${list.length ? '' : ' none'}`);
    for (const a of list) console.log(`  - ${a.id}: ${a.title}`);
  }
  const slow = failing('performance', 0.9)
    .filter((a) => !METRICS.some(([, id]) => id === a.id));
  if (slow.length) {
    console.log('\nperformance audits below 90:');
    for (const a of slow) console.log(`  - ${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  }

  console.log(`\nreport: ${path.relative(process.cwd(), reportPath) || reportPath} (+ report.html)`);
} catch (err) {
  console.error(`bench-lighthouse: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
