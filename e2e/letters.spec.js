// Complaint letters (issue 7, the parts that need no diary): choose a kind, fill it in,
// see what is missing, print on A4 (checked through the PDF's text), copy and download,
// with hostile text staying text everywhere.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect, appReady, noHorizontalOverflow } from './fixtures.js';
import { DEMAND } from './samples.js';

const KINDS = {
  'demand-vendor': '致销售方/代理商的催告函',
  acquirer: null,
  pboc: null,
  'report-12315': null,
  pcac: null,
  civil: null,
};

async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) {
    await page.locator(`#field-${name}`).fill(value);
  }
}


function pdfText(testInfo, pdf) {
  const path = testInfo.outputPath('letter.pdf');
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

test('the letters page lists all six kinds and each opens its own form @subpath', async ({ page, baseURL }) => {
  await page.goto('letters');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText('投诉信模板');
  const cards = page.locator('.letter-card');
  await expect(cards).toHaveCount(6);
  for (const slug of Object.keys(KINDS)) {
    await expect(page.locator(`.letter-card a[href$="/letters/${slug}"]`)).toHaveCount(1);
  }
  await page.locator('.letter-card a[href$="/letters/pboc"]').click();
  await expect(page).toHaveURL(new URL('letters/pboc', baseURL).href);
  await expect(page.locator('h1')).toContainText('人民银行');
  await expect(page.getByRole('note')).toContainText('不构成法律意见');
});

test('a deep link opens one kind; an unknown kind is refused with the list', async ({ page }) => {
  await page.goto('letters/demand-vendor');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText(KINDS['demand-vendor']);
  await page.goto('letters/no-such-letter');
  await appReady(page);
  await expect(page.getByRole('alert')).toHaveText('没有这种信。请从下面的列表中选择。');
  await expect(page.locator('.letter-card')).toHaveCount(6);
});

test('a demand letter filled by hand lists what is missing, computes the deadline and prints cleanly on A4', async ({ page }, testInfo) => {
  await page.goto('letters/demand-vendor');
  await appReady(page);
  await expect(page.locator('#letter-missing li')).toHaveCount(6);
  await page.locator('#field-letter-date').fill('2026-11-23');
  await fill(page, DEMAND);
  await expect(page.locator('#letter-complete')).toBeVisible();
  // 10 calendar days from the letter's date (the merchant sets the period for this kind).
  await expect(page.locator('#letter-deadline')).toContainText('2026年12月3日');
  const text = await page.locator('#letter-final-text').inputValue();
  expect(text).toContain('深圳某某科技有限公司');
  expect(text).toContain('2025年3月1日');
  await expect(page.locator('#letter-char-count')).toHaveText(String([...text].length));

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('nav.tabs')).toBeHidden();
  await expect(page.getByRole('button', { name: '打印 / 存为 PDF' })).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const printed = pdfText(testInfo, pdf).replace(/\s+/g, '');
  for (const expected of ['催告函', '深圳某某科技有限公司：', 'N3SN0012345678', '2026年12月3日前', '催告人：王小明（签名/盖章）', '此致', '敬礼']) {
    expect(printed, expected).toContain(expected);
  }
  for (const notOnPaper of ['打印', '复制全文', '下载', '故障自查', '填写信息']) {
    expect(printed, notOnPaper).not.toContain(notOnPaper);
  }
});

test('the draft survives a reload, and an edited final text is what gets printed', async ({ page }, testInfo) => {
  await page.goto('letters/acquirer');
  await appReady(page);
  await page.locator('#field-merchant_name').fill('李四');
  await page.reload();
  await appReady(page);
  await expect(page.locator('#field-merchant_name')).toHaveValue('李四');
  const box = page.locator('#letter-final-text');
  await box.fill('我的主题\n\n我自己改写的正文。');
  await expect(page.getByRole('button', { name: '恢复为自动生成的文本' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const printed = pdfText(testInfo, await page.pdf({ format: 'A4' })).replace(/\s+/g, '');
  expect(printed).toContain('我自己改写的正文');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '恢复为自动生成的文本' }).click();
  await expect(box).toHaveValue(/李四/);
});

test('hostile text stays text in the form, on paper and in the downloaded HTML', async ({ page }, testInfo) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';
  await page.goto('letters/demand-vendor');
  await appReady(page);
  await fill(page, { ...DEMAND, vendor_name: hostile, facts: hostile });
  await expect(page.locator('.letter-paper')).toContainText(hostile);
  expect(await page.locator('.letter-paper script, .letter-paper img').count()).toBe(0);
  await page.emulateMedia({ media: 'print' });
  const printed = pdfText(testInfo, await page.pdf({ format: 'A4' }));
  expect(printed).toContain('<script>alert(1)</script>');
  await page.emulateMedia({ media: 'screen' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载 .html' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^demand-vendor-\d{4}-\d{2}-\d{2}\.html$/);
  const html = readFileSync(await download.path(), 'utf8');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).not.toContain('<script>');
  expect(html).not.toContain('<img');
  const [txt] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载 .txt' }).click(),
  ]);
  expect(readFileSync(await txt.path(), 'utf8')).toContain(hostile);
  expect(dialogs).toBe(0);
});

