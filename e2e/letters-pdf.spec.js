// Issue 15: every letter, for every kind of sender, from a diary case of seven events to the
// printed A4 page, as a merchant would: 我的信息 entered once, the case restored from a backup,
// the letter opened from the case, only what no case holds typed in, nothing ticked by hand.
// The PDF's text is checked: the events, 此致/敬礼 (or the court), the sender block, page numbers
// (two pages at most for a complaint), no 您, no app note, no internal text; and the 起诉状 has
// every item of 民诉法 第一百二十四条 and no postal block. Page 1 of each is kept as a PNG.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { test, expect, appReady } from './fixtures.js';
import { CASE_97 } from './samples.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const PNG_SIZE = Buffer.from(PNG, 'base64').length;

const CASE_ID = 'c-pdf-97';
const EVENTS = [
  { at: '2026-10-08T09:00:00', kind: 'fault', said: '刷卡时终端显示“97”，无法交易', file: '终端报错照片.png' },
  { at: '2026-10-08T10:00:00', kind: 'call', counterparty: '代理商', person: '王经理', ticket_no: 'T-001', said: '王经理答应三天内上门维修' },
  { at: '2026-10-12T15:00:00', kind: 'message', channel: 'wechat', counterparty: '代理商王经理', said: '催问维修进度，对方未回复' },
  { at: '2026-10-20T11:00:00', kind: 'call', counterparty: '代理商', said: '对方电话已停机' },
  { at: '2026-10-28T09:30:00', kind: 'note', said: '经查询中国人民银行公布的支付机构名单（截至2026年10月2日），某某支付有限公司持有支付业务许可证' },
  { at: '2026-11-05T16:00:00', kind: 'letter_sent', counterparty: '某某信息服务有限公司', said: '催告函\n\n某某信息服务有限公司：……', promised_by: '2026-11-15' },
  { at: '2026-11-20T10:00:00', kind: 'call', counterparty: '某某支付有限公司客服', said: '对方称需联系代理商', file: '通话记录截图.png' },
];

function backup() {
  const cases = [{
    ...CASE_97,
    id: CASE_ID,
    vendor: { name: '某某信息服务有限公司', contacts: [], address: '深圳市福田区某路3号', credit_code: '91440300MA5ZZZZZZ3' },
    remedy_wanted: '恢复终端的正常使用或退还押金299元\n赔偿停机期间的损失',
  }];
  const attachments = [];
  const events = EVENTS.map((e, i) => {
    const { file, ...rest } = e;
    const ev = { id: `e-pdf-${i + 1}`, case_id: CASE_ID, ...rest, attachments: [] };
    if (file) {
      const id = `a-pdf-${i + 1}`;
      ev.attachments.push({ id, name: file, mime: 'image/png', size: PNG_SIZE });
      attachments.push({ id, name: file, mime: 'image/png', size: PNG_SIZE, data_base64: PNG });
    }
    return ev;
  });
  return Buffer.from(JSON.stringify({ format: 'pos-helper-backup', version: 2, exported_at: '2026-11-27T10:00:00', cases, events, attachments }));
}

const SENDERS = {
  person: {
    fields: { name: '张三', gender: 'male', 'birth-date': '1990-01-01', ethnicity: '汉族', occupation: '个体经营', 'id-no': '440301199001011234', phone: '13800000000', address: '深圳市南山区某路1号' },
    signer: '张三',
    self: '本人',
  },
  'sole-trader': {
    fields: { 'trade-name': '张三便利店', 'credit-code': '92440300MA5XXXXXX1', name: '张三', gender: 'male', 'birth-date': '1990-01-01', ethnicity: '汉族', occupation: '个体经营', 'id-no': '440301199001011234', phone: '13800000000', address: '深圳市南山区某路1号' },
    signer: '张三便利店（经营者：张三）',
    self: '本店',
  },
  organisation: {
    fields: { name: '深圳市某某餐饮有限公司', 'credit-code': '91440300MA5YYYYYY2', representative: '李四', 'representative-title': '执行董事', phone: '0755-12345678', address: '深圳市南山区某路1号' },
    signer: '深圳市某某餐饮有限公司',
    self: '本公司',
  },
};

// What no case holds: typed on the letter's own form.
const EXTRA = {
  'demand-vendor': { reply_within_days: '10' },
  acquirer: { reply_within_days: '15' },
  pboc: { pboc_branch: '中国人民银行上海市分行', first_complaint_date: '2026-11-20', first_complaint_channel: '客服电话' },
  'report-12315': {},
  pcac: {},
  civil: { court_name: '深圳市福田区人民法院' },
};

