// Code splitting (issue 8, first-load budget): the release module is cut at the tools
// (src/app.rs, scripts/build-wasm.mjs). The home page must load only the main module; each
// tool's part arrives the first time it is used, once; a deep link loads its part before the
// shell goes; offline, every part comes from the service worker; and a part that cannot be
// fetched ends in the plain reload page, never a blank one.
import { readFileSync } from 'node:fs';
import { test, expect, appReady, swControls } from './fixtures.js';

const NAV = '主导航';
const wasmName = (url) => new URL(url).pathname.split('/').pop();
/** Names of the .wasm files this page itself requested (not the service worker's precache). */
function wasmRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) seen.push(wasmName(request.url()));
  });
  return seen;
}

/** The first visit installs the service worker (which keeps every part); then the network goes. */
async function offlineAfterOneVisit(page, context) {
  await page.goto('./');
  await appReady(page);
  await swControls(page);
  await context.setOffline(true);
}

test('the home page loads only the main module; a tool loads its part on first use, once @subpath', async ({ page }) => {
  const seen = wasmRequests(page);
  await page.goto('./');
  await appReady(page);
  expect(seen.filter((f) => /^(part|chunk)-/.test(f)), 'parts fetched for the home page').toEqual([]);
  expect(seen.filter((f) => /_bg\.wasm$/.test(f))).toHaveLength(1);

  const nav = page.getByRole('navigation', { name: NAV });
  await nav.getByRole('link', { name: '牌照费率' }).click();
  await expect(page.locator('h1')).toHaveText('牌照与费率核查');
  const checkParts = seen.filter((f) => /^part-/.test(f));
  expect(checkParts, 'the checker part').toHaveLength(1);

  await nav.getByRole('link', { name: '维权日记' }).click();
  await expect(page.locator('h1')).toHaveText('维权日记');
  await nav.getByRole('link', { name: '投诉信' }).click();
  await expect(page.locator('h1')).toHaveText('投诉信模板');
  // The diary and the letters share one part.
  expect(seen.filter((f) => /^part-/.test(f)), 'checker + records parts').toHaveLength(2);

  await nav.getByRole('link', { name: '牌照费率' }).click();
  await expect(page.locator('h1')).toHaveText('牌照与费率核查');
  await nav.getByRole('link', { name: '故障自查' }).click();
  await expect(page.locator('h1')).toHaveText('故障自查向导');
  const parts = seen.filter((f) => /^part-/.test(f));
  expect(parts, 'three parts, each fetched once').toHaveLength(3);
  expect(new Set(parts).size).toBe(3);
  expect(new Set(seen).size, 'no file fetched twice').toBe(seen.length);
});