test('copy puts the plain letter on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('letters/pcac');
  await appReady(page);
  await page.locator('#field-merchant_name').fill('赵六');
  await page.getByRole('button', { name: '复制全文' }).click();
  await expect(page.locator('#letter-action-status')).toHaveText('已复制。');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toBe(await page.locator('#letter-final-text').inputValue());
  expect(clip).toContain('赵六');
});

test('the letter form works in English and fits 360 px', async ({ page }) => {
  await page.goto('letters/civil?lang=en');
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Details' })).toBeVisible();
  await expect(page.locator('#letter-missing')).toContainText('Still missing');
  await noHorizontalOverflow(page);
});

// ---- Letters filled from a diary case (issue 7 with the diary) ----------------------------

/** Creates a case through the diary's own form; returns its id. */
async function diaryCase(page, { title, sn, vendor, brand = '新大陆', model = 'ME31' }) {
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  await page.locator('#new-case').click();
  await page.locator('#case-title').fill(title);
  await page.locator('#case-brand').fill(brand);
  await page.locator('#case-model').fill(model);
  await page.locator('#case-sn').fill(sn);
  await page.locator('#case-vendor').fill(vendor);
  await page.locator('#case-save').click();
  await expect(page.locator('#case-heading')).toHaveText(title);
  return decodeURIComponent(page.url().split('/diary/')[1]);
}

async function diaryEvent(page, { at, kind, said }) {
  await page.locator('#add-event').click();
  await page.locator('#event-at').fill(at);
  await page.locator('#event-kind').selectOption(kind);
  await page.locator('#event-said').fill(said);
  await page.locator('#event-save').click();
  await expect(page.locator('#event-form')).toHaveCount(0);
}

test('a demand letter filled from a case prints the recipient, SN, ticked events and deadline; mark as sent starts the reply clock @subpath', async ({ page, baseURL }, testInfo) => {
  const vendor = '深圳市某某信息服务有限公司';
  const id = await diaryCase(page, { title: '签到失败 催告', sn: 'N3SN0099887766', vendor });
  await diaryEvent(page, { at: '2026-10-05T09:30', kind: 'fault', said: '机器签到失败无法收款' });
  await diaryEvent(page, { at: '2026-10-08T14:00', kind: 'call', said: '售后答应三天内上门' });
  // The case page links to each letter kind with the case.
  const link = page.locator(`#case-letters a[href$="/letters/demand-vendor?case=${encodeURIComponent(id)}"]`);
  await expect(link).toHaveCount(1);
  await link.click();
  await expect(page).toHaveURL(new URL(`letters/demand-vendor?case=${encodeURIComponent(id)}`, baseURL).href);
  await expect(page.locator('#field-vendor_name')).toHaveValue(vendor);
  await expect(page.locator('#field-device_sn')).toHaveValue('N3SN0099887766');
  await expect(page.locator('#field-device_model')).toHaveValue('新大陆 ME31');
  await expect(page.locator('#letter-case')).toHaveValue(id);
  // Every field stays editable after filling from the case.
  await page.locator('#field-device_model').fill('新大陆 ME31 (白色)');
  // Every event of the case is in the letter by default, oldest first; unticking one drops it.
  const boxes = page.locator('#letter-events input.letter-event');
  await expect(boxes).toHaveCount(2);
  let text = await page.locator('#letter-final-text').inputValue();
  expect(text).toContain('1. 2026年10月5日，POS机出现故障：机器签到失败无法收款。');
  await boxes.nth(1).uncheck();
  text = await page.locator('#letter-final-text').inputValue();
  expect(text).not.toContain('售后答应三天内上门');
  await boxes.nth(1).check();
  await page.locator('#field-letter-date').fill('2026-11-23');
  await fill(page, {
    merchant_name: '王小明',
    purchase_date: '2025-03-01',
    facts: '机器反复签到失败。',
    request: '七日内上门维修或更换机器。',
    reply_within_days: '10',
    merchant_phone: '13800000000',
  });
  await expect(page.locator('#letter-complete')).toBeVisible();
  text = await page.locator('#letter-final-text').inputValue();
  expect(text).toContain('2. 2026年10月8日，本人致电对方：售后答应三天内上门。');
  expect(text).toContain('售后答应三天内上门');
  expect(text).toContain('新大陆 ME31 (白色)');

  await page.emulateMedia({ media: 'print' });
  const printed = pdfText(testInfo, await page.pdf({ format: 'A4' })).replace(/\s+/g, '');
  for (const expected of [`${vendor}：`, 'N3SN0099887766', '机器签到失败无法收款', '售后答应三天内上门', '2026年12月3日', '催告人：王小明', '联系电话：13800000000']) {
    expect(printed, expected).toContain(expected);
  }
  for (const notOnPaper of ['标记为已寄出', '打印', '复制全文', '下载', '选择案件', '勾选']) {
    expect(printed, notOnPaper).not.toContain(notOnPaper);
  }
  await page.emulateMedia({ media: 'screen' });

  await page.locator('#letter-mark-sent').click();
  await expect(page.locator('#letter-sent-status')).toContainText('已在案件中记录寄出');
  await expect(page.locator('#letter-sent-status')).toContainText('2026年12月3日');
  await page.locator('#letter-sent-status a').click();
  await expect(page.locator('#case-heading')).toHaveText('签到失败 催告');
  await expect(page.locator('#promise-due')).toContainText('2026-12-03');
  await expect(page.locator('#timeline')).toContainText('已寄/发函件');
  await expect(page.locator('#timeline')).toContainText('《催告函》');
  await expect(page.locator('#timeline')).toContainText('要求对方答复的截止日：2026年12月3日');
});

