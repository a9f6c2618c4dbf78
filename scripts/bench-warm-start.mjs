// Offline warm start: how long from navigation to an interactive app, once the service worker has
// the build cached and the network is gone. Prints numbers (median and worst of RUNS per route).
//
//   scripts/bench-warm-start [DIST=dist]      env: RUNS (default 15), CHROME_PATH, BUDGET_MS (300)
//
// "Interactive" is the app's own `performance.mark('pos:interactive')`, set right after Leptos
// has mounted the view and attached its handlers (src/main.rs); its startTime is measured from
// the navigation start. Also printed: first contentful paint (the static shell paints before
// the wasm starts) and, for comparison, the cold first visit over the network (compressed
// server, no throttling), and the first switch from the home page to each tool in a session (its
// lazy part comes from the service worker and is compiled then). The last line is `BENCH_WARM_START_JSON {...}`. Exit status 0
// whatever the numbers (it is a benchmark; the budget verdict is printed).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './static-server.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(process.argv[2] ?? path.join(repo, 'dist'));
const RUNS = Number(process.env.RUNS ?? 15);
const BUDGET_MS = Number(process.env.BUDGET_MS ?? 300);
const ROUTES = ['', 'wizard', 'check', 'diary', 'letters/demand'];

const server = await startServer({ dir: dist, port: 0, host: '127.0.0.1', base: '/', compress: true });
// The server compresses each file once and keeps the result: request every file once first, so
// the cold visit measures the browser, not brotli -q 11 running on the server.
{
  const fs = await import('node:fs');
  const files = fs.readdirSync(dist, { recursive: true }).filter((f) => fs.statSync(path.join(dist, f)).isFile());
  for (const f of files) {
    await fetch(server.url + f.split(path.sep).join('/'), { headers: { 'accept-encoding': 'br' } }).then((r) => r.arrayBuffer());
  }
}
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
});

/** Navigates and returns [interactive ms, first contentful paint ms] from the page's timeline. */
async function timedLoad(page, url) {
  await page.goto(url);
  return page.evaluate(() => new Promise((resolve, reject) => {
    const read = () => {
      const mark = performance.getEntriesByName('pos:interactive')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      // The first paint can come after the app is already interactive; wait for both.
      if (!mark || !fcp) return false;
      resolve([mark.startTime, fcp.startTime]);
      return true;
    };
    if (read()) return;
    const started = performance.now();
    const poll = setInterval(() => {
      if (read()) clearInterval(poll);
      else if (performance.now() - started > 20000) { clearInterval(poll); reject(new Error('app did not start in 20 s')); }
    }, 5);
  }));
}

const stats = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], worst: s[s.length - 1] };
};
const fmt = (x) => `${x.toFixed(0)} ms`;

const result = { runs: RUNS, budget_ms: BUDGET_MS, cold: null, warm_offline: {} };
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const [coldTti, coldFcp] = await timedLoad(page, server.url);
  result.cold = { interactive_ms: coldTti, fcp_ms: coldFcp };
  // Wait until the service worker controls the page (it has precached the whole build).
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
  await context.setOffline(true);
  // One untimed offline load so each route's first run is not also the code cache's first run.
  await timedLoad(page, server.url);

  console.log(`Offline warm start (service worker, network off), ${RUNS} runs per route, ${dist}`);
  console.log(`cold first visit online: interactive ${fmt(coldTti)}, first contentful paint ${fmt(coldFcp)}`);
  let worstMedian = 0;
  for (const route of ROUTES) {
    const tti = [];
    const fcp = [];
    for (let i = 0; i < RUNS; i++) {
      const [t, f] = await timedLoad(page, server.url + route);
      tti.push(t);
      fcp.push(f);
    }
    const s = stats(tti);
    const p = stats(fcp);
    result.warm_offline[`/${route}`] = { interactive_median_ms: s.median, interactive_worst_ms: s.worst, fcp_median_ms: p.median };
    worstMedian = Math.max(worstMedian, s.median);
    console.log(`/${route.padEnd(16)} interactive median ${fmt(s.median)} (worst ${fmt(s.worst)}); first paint median ${fmt(p.median)}`);
  }
  result.worst_route_median_ms = worstMedian;

  // The tools are lazy parts: the first switch to one in a session fetches its part from the
  // service worker and compiles it. Timed from the click on the tab to the tool's heading.
  result.first_switch_offline = {};
  for (const tab of ['wizard', 'check', 'diary', 'letters']) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      await timedLoad(page, server.url);
      times.push(await page.evaluate((tab) => new Promise((resolve, reject) => {
        const before = document.querySelector('main h1')?.textContent;
        const link = [...document.querySelectorAll('nav.tabs a')].find((a) => a.getAttribute('href').endsWith(`/${tab}`));
        const t0 = performance.now();
        link.click();
        const poll = setInterval(() => {
          const h1 = document.querySelector('main h1')?.textContent;
          if (h1 && h1 !== before) { clearInterval(poll); resolve(performance.now() - t0); }
          else if (performance.now() - t0 > 20000) { clearInterval(poll); reject(new Error(`no ${tab} page in 20 s`)); }
        }, 1);
      }), tab));
    }
    const s = stats(times);
    result.first_switch_offline[tab] = { median_ms: s.median, worst_ms: s.worst };
    console.log(`first switch home -> ${tab.padEnd(8)} (part from the service worker) median ${fmt(s.median)} (worst ${fmt(s.worst)})`);
  }
  console.log(`budget ${BUDGET_MS} ms: ${worstMedian <= BUDGET_MS ? 'met' : 'NOT met'} (worst route median ${fmt(worstMedian)})`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
console.log(`BENCH_WARM_START_JSON ${JSON.stringify(result)}`);