test('a deep link fetches its part before the shell is replaced @subpath', async ({ page }) => {
  const seen = wasmRequests(page);
  // Record which parts the page had fetched (and got) at the moment the static shell went away.
  await page.addInitScript(() => {
    window.__partsLoaded = [];
    const fetch0 = window.fetch;
    window.fetch = async (...args) => {
      const response = await fetch0(...args);
      const name = String(args[0]).split('/').pop();
      if (/^part-/.test(name)) window.__partsLoaded.push(name);
      return response;
    };
    // The shell must have been there first: while the parser is between <div id="app"> and
    // <div id="shell">, the shell is missing too.
    let sawShell = false;
    new MutationObserver((_, observer) => {
      const shell = document.getElementById('shell');
      if (shell) sawShell = true;
      else if (sawShell) {
        window.__partsAtMount = [...window.__partsLoaded];
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText('维权日记');
  const atMount = await page.evaluate(() => window.__partsAtMount);
  expect(atMount, 'the records part was loaded before the app replaced the shell').toHaveLength(1);
  expect(seen.filter((f) => /^part-/.test(f))).toEqual(atMount);
});

test('offline after one visit, every tool loads its part from the service worker @subpath', async ({ page, context }) => {
  await offlineAfterOneVisit(page, context);
  for (const [path, heading] of [['wizard', '故障自查向导'], ['check', '牌照与费率核查'], ['letters', '投诉信模板'], ['codes', '应答码查询']]) {
    await page.goto(path);
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
  }
  await context.setOffline(false);
});

test('a check result draws only the "添加到维权日记" button; its panel comes with the diary\'s part, fetched on the first tap @subpath', async ({ page }) => {
  const seen = wasmRequests(page);
  await page.goto('check?q=' + encodeURIComponent('拉卡拉'));
  await appReady(page);
  const hit = page.locator('.hits > li').first();
  // The result is drawn in steps (verdict, then facts and next steps): tap once it is complete.
  await expect(hit.getByRole('link', { name: '民事起诉' })).toBeVisible();
  const add = hit.getByRole('button', { name: '添加到维权日记' });
  await expect(add).toBeVisible();
  const before = seen.filter((f) => /^part-/.test(f));
  expect(before, 'the checker part only').toHaveLength(1);
  await add.click();
  await expect(hit.locator('.add-to-diary-title')).toHaveValue('收单机构 拉卡拉支付股份有限公司');
  const after = seen.filter((f) => /^part-/.test(f));
  expect(after, 'the diary\'s part, fetched on the tap').toHaveLength(2);
  // Another result's panel, after a new search on the same page, uses the part already there.
  const search = page.getByLabel('公司名称、品牌简称或许可证编号');
  await search.fill('银联商务');
  await search.press('Enter');
  const other = page.locator('.hits > li').first();
  await expect(other.locator('.licence-no')).toHaveText('Z2000231000010');
  await expect(other.getByRole('link', { name: '民事起诉' })).toBeVisible();
  await other.getByRole('button', { name: '添加到维权日记' }).click();
  await expect(other.locator('.add-to-diary-title')).toHaveValue('收单机构 银联商务支付股份有限公司');
  expect(seen.filter((f) => /^part-/.test(f)), 'no part fetched again').toEqual(after);
});

test('offline after one visit, "添加到维权日记" on a check result opens its panel from the service worker @subpath', async ({ page, context }) => {
  await offlineAfterOneVisit(page, context);
  await page.goto('check?q=' + encodeURIComponent('拉卡拉'));
  await appReady(page);
  const hit = page.locator('.hits > li').first();
  // The result is drawn in steps (verdict, then facts and next steps): tap once it is complete.
  await expect(hit.getByRole('link', { name: '民事起诉' })).toBeVisible();
  await hit.getByRole('button', { name: '添加到维权日记' }).click();
  await expect(hit.locator('.add-to-diary-title')).toHaveValue('收单机构 拉卡拉支付股份有限公司');
  await expect(hit.locator('.add-to-diary-part-failed')).toHaveCount(0);
  await context.setOffline(false);
});

test.describe('without the service worker (page.route cannot see requests it answers)', () => {
  test.use({ serviceWorkers: 'block' });
  test('a part that cannot be fetched says so and offers a retry that works @subpath', async ({ page, guard }) => {
    // The split loader logs the failed fetch to the console; that is the expected path here.
    guard.allowConsoleErrors.push(/internet_disconnected|Failed to fetch|part-|chunk-/i);
    const parts = /\/(part|chunk)-[0-9a-f]+\.wasm$/;
    await page.route(parts, (route) => route.abort('internetdisconnected'));
    await page.goto('./');
    await appReady(page);
    await page.getByRole('navigation', { name: NAV }).getByRole('link', { name: '牌照费率' }).click();
    const failed = page.locator('#part-failed');
    await expect(failed).toBeVisible();
    await expect(failed).toHaveAttribute('role', 'alert');
    await expect(failed).toContainText('这个工具的程序没能下载');
    await expect(page).toHaveURL(/\/check$/);
    await expect(page.locator('#crash')).toHaveCount(0);
    // The rest of the app still works: back to the home page.
    await page.getByRole('link', { name: 'POS 商户自助站' }).first().click();
    await expect(page.locator('h1')).toHaveText('POS机出问题了？');
    // A deep link while the parts are unreachable: the same message, not a blank page.
    await page.goto('letters');
    await appReady(page);
    await expect(page.locator('#part-failed')).toBeVisible();
    // With the network back, "try again" opens the tool.
    await page.unroute(parts);
    await page.getByRole('button', { name: '重试' }).click();
    await appReady(page);
    await expect(page.locator('h1')).toHaveText('投诉信模板');
  });
  test('the "添加到维权日记" panel that cannot be fetched says so next to its button, and a second tap works @subpath', async ({ page, guard }) => {
    guard.allowConsoleErrors.push(/internet_disconnected|Failed to fetch|part-|chunk-/i);
    await page.goto('check?q=' + encodeURIComponent('拉卡拉'));
    await appReady(page);
    const hit = page.locator('.hits > li').first();
    await expect(hit.getByRole('link', { name: '民事起诉' })).toBeVisible();
    await expect(hit.getByRole('button', { name: '添加到维权日记' })).toBeVisible();
    // The checker is drawn: from now on no part can be fetched.
    const parts = /\/(part|chunk)-[0-9a-f]+\.wasm$/;
    await page.route(parts, (route) => route.abort('internetdisconnected'));
    await hit.getByRole('button', { name: '添加到维权日记' }).click();
    const failed = hit.locator('.add-to-diary-part-failed');
    await expect(failed).toHaveAttribute('role', 'alert');
    await expect(failed).toContainText('记日记的程序没能下载');
    await expect(failed).toBeInViewport();
    await expect(page.locator('#crash')).toHaveCount(0);
    await page.unroute(parts);
    await hit.getByRole('button', { name: '添加到维权日记' }).click();
    await expect(hit.locator('.add-to-diary-title')).toHaveValue('收单机构 拉卡拉支付股份有限公司');
    await expect(failed).toHaveCount(0);
  });
});

test('a Chinese page fetches no English data texts; the first switch to English fetches them once and redraws the step, also offline @subpath', async ({ page, context }) => {
  const WIZARD = JSON.parse(readFileSync(new URL('../data/wizard.json', import.meta.url), 'utf8'));
  const CODES = JSON.parse(readFileSync(new URL('../data/response-codes.json', import.meta.url), 'utf8'));
  const title = WIZARD.nodes.find((n) => n.id === 'network').title;
  const fetched = [];
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname.match(/\/data\/([\w-]+\.json)$/);
    if (file) fetched.push(file[1]);
  });
  // Installs the service worker on the way; then the network goes.
  await offlineAfterOneVisit(page, context);
  await page.goto('wizard/network');
  await appReady(page);
  await expect(page.locator('#wz-question')).toHaveText(title.zh);
  expect(fetched, 'a Chinese page').toEqual([]);

  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('#wz-question')).toHaveText(title.en);
  await expect(page.locator('h2.wz-answers-title')).toHaveText('Which one fits?');
  expect(fetched.sort(), 'fetched once, from the service worker').toEqual(['response-codes.json', 'wizard.json']);

  // The response codes came with it: the decoder answers in English at once.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Diagnose' }).click();
  await page.getByRole('link', { name: /^A response code on the screen/ }).click();
  await page.getByLabel('Response code', { exact: true }).fill('97');
  await expect(page.locator('#code-result h2')).toContainText(CODES.codes.find((c) => c.code === '97').meaning.en);
  await page.getByRole('button', { name: '切换到中文' }).click();
  await expect(page.locator('#code-result h2')).toContainText(CODES.codes.find((c) => c.code === '97').meaning.zh);
  expect(fetched).toHaveLength(2);
  await context.setOffline(false);
});
