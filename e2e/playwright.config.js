// Playwright drives Debian's /usr/bin/chromium (never a downloaded browser) against the release
// build served by scripts/static-server.mjs on 127.0.0.1, as a static host would serve it.
// Two projects: the root build (dist/) and the same app built for a sub-path (dist-sub/ at /pos-help/).
import { defineConfig } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Chromium still calls Google hosts by itself; resolve nothing but 127.0.0.1.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
// E2E_PORT_BASE lets two checkouts run the suite side by side (ports base … base+9).
export const PORT_BASE = Number(process.env.E2E_PORT_BASE || 4173);
const ROOT_PORT = PORT_BASE;
const SUB_PORT = PORT_BASE + 1;

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.js$/,
  outputDir: '../target/e2e-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./summary-reporter.js']],
  use: {
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    locale: 'zh-CN',
    viewport: { width: 360, height: 740 },
    serviceWorkers: 'allow',
  },
  projects: [
    { name: 'root', use: { baseURL: `http://127.0.0.1:${ROOT_PORT}/` } },
    {
      name: 'subpath',
      use: { baseURL: `http://127.0.0.1:${SUB_PORT}/pos-help/` },
      // The sub-path build must pass the deep-link and offline checks too.
      grep: /@subpath/,
    },
  ],
  // Each server compresses the whole build before it answers (like a host serving precompressed
  // files; about 10 s for both at once on the 2-core box), so no test waits on brotli.
  webServer: [
    {
      command: `node scripts/static-server.mjs --dir dist --port ${ROOT_PORT} --host 127.0.0.1 --base /`,
      url: `http://127.0.0.1:${ROOT_PORT}/`,
      cwd: '..',
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: `node scripts/static-server.mjs --dir dist-sub --port ${SUB_PORT} --host 127.0.0.1 --base /pos-help/`,
      url: `http://127.0.0.1:${SUB_PORT}/pos-help/`,
      cwd: '..',
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
