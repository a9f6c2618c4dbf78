// Issue 16, "advice a merchant can act on": the result of a save, import, export or delete
// appears next to the control that caused it, in view on a 360 × 740 phone, and is announced; a
// saved form cannot save twice; a refused backup says in plain words what is wrong and what to
// do, in the current language, and changes nothing; the printed case summary of a seven-event
// case fits two A4 pages, a sent letter by title and date only. And the polish a merchant
// notices: 44 px tap targets, the Safari-only 7-day warning, the channel shown once, the
// backup state ("从未导出" vs changed since export; a restored case counts as backed up).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { test, expect, appReady, createCase, countRecords, noHorizontalOverflow } from './fixtures.js';
import { CASE_97 } from './samples.js';

const VIEW = { width: 360, height: 740 };

/** The element's box lies inside the 360 × 740 viewport. Retried for a few seconds: after a
 *  write the case view reloads and redraws the message (the old node is detached for a frame),
 *  then scrolls it into view after paint. */
async function expectInViewport(locator, what) {
  let box = null;
  await expect(async () => {
    box = await locator.boundingBox();
    expect(box, what).not.toBeNull();
    expect(box.y, `${what}: top in view`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${what}: bottom in view`).toBeLessThanOrEqual(VIEW.height + 1);
    expect(box.x + box.width, `${what}: right edge in view`).toBeLessThanOrEqual(VIEW.width + 0.5);
  }).toPass({ timeout: 5000 });
  return box;
}

// ---------------------------------------------------------------------------------------------
// A. Feedback where the finger is

test('a double tap on "保存到日记" makes exactly one case; the result is in view and announced', async ({ page }) => {
  await page.goto('wizard/network-data-card-expired');
  await appReady(page);
  await page.getByRole('button', { name: '添加到维权日记' }).click();
  const save = page.locator('.add-to-diary-save');
  await save.scrollIntoViewIfNeeded();
  await save.dblclick();
  const done = page.locator('.add-to-diary-done');
  await expect(done).toContainText('已保存到维权日记');
  // Announced: inside a live region that was in the page before the result, and role=status.
  await expect(done).toHaveAttribute('role', 'status');
  await expect(page.locator('.add-to-diary-result')).toHaveAttribute('aria-live', 'polite');
  await expectInViewport(done, 'the saved message');
  // The saved form is gone: nothing left to tap twice.
  await expect(save).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(await countRecords(page)).toEqual({ cases: 1, events: 1, attachments: 0 });

  // Two clicks dispatched in the same task (faster than any finger) still make one event.
  await page.locator('.add-to-diary-another').click();
  await page.locator('.add-to-diary-case').selectOption({ index: 1 });
  await page.locator('.add-to-diary-save').evaluate((b) => { b.click(); b.click(); });
  await expect(page.locator('.add-to-diary-done')).toBeVisible();
  await page.waitForTimeout(500);
  expect(await countRecords(page)).toEqual({ cases: 1, events: 2, attachments: 0 });
  await page.locator('.add-to-diary-link').click();
  await expect(page.locator('#timeline li.event')).toHaveCount(2);
});

const BROKEN = [
  { name: 'not-json.json', body: 'hello, this is not a backup' },
  { name: 'other.json', body: '{"name": "something else"}' },
];

for (const lang of ['zh', 'en']) {
  test(`a refused backup says what to do, next to the import control and in view (${lang}); nothing changes`, async ({ page }) => {
    await createCase(page, '已有案件');
    await page.goto(lang === 'en' ? 'diary?lang=en' : 'diary');
    await appReady(page);
    await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
    const before = await countRecords(page);
    const input = page.locator('#import-file');
    await input.scrollIntoViewIfNeeded();
    for (const file of BROKEN) {
      await input.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.body) });
      const notice = page.locator('#diary-notice');
      await expect(notice).toHaveAttribute('role', 'alert');
      if (lang === 'zh') {
        await expect(notice).toContainText('这个文件不是本站导出的备份文件，或已损坏。请选择用“导出备份”保存的 .json 文件。');
        await expect(notice).toContainText('未写入任何内容');
      } else {
        await expect(notice).toContainText('not a backup made by this site');
        await expect(notice).toContainText('Nothing was written');
      }
      // No parser text, no field names.
      const text = await notice.innerText();
      for (const bad of ['JSON', 'format', 'expected value', 'line 1', '第1行', '字段', 'missing field']) {
        expect(text, `${file.name}: ${bad}`).not.toContain(bad);
      }
      // In view, and right by the control (not at the top of the page).
      const box = await expectInViewport(notice, `${file.name}: the refusal`);
      const control = await input.boundingBox();
      expect(Math.abs(box.y - (control.y + control.height)), 'the refusal is next to the import control').toBeLessThan(120);
      expect(await countRecords(page)).toEqual(before);
    }
    // The message follows a language switch (stored in both languages, not as displayed text).
    await page.locator('header .lang-switch').click();
    const notice = page.locator('#diary-notice');
    if (lang === 'zh') await expect(notice).toContainText('not a backup made by this site');
    else await expect(notice).toContainText('这个文件不是本站导出的备份文件');
  });
}

test('export and delete report next to their buttons, in view', async ({ page }) => {
  const id = await createCase(page, '导出与删除');
  await page.locator('#add-event').click();
  await page.locator('#event-at').fill('2026-11-01T09:00');
  await page.locator('#event-said').fill('第一条');
  await page.locator('#event-save').click();
  let notice = page.locator('#diary-notice');
  await expect(notice).toContainText('已保存');
  await expectInViewport(notice, 'saved event');
  // Export this case: the message under the export buttons.
  const exportButton = page.locator('#export-case');
  await exportButton.scrollIntoViewIfNeeded();
  const download = page.waitForEvent('download');
  await exportButton.click();
  await download;
  await expect(notice).toContainText('已导出备份');
  await expectInViewport(notice, 'export message');
  // The export marks the case as backed up, so the case view (and its backup panel, a task
  // later) redraws: measure once both are back.
  await expect(async () => {
    const box = await notice.boundingBox();
    const b = await exportButton.boundingBox();
    expect(box, 'the export message is drawn').not.toBeNull();
    expect(b, 'the export button is drawn').not.toBeNull();
    expect(box.y - (b.y + b.height), 'right under the export buttons').toBeLessThan(120);
  }).toPass({ timeout: 5000 });
  // Delete the event: the message (with undo) above the timeline, in view.
  page.on('dialog', (d) => d.accept());
  await page.locator('#timeline .delete-event').first().click();
  notice = page.locator('#diary-notice');
  await expect(notice).toContainText('已删除');
  await expectInViewport(notice, 'delete message');
  await expect(page.locator('#undo')).toBeVisible();
  expect(id).toBeTruthy();
});

// The 7-event case of issue 15, with a long sent letter as the letter page records it.
const CASE_ID = 'c-print-7';
const LETTER_BODY = Array.from({ length: 40 }, (_, i) => `正文第${i + 1}段：本店于2026年3月1日购买贵司POS终端，至今未能正常使用，现再次要求贵司处理。`).join('\n');
const EVENTS = [
  { at: '2026-10-08T09:00:00', kind: 'fault', said: '刷卡时终端显示“97”，无法交易' },
  { at: '2026-10-08T10:00:00', kind: 'call', channel: 'phone', counterparty: '代理商', person: '王经理', said: '王经理答应三天内上门维修', promised_by: '2026-10-11' },
  { at: '2026-10-12T15:00:00', kind: 'message', channel: 'wechat', counterparty: '代理商王经理', said: '催问维修进度，对方未回复' },
  { at: '2026-10-20T11:00:00', kind: 'call', channel: 'phone', counterparty: '代理商', said: '对方电话已停机' },
  { at: '2026-10-28T09:30:00', kind: 'note', said: '经查询中国人民银行公布的支付机构名单，某某支付有限公司持有支付业务许可证' },
  { at: '2026-11-05T16:00:00', kind: 'letter_sent', counterparty: '某某信息服务有限公司', said: `《催告函》\n要求对方答复的截止日：2026年11月15日\n\n催告函\n\n某某信息服务有限公司：\n${LETTER_BODY}`, promised_by: '2026-11-15' },
  { at: '2026-11-20T10:00:00', kind: 'call', channel: 'phone', counterparty: '某某支付有限公司客服', said: '对方称需联系代理商' },
];

function backup() {
  const cases = [{
    ...CASE_97,
    id: CASE_ID,
    vendor: { name: '某某信息服务有限公司', contacts: ['0755-0000000'], address: '深圳市福田区某路3号' },
    acquirer: { name: '某某支付有限公司', licence_no: 'Z2000000000000', kind: 'non_bank' },
    remedy_wanted: '恢复终端的正常使用或退还押金299元',
  }];
  const events = EVENTS.map((e, i) => ({ id: `e-print-${i + 1}`, case_id: CASE_ID, ...e, attachments: [] }));
  return Buffer.from(JSON.stringify({ format: 'pos-helper-backup', version: 2, exported_at: '2026-11-27T10:00:00', cases, events, attachments: [] }));
}

/** Restores the 7-event case; the report must be on screen, also when the list above it grows. */
async function restore(page) {
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  await page.locator('#import-file').setInputFiles({ name: 'case.json', mimeType: 'application/json', buffer: backup() });
  const report = page.locator('#import-report');
  await expect(report).toContainText(/导入完成/);
  // The case list above reloads after the write and grows; the report comes back into view.
  await expect(page.locator(`#case-list li[data-case="${CASE_ID}"]`)).toHaveCount(1);
  await expect(async () => expectInViewport(report, 'the import report')).toPass({ timeout: 5_000 });
}

test('the printed summary of a seven-event case fits two A4 pages; a letter by title and date', async ({ page }, testInfo) => {
  await restore(page);
  await page.goto(`diary/${CASE_ID}`);
  await appReady(page);
  await expect(page.locator('#timeline li.event')).toHaveCount(7);
  const letter = page.locator('#timeline li.event[data-event="e-print-6"]');
  await expect(letter.locator('.said').first()).toHaveText('《催告函》\n要求对方答复的截止日：2026年11月15日');
  // The letter's text is one tap away on screen, never printed.
  await expect(letter.locator('details.letter-text')).toHaveCount(1);
  // "电话 电话": the channel only when it adds to the kind.
  const call = page.locator('#timeline li.event[data-event="e-print-2"] .event-head');
  expect((await call.innerText()).match(/电话/g)).toHaveLength(1);
  await expect(page.locator('#timeline li.event[data-event="e-print-3"] .event-head')).toContainText('微信');

  await page.emulateMedia({ media: 'print' });
  const path = testInfo.outputPath('case-summary.pdf');
  writeFileSync(path, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  execFileSync('pdftoppm', ['-png', '-r', '50', path, testInfo.outputPath('case-summary')]);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))[1]);
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  testInfo.annotations.push({ type: 'pages', description: String(pages) });
  expect(pages, 'the summary fits two pages').toBeLessThanOrEqual(2);
  // Evidence list, timeline, the letter by title and date, not its text.
  expect(text).toContain('证据清单');
  expect(text).toContain('时间线');
  expect(text).toContain('《催告函》');
  expect(text).toContain('要求对方答复的截止日：2026年11月15日');
  expect(text).not.toContain('正文第1段');
  for (const e of EVENTS.filter((x) => x.kind !== 'letter_sent')) expect(text).toContain(e.said.replace(/\s+/g, ''));
  // No control text on paper.
  for (const bad of ['打印摘要', '添加记录', '导出备份', '信件全文', '清单的依据']) expect(text, bad).not.toContain(bad);
  // A restored case is backed up by the file it came from.
  await expect(page.locator('#export-reminder')).toHaveCount(0);
});

test('the backup state: 从未导出 for a new case, nothing after a restore or an export', async ({ page }) => {
  await createCase(page, '新案件');
  await expect(page.locator('#export-reminder')).toHaveAttribute('data-state', 'never');
  await expect(page.locator('#export-reminder')).toContainText('从未导出');
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#case-list .backup-tag')).toHaveText('从未导出');
  // With a case already listed, the list above the import control grows after the write.
  await restore(page);
  await expect(page.locator(`#case-list li[data-case="${CASE_ID}"] .backup-tag`)).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.locator('#export-all').click();
  await download;
  await expect(page.locator('#case-list .backup-tag')).toHaveCount(0);
});

// ---------------------------------------------------------------------------------------------
// B. Polish

test('the 7-day storage warning is for Safari and iPhone browsers only', async ({ page, browser }) => {
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#backup')).toBeVisible();
  await expect(page.locator('#seven-day-warning')).toHaveCount(0);
  await expect(page.locator('#backup')).not.toContainText('Safari');
  // Plain words for the storage line and the persist button.
  await expect(page.locator('#storage-used')).toContainText('含离线使用所需的程序文件');
  const persist = page.locator('#persist');
  if (await persist.count()) await expect(persist).toHaveText('请浏览器不要自动清除本站数据');

  const iphone = await browser.newContext({
    viewport: VIEW,
    locale: 'zh-CN',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  });
  const p = await iphone.newPage();
  await p.goto(new URL('diary', page.url()).href);
  await appReady(p);
  await expect(p.locator('#seven-day-warning')).toContainText('7天');
  await iphone.close();
});

test('the search panel and the event form fit 360 px; the file limit says what it counts', async ({ page }) => {
  await createCase(page, '宽度');
  await page.goto('diary');
  await appReady(page);
  await page.locator('#search summary').click();
  for (const id of ['#search-from', '#search-to', '#search-kind', '#search-text']) {
    const box = await page.locator(id).boundingBox();
    expect(box.x + box.width, `${id} right edge`).toBeLessThanOrEqual(VIEW.width - 8);
  }
  await noHorizontalOverflow(page, 'diary with search open');
  await page.locator('#case-list .case-title').click();
  await page.locator('#add-event').click();
  await expect(page.locator('#file-limits')).toHaveText(/每个文件最大 \d+ MB，每条记录最多 \d+ 个文件。/);
});

test('"Licence & fees" fits on one line in the English navigation', async ({ page }) => {
  await page.goto('?lang=en');
  await appReady(page);
  const tabs = page.locator('nav.tabs a');
  await expect(tabs.nth(1)).toHaveText('Licence & fees');
  const heights = await tabs.evaluateAll((as) => as.map((a) => {
    const lh = parseFloat(getComputedStyle(a).lineHeight);
    const r = document.createRange();
    r.selectNodeContents(a);
    return Math.round(r.getBoundingClientRect().height / lh);
  }));
  expect(heights, 'lines per tab label').toEqual([1, 1, 1, 1]);
  await noHorizontalOverflow(page, 'English home');
});

// Every visible link, button, checkbox and select on the main pages is at least 44 × 44 px at
// 360 px (WCAG 2.5.5). Exempt, as WCAG 2.5.8 allows: a link inside running text (its paragraph
// holds other words too). A checkbox's target is its label when the label wraps it (a tap on
// the words ticks the box), so the label is measured.
test('tap targets are at least 44 × 44 px on the main pages', async ({ page }) => {
  const id = await createCase(page, '触控目标');
  await page.locator('#add-event').click();
  const routes = ['', 'wizard', 'wizard/network-data-card-expired', 'codes', 'check', 'diary', `diary/${id}`, 'letters', 'letters/demand-vendor', 'me', 'poster'];
  const small = [];
  for (const route of routes) {
    await page.goto(route);
    await appReady(page);
    if (route === `diary/${id}`) await page.locator('#add-event').click();
    // Open every disclosure so what it holds is measured too.
    await page.locator('main details:not([open]) > summary').evaluateAll((ss) => ss.forEach((s) => s.click()));
    const found = await page.evaluate(() => {
      const out = [];
      const inRunningText = (el) => {
        if (el.tagName !== 'A') return false;
        const block = el.closest('p, li, dd, td, span.small, div.small, small');
        if (!block) return false;
        const words = block.textContent.replace(/\s+/g, '');
        return words.length > el.textContent.replace(/\s+/g, '').length;
      };
      for (const el of document.querySelectorAll('main a, main button, main select, main input[type=checkbox], header a, header button, nav a')) {
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none') continue;
        let target = el;
        if (el.matches('input[type=checkbox]') && el.closest('label')) target = el.closest('label');
        const r = target.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (inRunningText(el)) continue;
        if (r.height < 43.5 || r.width < 43.5) {
          out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} "${(el.textContent || el.value || '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
        }
      }
      return out;
    });
    small.push(...found.map((f) => `/${route}: ${f}`));
  }
  expect(small, 'targets under 44 × 44 px').toEqual([]);
});