test('hostile text in a case prints as text; a link prefills only known letter fields', async ({ page }, testInfo) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';
  const id = await diaryCase(page, { title: `坏 ${hostile}`, sn: hostile, vendor: hostile });
  await page.goto(`letters/demand-vendor?case=${encodeURIComponent(id)}`);
  await appReady(page);
  await expect(page.locator('#field-vendor_name')).toHaveValue(hostile);
  await expect(page.locator('.letter-paper')).toContainText(hostile);
  await expect(page.locator('#letter-case option:checked')).toContainText(hostile);
  expect(await page.locator('.letter-paper script, .letter-paper img, #letter-case-section img').count()).toBe(0);
  await page.emulateMedia({ media: 'print' });
  const printed = pdfText(testInfo, await page.pdf({ format: 'A4' }));
  expect(printed).toContain('<script>alert(1)</script>');

  await page.emulateMedia({ media: 'screen' });
  const q = new URLSearchParams({ acquirer_name: hostile, acquirer_licence_no: 'Z2002511000017', timeline: '伪造的经过', reply_deadline: '2000-01-01' });
  await page.goto(`letters/acquirer?${q}`);
  await appReady(page);
  await expect(page.locator('#field-acquirer_name')).toHaveValue(hostile);
  const text = await page.locator('#letter-final-text').inputValue();
  expect(text).toContain(hostile);
  expect(text).not.toContain('伪造的经过');
  expect(text).not.toContain('2000年1月1日');
  expect(await page.locator('.letter-paper script, .letter-paper img').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('leaving the letter while its case is still being re-read does not break the app', async ({ page }) => {
  // After "mark as sent" the page re-reads the case. Slow that read down (its success handler runs
  // 400 ms late) and follow the link to the diary at once: the letters page is gone when the read
  // ends, and the app must neither panic nor lose the event.
  await page.addInitScript(() => {
    const slow = (req) => {
      if (!window.__slowReads) return req;
      let handler = null;
      Object.defineProperty(req, 'onsuccess', { configurable: true, get: () => handler, set: (h) => { handler = h; } });
      req.addEventListener('success', (ev) => {
        const h = handler;
        if (h) setTimeout(() => h.call(req, ev), 400);
      });
      return req;
    };
    for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
      for (const name of ['get', 'getAll']) {
        const original = proto[name];
        proto[name] = function (...args) { return slow(original.apply(this, args)); };
      }
    }
  });
  const id = await diaryCase(page, { title: '离开时仍在读取', sn: 'N3SN0011223344', vendor: '某某科技有限公司' });
  await page.goto(`letters/demand-vendor?case=${encodeURIComponent(id)}`);
  await appReady(page);
  await expect(page.locator('#letter-case')).toHaveValue(id);
  await page.evaluate(() => { window.__slowReads = true; });
  await page.locator('#letter-mark-sent').click();
  await expect(page.locator('#letter-sent-status')).toContainText('已在案件中记录寄出');
  await page.locator('#letter-sent-status a').click();
  await expect(page.locator('#case-heading')).toHaveText('离开时仍在读取');
  await expect(page.locator('#timeline')).toContainText('已寄/发函件');
  // Let the slowed read of the left page finish before the guard checks for page errors.
  await page.waitForTimeout(800);
  await expect(page.locator('#crash')).toHaveCount(0);
});
