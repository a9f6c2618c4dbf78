// Foundation (issue 3): language, deep links, offline, update prompt, layout at 360 px,
// and the app's behaviour when IndexedDB is unavailable. Tests tagged @subpath also run
// against the build for /pos-help/.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, appReady, swControls, noHorizontalOverflow } from './fixtures.js';
import { LICENCES_AS_OF } from './samples.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ZH_H1 = 'POS机出问题了？';
const EN_H1 = 'Trouble with your POS terminal?';

// Every route, as an advocacy group would link to it, with the heading it must show.
const ROUTES = [
  { path: './', zh: ZH_H1 },
  { path: 'wizard', zh: '故障自查向导' },
  { path: 'wizard/no-network', zh: '故障自查向导', echo: 'no-network' },
  { path: 'check', zh: '牌照与费率核查' },
  { path: 'check?q=' + encodeURIComponent('拉卡拉'), zh: '牌照与费率核查', echo: '拉卡拉' },
  { path: 'diary', zh: '维权日记' },
  { path: 'diary/case-1', zh: '维权日记', echo: 'case-1' },
  { path: 'letters', zh: '投诉信模板' },
  { path: 'letters/demand-vendor', zh: '致销售方/代理商的催告函' },
  { path: 'me', zh: '我的信息' },
  { path: 'about', zh: '关于本工具' },
  { path: 'no/such/page', zh: '找不到这个页面' },
];

test('home renders in Chinese by default @subpath', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText(ZH_H1);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle('POS 商户自助站');
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const label of ['故障自查', '牌照费率', '维权日记', '投诉信']) {
    await expect(nav.getByRole('link', { name: label })).toBeVisible();
  }
  await expect(page.locator('footer')).toContainText('不构成法律意见');
});

// The shell tests block the wasm; a service worker would fetch and serve it behind
// page.route's back (its requests are not the page's), so these run without one.
test.describe('static shell', () => {
  test.use({ serviceWorkers: 'block' });

  test('the static shell paints the same home page the app renders, before any WebAssembly', async ({ page, request, guard }) => {
    // Block the wasm: what remains on screen is the shell from index.html. The failed fetch
    // is the one error this test provokes on purpose.
    guard.allowConsoleErrors.push(/_bg\.wasm/, /pageerror: Failed to fetch/);
    await page.route(/_bg\.wasm$/, (route) => route.abort());
    await page.goto('./');
    await expect(page.locator('#shell h1')).toHaveText(ZH_H1);
    await expect(page.locator('#shell .card')).toHaveCount(4);
    const shellText = await page.locator('#shell main').innerText();
    // One stylesheet only: render-blocking requests are kept to one.
    const html = await (await request.get(page.url())).text();
    expect(html).not.toContain('{{');
    expect(html.match(/rel="?stylesheet/g)).toHaveLength(1);
    await page.unroute(/_bg\.wasm$/);
    await page.goto('./');
    await appReady(page);
    const appText = await page.locator('main').innerText();
    for (const line of shellText.split('\n').filter((l) => l.trim() && !l.includes('JavaScript'))) {
      expect(appText).toContain(line.trim());
    }
  });

  test('a deep link shows its own page before the app starts; an address the build does not know shows a loading line, not the home page', async ({ page, guard }) => {
    guard.allowConsoleErrors.push(/_bg\.wasm/, /pageerror: Failed to fetch/);
    await page.route(/_bg\.wasm$/, (route) => route.abort());
    await page.goto('wizard/network');
    await expect(page.locator('#shell h1')).toHaveText('POS 用什么方式上网？');
    await expect(page.locator('#shell .shell-loading')).toHaveCount(0);
    // A case in the diary has no page of its own: 404.html, the shell with its loading line.
    await page.goto('diary/c-no-such-case');
    await expect(page.locator('#shell .shell-loading')).toBeVisible();
    await expect(page.locator('#shell .shell-loading')).toHaveText('正在加载…');
    await expect(page.locator('#shell h1')).toBeHidden();
    await page.goto('./');
    await expect(page.locator('#shell h1')).toBeVisible();
    await expect(page.locator('#shell .shell-loading')).toBeHidden();
  });
});

test('switching to English persists across a reload @subpath', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('h1')).toHaveText(EN_H1);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await appReady(page);
  await expect(page.locator('h1')).toHaveText(EN_H1);
  const stored = await page.evaluate(() => localStorage.getItem('pos-helper.settings.v1'));
  expect(JSON.parse(stored).lang).toBe('en');
  // And back.
  await page.getByRole('button', { name: '切换到中文' }).click();
  await expect(page.locator('h1')).toHaveText(ZH_H1);
  await page.reload();
  await appReady(page);
  await expect(page.locator('h1')).toHaveText(ZH_H1);
});

