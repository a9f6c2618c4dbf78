// Reach (issue 9): share links with a QR code that decodes to the page's own URL, the A4
// poster, and the note for in-app browsers (WeChat, QQ, Alipay, DingTalk).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { test, expect, appReady } from './fixtures.js';

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240301 MMWEBID/6521 ' +
  'MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

/** Screenshots an element and decodes the QR code in it. */
async function decodeQr(locator) {
  const png = PNG.sync.read(await locator.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code, 'a QR code is found in the screenshot').not.toBeNull();
  return code.data;
}

test('share shows the page link and a QR code that decodes to it @subpath', async ({ page }) => {
  await page.goto('check?q=' + encodeURIComponent('拉卡拉'));
  await appReady(page);
  await page.getByRole('button', { name: '分享此页' }).click();
  const url = page.url();
  await expect(page.locator('#share-url')).toHaveValue(url);
  expect(await decodeQr(page.locator('svg.qr'))).toBe(url);
  // The link follows in-app navigation (once the letters page is there: its code may still be
  // loading when the click returns).
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '投诉信' }).click();
  await expect(page).toHaveURL(/\/letters$/);
  await expect(page.locator('#share-url')).toHaveValue(page.url());
  expect(await decodeQr(page.locator('svg.qr'))).toBe(page.url());
});

test('copy link puts the page address on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('letters/pboc');
  await appReady(page);
  await page.getByRole('button', { name: '分享此页' }).click();
  await page.getByRole('button', { name: '复制链接' }).click();
  await expect(page.locator('.share-panel [role=status]')).toHaveText('链接已复制。');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test('the poster prints on A4 with its headline, the URL as text and a QR code of the chosen tool', async ({ page, baseURL }, testInfo) => {
  await page.goto('poster');
  await appReady(page);
  const home = new URL('./', baseURL).href;
  await expect(page.locator('#poster-url')).toHaveText(home);
  expect(await decodeQr(page.locator('.poster svg.qr'))).toBe(home);
  await page.locator('#poster-target').selectOption('check');
  await expect(page).toHaveURL(/poster\?tool=check$/);
  const checkUrl = new URL('check', baseURL).href;
  await expect(page.locator('#poster-url')).toHaveText(checkUrl);
  expect(await decodeQr(page.locator('.poster svg.qr'))).toBe(checkUrl);

  await page.emulateMedia({ media: 'print' });
  const path = testInfo.outputPath('poster.pdf');
  writeFileSync(path, await page.pdf({ format: 'A4' }));
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, '');
  // pdftotext emits the Latin "POS" apart from the CJK run that follows it.
  expect(flat).toContain('机出问题了？扫码自助');
  expect(flat).toContain(checkUrl);
  expect(flat).toContain('不构成法律意见');
  for (const notOnPaper of ['打印海报', '分享此页', '二维码指向']) expect(flat).not.toContain(notOnPaper);
  const pages = execFileSync('pdfinfo', [path], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)[1];
  expect(Number(pages)).toBe(1);
});

test('in WeChat a note explains the limits and how to open the system browser; dismissal persists; every tool works', async ({ browser }) => {
  const context = await browser.newContext({ userAgent: WECHAT_UA, viewport: { width: 360, height: 740 } });
  try {
    const page = await context.newPage();
    await page.goto('./');
    await appReady(page);
    const note = page.locator('#in-app-note');
    await expect(note).toContainText('您正在微信里打开本页');
    await expect(note).toContainText('在浏览器中打开');
    // Never blocks use: every tool opens with the note showing.
    const nav = page.getByRole('navigation', { name: '主导航' });
    for (const [label, heading] of [['故障自查', '故障自查向导'], ['牌照费率', '牌照与费率核查'], ['维权日记', '维权日记'], ['投诉信', '投诉信模板']]) {
      await nav.getByRole('link', { name: label }).click();
      await expect(page.locator('h1')).toHaveText(heading);
    }
    await note.getByRole('button', { name: '知道了' }).click();
    await expect(note).toHaveCount(0);
    await page.reload();
    await appReady(page);
    await expect(page.locator('#in-app-note')).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('a normal browser shows no in-app note', async ({ page }) => {
  await page.goto('./?lang=en');
  await appReady(page);
  await expect(page.locator('#in-app-note')).toHaveCount(0);
  await page.getByRole('button', { name: 'Share this page' }).click();
  await expect(page.locator('#share-url')).toHaveValue(page.url());
});

test('where the browser cannot print, print buttons say so and point to the alternatives', async ({ page }) => {
  // Some in-app browsers have no working print(): simulate that.
  await page.addInitScript(() => {
    window.print = undefined;
  });
  await page.goto('wizard/network-data-card-expired');
  await appReady(page);
  await page.getByRole('button', { name: '打印 / 存为 PDF' }).click();
  await expect(page.getByRole('alert')).toContainText('此浏览器不能打印');
  await page.goto('poster');
  await appReady(page);
  await page.getByRole('button', { name: '打印海报' }).click();
  await expect(page.getByRole('alert')).toContainText('此浏览器不能打印');
  await page.goto('letters/pboc');
  await appReady(page);
  await page.getByRole('button', { name: '打印 / 存为 PDF' }).click();
  await expect(page.locator('#letter-action-status')).toContainText('下载');
});