async function enterProfile(page, kind) {
  await page.goto('me');
  await appReady(page);
  await page.locator(`#profile-kind-${kind}`).check();
  for (const [field, value] of Object.entries(SENDERS[kind].fields)) {
    const input = page.locator(`#profile-${field}`);
    if (field === 'gender') await input.selectOption(value);
    else await input.fill(value);
  }
  await page.locator('#profile-save').click();
  await expect(page.locator('#profile-status')).toContainText('保存成功');
}

async function restoreCase(page) {
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  await page.locator('#import-file').setInputFiles({ name: 'case.json', mimeType: 'application/json', buffer: backup() });
  await expect(page.locator('#import-report')).toContainText(/导入完成/);
}

function pdfPages(path) {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)[1]);
}

for (const sender of Object.keys(SENDERS)) {
  test.describe(`sent by a ${sender}`, () => {
    for (const kind of Object.keys(EXTRA)) {
      test(`${kind}: the printed letter is complete and formal`, async ({ page }, testInfo) => {
        await enterProfile(page, sender);
        await restoreCase(page);
        await page.goto(`diary/${CASE_ID}`);
        await appReady(page);
        await expect(page.locator('#timeline img.thumb')).toHaveCount(2);
        // The case links to the letter; open it as a fresh page load (leaving the case page in
        // place while its lazy photo thumbnails are still unloaded logs a revoked-blob error).
        const link = page.locator(`#case-letters a[href$="/letters/${kind}?case=${CASE_ID}"]`);
        await expect(link).toHaveCount(1);
        await page.goto(await link.getAttribute('href'));
        await appReady(page);
        await expect(page.locator('#letter-case')).toHaveValue(CASE_ID);
        await expect(page.locator('#letter-events input.letter-event')).toHaveCount(7);
        await page.locator('#field-letter-date').fill('2026-11-27');
        for (const [name, value] of Object.entries(EXTRA[kind])) await page.locator(`#field-${name}`).fill(value);
        await expect(page.locator('#letter-complete')).toBeVisible();

        await page.emulateMedia({ media: 'print' });
        const path = testInfo.outputPath(`${kind}-${sender}.pdf`);
        writeFileSync(path, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
        await page.emulateMedia({ media: 'screen' });
        execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', path, testInfo.outputPath(`${kind}-${sender}`)]);
        const raw = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
        const text = raw.replace(/\s+/g, '');
        const pages = pdfPages(path);

        // The events are there, in the merchant's voice, and a sent letter is one line.
        for (const e of EVENTS.filter((x) => x.kind !== 'letter_sent')) expect(text, e.said).toContain(e.said.replace(/\s+/g, ''));
        expect(text).toContain('寄出《催告函》');
        // Closing.
        expect(text).toContain('此致');
        if (kind === 'civil') expect(text).toContain('此致深圳市福田区人民法院');
        else expect(text).toContain('此致敬礼');
        // The sender block follows the sender kind.
        expect(text).toContain(SENDERS[sender].signer);
        if (kind !== 'civil') expect(text).toContain(SENDERS[sender].self);
        for (const other of Object.values(SENDERS).map((s) => s.self).filter((s) => s !== SENDERS[sender].self)) {
          expect(text, `${other} in a letter from a ${sender}`).not.toContain(other);
        }
        // Page numbers on every page; a complaint fits two pages.
        for (let n = 1; n <= pages; n++) expect(raw).toMatch(new RegExp(`第\\s*${n}\\s*页\\s*共\\s*${pages}\\s*页`));
        if (kind !== 'civil') expect(pages, 'a complaint fits two pages').toBeLessThanOrEqual(2);
        // No 您, no app note, no internal text.
        for (const bad of ['您', '你', '不构成法律意见', '本文书由', '【待填', '{{', 'profile:', 'undefined', 'null', '收件人', '寄件人', '打印', '标记为已寄出', '。。']) {
          expect(text, bad).not.toContain(bad);
        }
        if (kind === 'civil') {
          for (const item of ['民事起诉状', '原告：', '被告：某某信息服务有限公司', '住所：深圳市福田区某路3号', '诉讼请求：', '本案诉讼费用由被告承担', '事实与理由：', '证据和证据来源、证人姓名和住所：', '终端报错照片.png', '证据来源：原告自行保存', '具状人：', '附：本起诉状副本1份']) {
            expect(text, item).toContain(item);
          }
          if (sender === 'organisation') expect(text).toContain('法定代表人（主要负责人）：李四，执行董事');
          else expect(text).toContain('男，1990年1月1日出生');
          if (sender === 'sole-trader') expect(text).toContain('原告：张三便利店（个体工商户）');
        }
        testInfo.annotations.push({ type: 'pages', description: `${kind}/${sender}: ${pages}` });
      });
    }
  });
}