test('?lang= forces the language for a link, whatever was stored', async ({ page }) => {
  await page.goto('about?lang=en');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText('About this tool');
  await page.evaluate(() => localStorage.setItem('pos-helper.settings.v1', JSON.stringify({ lang: 'en' })));
  await page.goto('./?lang=zh');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText(ZH_H1);
  // A nonsense value is ignored: the stored choice applies.
  await page.goto('./?lang=%3Cscript%3E');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText(EN_H1);
});

test('every route opens from a direct deep link @subpath', async ({ page }) => {
  for (const route of ROUTES) {
    const response = await page.goto(route.path);
    // A static host answers unknown paths with 404.html (status 404), which is the app itself.
    expect([200, 404], route.path).toContain(response.status());
    await appReady(page);
    await expect(page.locator('h1'), route.path).toHaveText(route.zh);
    if (route.echo) await expect(page.locator('.deep-link code'), route.path).toHaveText(route.echo);
  }
});

test('in-app navigation keeps the base path and the back button works @subpath', async ({ page, baseURL }) => {
  await page.goto('./');
  await appReady(page);
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('link', { name: '投诉信' }).click();
  await expect(page).toHaveURL(new URL('letters', baseURL).href);
  await expect(page.locator('h1')).toHaveText('投诉信模板');
  await expect(nav.getByRole('link', { name: '投诉信' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: '牌照费率' }).click();
  await expect(page).toHaveURL(new URL('check', baseURL).href);
  await page.goBack();
  await expect(page.locator('h1')).toHaveText('投诉信模板');
  await page.getByRole('link', { name: '数据来源' }).last().click();
  await expect(page).toHaveURL(new URL('about', baseURL).href);
});

test('hostile deep-link parameters are shown as text or rejected, never run', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  await page.goto('wizard/' + encodeURIComponent('<img src=x onerror=alert(1)>'));
  await appReady(page);
  await expect(page.getByRole('alert')).toHaveText('链接里的参数无效，已忽略。');
  const q = '"><script>alert(1)</script>';
  await page.goto('check?q=' + encodeURIComponent(q));
  await appReady(page);
  await expect(page.locator('.deep-link code')).toHaveText(q);
  expect(await page.locator('main script, main img').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('the About page shows the data sources with their as-of dates and the not-legal-advice note', async ({ page }) => {
  await page.goto('about');
  await appReady(page);
  // Each data set by name and as-of date (read from sources/README.md), never a file name.
  await expect(page.locator('#dataset-licences')).toContainText(LICENCES_AS_OF);
  await expect(page.locator('#dataset-licences')).toContainText('中国人民银行 已获许可机构（支付机构）名单');
  await expect(page.locator('.datasets')).not.toContainText('.csv');
  await expect(page.locator('.datasets')).not.toContainText('shared/');
  await expect(page.locator('#dataset-holidays')).toContainText('2027');
  await expect(page.getByRole('heading', { name: '不是法律意见' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '隐私' })).toBeVisible();
});

test('after one online visit the app loads and navigates offline @subpath', async ({ page, context }) => {
  await page.goto('./');
  await appReady(page);
  await swControls(page);
  await context.setOffline(true);
  try {
    await page.reload();
    await appReady(page);
    await expect(page.locator('h1')).toHaveText(ZH_H1);
    // A deep link never visited before also opens offline (the worker answers every route).
    await page.goto('letters/acquirer');
    await appReady(page);
    await expect(page.locator('h1')).toHaveText('致收单机构的投诉函');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '维权日记' }).click();
    await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  } finally {
    await context.setOffline(false);
  }
});

test('the service worker precaches every file of the build', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  await swControls(page);
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith('pos-helper-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname).sort();
  });
  // The list is produced by the build: the wasm, the JS glue, CSS, icons and data are all in it.
  for (const pattern of [/_bg\.wasm$/, /pos-helper-[0-9a-f]+\.js$/, /app-[0-9a-f]+\.css$/, /^\/index\.html$/,
    /icon-512\.png$/, /manifest\.webmanifest$/, /data\/licences\.csv$/, /boot-[0-9a-f]+\.js$/]) {
    expect(cached.some((p) => pattern.test(p)), `${pattern} precached`).toBe(true);
  }
  expect(cached).not.toContain('/sw.js');
});

test('the web app manifest is installable: icons, names, start_url, display', async ({ page, request }) => {
  await page.goto('./');
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifestUrl = new URL(href, page.url()).href;
  const manifest = await (await request.get(manifestUrl)).json();
  expect(manifest.name).toBe('POS 商户自助站');
  expect(manifest.short_name.length).toBeGreaterThan(0);
  expect(manifest.display).toBe('standalone');
  expect(new URL(manifest.start_url, manifestUrl).href).toBe(new URL('./', page.url()).href);
  for (const size of ['192x192', '512x512']) {
    const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png');
    expect(icon, size).toBeTruthy();
    const res = await request.get(new URL(icon.src, manifestUrl).href);
    expect(res.status()).toBe(200);
    const png = await res.body();
    // PNG header: width and height at bytes 16..24.
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(size);
  }
});

