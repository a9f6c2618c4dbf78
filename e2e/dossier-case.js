// A diary case with photos, restored from a backup, for the dossier and .docx tests (issue 18).
// The photos are real coloured PNGs made here (so each has its own SHA-256, computed here too).
import { createHash } from 'node:crypto';
import { deflateSync, crc32 } from 'node:zlib';
import { expect, appReady } from './fixtures.js';
import { CASE_97 } from './samples.js';

/** A `w`×`h` PNG filled with one RGB colour. */
export function png(w, h, [r, g, b]) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const CASE_ID = 'c-dossier-18';

// Oldest first: the evidence numbers are 1 终端报错照片, 2 押金收据, 3 通话记录截图.
export const EVENTS = [
  { at: '2026-10-08T09:00:00', kind: 'fault', said: '刷卡时终端显示“97”，无法交易', files: [['终端报错照片.png', png(160, 100, [200, 40, 40])], ['押金收据.png', png(120, 160, [40, 120, 200])]] },
  { at: '2026-10-12T15:00:00', kind: 'message', channel: 'wechat', counterparty: '代理商王经理', said: '催问维修进度，对方未回复' },
  { at: '2026-11-20T10:00:00', kind: 'call', counterparty: '某某支付有限公司客服', said: '对方称需联系代理商', files: [['通话记录截图.png', png(100, 180, [40, 160, 80])]] },
];

/** The files in evidence order: { number, name, sha256 }. */
export function evidence() {
  const out = [];
  for (const e of EVENTS) {
    for (const [name, bytes] of e.files || []) {
      out.push({ number: out.length + 1, name, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
  }
  return out;
}

function backup() {
  const cases = [{
    ...CASE_97,
    id: CASE_ID,
    remedy_wanted: '退还押金299元',
  }];
  const attachments = [];
  let n = 0;
  const events = EVENTS.map((e, i) => {
    const { files, ...rest } = e;
    const ev = { id: `e-dos-${i + 1}`, case_id: CASE_ID, ...rest, attachments: [] };
    for (const [name, bytes] of files || []) {
      const id = `a-dos-${++n}`;
      ev.attachments.push({ id, name, mime: 'image/png', size: bytes.length });
      attachments.push({ id, name, mime: 'image/png', size: bytes.length, data_base64: bytes.toString('base64') });
    }
    return ev;
  });
  return Buffer.from(JSON.stringify({ format: 'pos-helper-backup', version: 2, exported_at: '2026-11-27T10:00:00', cases, events, attachments }));
}

/** 我的信息 as a sole trader (the dossier's 提交人, the letters' sender). */
export async function enterProfile(page) {
  await page.goto('me');
  await appReady(page);
  await page.locator('#profile-kind-sole-trader').check();
  const fields = { 'trade-name': '张三便利店', 'credit-code': '92440300MA5XXXXXX1', name: '张三', gender: 'male', 'birth-date': '1990-01-01', ethnicity: '汉族', occupation: '个体经营', 'id-no': '440301199001011234', phone: '13800000000', address: '深圳市南山区某路1号' };
  for (const [field, value] of Object.entries(fields)) {
    const input = page.locator(`#profile-${field}`);
    if (field === 'gender') await input.selectOption(value);
    else await input.fill(value);
  }
  await page.locator('#profile-save').click();
  await expect(page.locator('#profile-status')).toContainText('保存成功');
}

export async function restoreCase(page) {
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  await page.locator('#import-file').setInputFiles({ name: 'case.json', mimeType: 'application/json', buffer: backup() });
  await expect(page.locator('#import-report')).toContainText(/导入完成/);
}
