// Issue 18, part 3: the printable 证据目录 of a case with photos, checked through the PDF: the
// numbered items with all four columns and their 页码, one page per item with the photo's
// caption, date and SHA-256, the chronology naming the evidence; and the 起诉状's 证据 list and
// a complaint's 附件 use the same numbers.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { test, expect, appReady } from './fixtures.js';
import { CASE_ID, EVENTS, evidence, enterProfile, restoreCase } from './dossier-case.js';

const pdfText = (path, page) =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), path, '-'], { encoding: 'utf8' });
const flat = (s) => s.replace(/\s+/g, '');

async function printPdf(page, path) {
  await page.emulateMedia({ media: 'print' });
  writeFileSync(path, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))[1]);
}

test('the dossier prints numbered evidence with 页码, photos with SHA-256, and the chronology', async ({ page }, testInfo) => {
  await enterProfile(page);
  await restoreCase(page);
  await page.goto(`diary/${CASE_ID}`);
  await appReady(page);
  const link = page.locator(`#case-letters a[href$="/letters/dossier?case=${CASE_ID}"]`);
  await expect(link).toHaveText('证据目录（打印）');
  await page.goto(await link.getAttribute('href'));
  await appReady(page);
  const items = evidence();
  await expect(page.locator('#dossier-table tbody tr')).toHaveCount(items.length);
  // Every photo is a loaded image before printing.
  const photos = page.locator('.dossier-photo img');
  await expect(photos).toHaveCount(items.length);
  for (const img of await photos.all()) {
    await expect.poll(() => img.evaluate((el) => el.complete && el.naturalWidth)).toBeGreaterThan(50);
  }
  // Every row has its four columns filled and its page.
  for (const [i, row] of (await page.locator('#dossier-table tbody tr').all()).entries()) {
    const cells = await row.locator('td').allInnerTexts();
    expect(cells.length).toBe(5);
    expect(cells[0]).toBe(String(i + 1));
    expect(cells[1]).toBe(items[i].name);
    expect(cells[2]).toBe('本店自行保存');
    expect(cells[3]).toMatch(/^证明2026年\d+月\d+日，.+。$/);
    expect(cells[4]).toBe(String(i + 1));
  }

  const path = testInfo.outputPath('dossier.pdf');
  const pages = await printPdf(page, path);
  execFileSync('pdftoppm', ['-png', '-r', '50', path, testInfo.outputPath('dossier')]);
  const all = flat(pdfText(path));
  for (const head of ['证据目录', '序号', '证据名称', '证据来源', '证明内容', '页码', '提交人：张三便利店（经营者：张三）', '证据共3项', '案件经过']) {
    expect(all, head).toContain(head);
  }
  // The chronology: every event, oldest first, naming its evidence.
  expect(all).toContain('1.2026年10月8日，POS机出现故障：刷卡时终端显示“97”，无法交易（见证据1、证据2）。');
  expect(all).toContain('2.2026年10月12日，本店通过微信联系代理商王经理：催问维修进度，对方未回复。');
  expect(all).toContain('3.2026年11月20日，本店致电某某支付有限公司客服：对方称需联系代理商（见证据3）。');
  expect(all.indexOf('1.2026年10月8日')).toBeLessThan(all.indexOf('3.2026年11月20日'));
  // One page per item after the 目录: its number, 页码, name, date and SHA-256 on that page.
  const indexPages = pages - items.length;
  expect(indexPages).toBeGreaterThanOrEqual(1);
  for (const item of items) {
    const text = flat(pdfText(path, indexPages + item.number));
    expect(text.startsWith(`证据${item.number}`), `page of 证据${item.number}`).toBe(true);
    expect(text).toContain(`第${item.number}页`);
    expect(text).toContain(`证据名称：${item.name}`);
    expect(text).toMatch(/形成日期：2026年\d+月\d+日/);
    expect(text).toContain(`SHA-256：${item.sha256}`);
  }
  // The merchant's own document: no 您, no app text, no code words.
  for (const bad of ['您', '你', 'undefined', 'null', 'image/png', '【待填', '打印']) expect(all, bad).not.toContain(bad);
  testInfo.annotations.push({ type: 'pages', description: `dossier: ${pages}` });

  // The letters use the same numbers: the 起诉状's 证据 list …
  await page.goto(`letters/civil?case=${CASE_ID}`);
  await appReady(page);
  await expect(page.locator('#letter-events input.letter-event')).toHaveCount(EVENTS.length);
  await page.locator('#field-letter-date').fill('2026-11-27');
  await page.locator('#field-court_name').fill('深圳市福田区人民法院');
  await expect(page.locator('#letter-complete')).toBeVisible();
  const civilPath = testInfo.outputPath('civil.pdf');
  await printPdf(page, civilPath);
  const civil = flat(pdfText(civilPath));
  for (const item of items) {
    expect(civil, `证据${item.number} in the 起诉状`).toContain(`${item.number}.${item.name}（`);
  }
  expect(civil).toContain('3.通话记录截图.png（2026年11月20日形成），证据来源：原告自行保存。');
  // … also when the letter leaves the first event out (its files' numbers are not reused).
  await page.locator('#letter-events input.letter-event').first().uncheck();
  await expect(page.locator('#letter-final-text')).toHaveValue(/3\. 通话记录截图\.png（2026年11月20日形成）/);
  await expect(page.locator('#letter-final-text')).not.toHaveValue(/1\. 终端报错照片/);
  // … and a complaint's 附件.
  await page.goto(`letters/acquirer?case=${CASE_ID}`);
  await appReady(page);
  await expect(page.locator('#letter-events input.letter-event')).toHaveCount(EVENTS.length);
  const listed = items.map((i) => `${i.number}. ${i.name}`).join('\n');
  await expect.poll(() => page.locator('#letter-final-text').inputValue()).toContain(`附件：\n${listed}`);
});

test('a dossier link to no case says so', async ({ page }) => {
  await page.goto('letters/dossier?case=c-no-such-case');
  await appReady(page);
  await expect(page.locator('#dossier-missing')).toContainText('没有找到这个案件');
  await page.goto('letters/dossier?lang=en');
  await appReady(page);
  await expect(page.locator('#dossier-missing')).toContainText('This case was not found');
});