test('no horizontal overflow at 360×740 on any route', async ({ page }, testInfo) => {
  for (const route of ROUTES) {
    await page.goto(route.path);
    await appReady(page);
    await noHorizontalOverflow(page, route.path);
  }
  await page.goto('./');
  await appReady(page);
  await page.screenshot({ path: testInfo.outputPath('home-360x740.png'), fullPage: true });
});

test('without IndexedDB the app runs and says the diary is unavailable', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true });
  });
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'unavailable');
  await expect(page.getByRole('alert')).toContainText('维权日记暂不可用');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '故障自查' }).click();
  await expect(page.locator('h1')).toHaveText('故障自查向导');
});

test('a new deployment is offered as "new version — reload", takes over after the click, and the diary survives', async ({ browser }) => {
  // Own server over a copy of dist/, so the test can deploy a "new build" into it.
  const dir = mkdtempSync(join(tmpdir(), 'pos-update-'));
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  const port = Number(process.env.E2E_PORT_BASE || 4173) + 2;
  const start = () =>
    new Promise((resolve, reject) => {
      // Uncompressed: the new worker's install re-fetches every file, and compressing the
      // multi-megabyte wasm at brotli 11 on first request would make this test about CPU time.
      const child = spawn('node', [join(ROOT, 'scripts/static-server.mjs'), '--dir', dir, '--port', String(port), '--host', '127.0.0.1', '--no-compress'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child.stdout.on('data', (d) => d.toString().includes('serving') && resolve(child));
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`static server exited with ${code} before serving`)));
    });
  // The port must be free again before the next server binds it.
  const stop = (child) =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill();
    });
  let server = await start();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const log = [];
    page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => log.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
    const url = `http://127.0.0.1:${port}/`;
    await page.goto(url);
    await appReady(page);
    await swControls(page);
    const oldCaches = await page.evaluate(() => caches.keys());
    await expect(page.getByRole('status')).toHaveCount(0);

    // The user keeps a diary in the old version, and uses it offline.
    await page.goto(`${url}diary`);
    await appReady(page);
    await page.locator('#new-case').click();
    await page.locator('#case-title').fill('升级前的案件');
    await page.locator('#case-save').click();
    await expect(page.locator('#case-heading')).toHaveText('升级前的案件');
    await context.setOffline(true);
    await page.goto(`${url}diary`);
    await appReady(page);
    await expect(page.locator('#case-list')).toContainText('升级前的案件');
    await context.setOffline(false);
    await page.goto(url);
    await appReady(page);

    // Deploy: a build with different contents yields a different sw.js (new build id).
    await stop(server);
    const swPath = join(dir, 'sw.js');
    const sw = readFileSync(swPath, 'utf8');
    const oldId = sw.match(/const BUILD_ID = "([0-9a-f]+)"/)[1];
    const newId = 'feedfacecafebeef';
    writeFileSync(swPath, sw.replace(oldId, newId));
    server = await start();

    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const bar = page.getByRole('status');
    // The bar appears once the new worker has installed (precached the whole build).
    await expect(bar).toContainText('有新版本可用', { timeout: 30_000 });
    await Promise.all([page.waitForEvent('load'), bar.getByRole('button', { name: '刷新以更新' }).click()]);
    await appReady(page).catch((e) => {
      throw new Error(`${e.message}\n--- page log ---\n${log.join('\n')}`);
    });
    await expect(page.getByRole('status')).toHaveCount(0);
    const newCaches = await page.evaluate(() => caches.keys());
    expect(newCaches).toContain(`pos-helper-${newId}`);
    expect(newCaches).not.toContain(oldCaches[0]);
    // The diary survived the update, and the new version works offline too.
    await context.setOffline(true);
    await page.goto(`${url}diary`);
    await appReady(page);
    await expect(page.locator('#case-list')).toContainText('升级前的案件');
  } finally {
    await context.close();
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the policy is strict: no unsafe-inline or unsafe-eval, nothing but the own origin, no inline script', async ({ request }) => {
  for (const file of ['', '404.html']) {
    const html = await (await request.get(file)).text();
    const meta = html.match(/<meta\b[^>]*Content-Security-Policy[^>]*>/i)?.[0] ?? '';
    const csp = meta.match(/content="([^"]+)"/)?.[1];
    expect(csp, `${file || 'index.html'} has a CSP`).toBeTruthy();
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
    // WebAssembly compilation needs 'wasm-unsafe-eval', which allows nothing else.
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:|\*/);
    // Every script is a file: an inline one would be refused under this policy anyway.
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attrs, body]) => !/\bsrc=/.test(attrs) && body.trim());
    expect(inline, 'inline scripts').toEqual([]);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
  }
});
