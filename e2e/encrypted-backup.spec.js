// Private sharing with a helper (issue 18): a password-protected one-case export opens in a
// fresh browser profile with the password; a wrong password and a file with one changed byte
// are refused in plain words, next to the import control, with nothing written. The chosen-
// cases export holds only the ticked cases. The password is never kept.
import fs from 'node:fs';
import { test, expect, appReady, createCase as createCaseWith, countRecords, noHorizontalOverflow } from './fixtures.js';

const VIEW = { width: 360, height: 740 };
const PASSWORD = '芝麻开门 open-1234';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
const NOTHING = { cases: 0, events: 0, attachments: 0 };

async function createCaseWithFile(page, title, said) {
  await createCaseWith(page, title, { '#case-sn': 'SN-778899' });
  await page.locator('#add-event').click();
  await page.locator('#event-at').fill('2026-03-01T09:00');
  await page.locator('#event-said').fill(said);
  await page.locator('#event-files').setInputFiles({ name: 'id-card.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('#event-save').click();
  await expect(page.locator('#event-form')).toHaveCount(0);
}

async function saveDownload(page, click) {
  const download = page.waitForEvent('download');
  await click();
  const d = await download;
  return { name: d.suggestedFilename(), body: fs.readFileSync(await d.path(), 'utf8') };
}

async function expectInViewport(locator, what) {
  await expect(async () => {
    const box = await locator.boundingBox();
    expect(box, what).not.toBeNull();
    expect(box.y, `${what}: top in view`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${what}: bottom in view`).toBeLessThanOrEqual(VIEW.height + 1);
  }).toPass({ timeout: 5000 });
}

/** Everything the page keeps: LocalStorage, IndexedDB records (as text), the address. */
async function everythingKept(page) {
  return page.evaluate(async () => {
    const dump = [location.href, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    const names = (await indexedDB.databases()).map((d) => d.name);
    for (const name of names) {
      const db = await new Promise((res, rej) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((res) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => res(r.result);
        });
        dump.push(JSON.stringify(all));
      }
      db.close();
    }
    return dump.join('\n');
  });
}

/** The same file with one byte changed in the middle of the ciphertext (a valid base64 letter
 *  for another, so only the decryption can notice). */
function flipOneByte(text) {
  const { ciphertext } = JSON.parse(text);
  const at = text.indexOf(ciphertext) + Math.floor(ciphertext.length / 2);
  const bytes = Buffer.from(text, 'utf8');
  bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
  return bytes;
}

test('a password-protected one-case export opens in a fresh profile; wrong password and a changed byte write nothing', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  await createCaseWithFile(page, '给志愿者看的案件', '身份证号 110101199003070011，电话 13800000000');
  // A second case that must not leave this device.
  await createCaseWithFile(page, '留在本机的案件', '不给别人看');

  // Export the first case, from its own page, with a password.
  await page.goto('diary');
  await appReady(page);
  await page.locator('#case-list a', { hasText: '给志愿者看的案件' }).first().click();
  await expect(page.locator('#case-heading')).toHaveText('给志愿者看的案件');
  const pw = page.locator('#export-password');
  await expect(pw).toHaveAttribute('type', 'password');
  await expect(pw).toHaveAttribute('autocomplete', 'new-password');
  // Too short: refused before anything is exported.
  await pw.fill('1234567');
  await page.locator('#export-case').click();
  await expect(page.locator('#diary-notice')).toContainText('密码至少要8个字符');
  await pw.fill(PASSWORD);
  const locked = await saveDownload(page, () => page.locator('#export-case').click());
  await expect(page.locator('#diary-notice')).toContainText('已导出加密的备份文件');
  await expect(pw).toHaveValue('');
  expect(locked.name).toMatch(/^pos-diary-c-[0-9a-f-]+-\d{8}-\d{4}-encrypted\.json$/);
  const envelope = JSON.parse(locked.body);
  expect(envelope).toMatchObject({
    format: 'pos-helper-encrypted-backup', version: 1, cipher: 'AES-256-GCM', kdf: 'PBKDF2-SHA-256',
  });
  expect(envelope.iterations).toBeGreaterThanOrEqual(600_000);
  expect(Buffer.from(envelope.salt, 'base64')).toHaveLength(16);
  expect(Buffer.from(envelope.nonce, 'base64')).toHaveLength(12);
  for (const secret of ['给志愿者', '110101199003070011', '13800000000', 'SN-778899', 'id-card']) {
    expect(locked.body).not.toContain(secret);
  }
  // The password is nowhere the page keeps things, nor in the console.
  const kept = await everythingKept(page);
  expect(kept).not.toContain(PASSWORD);
  expect(kept).not.toContain('芝麻开门');
  expect(consoleLines.join('\n')).not.toContain('芝麻开门');

  // A fresh browser profile: nothing in it yet.
  const fresh = await browser.newContext({ viewport: VIEW, locale: 'zh-CN' });
  const p = await fresh.newPage();
  await p.goto(new URL('diary', test.info().project.use.baseURL).href);
  await appReady(p);
  await expect(p.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  expect(await countRecords(p)).toEqual(NOTHING);

  const importFile = (name, buffer) => p.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer });
  const ask = p.locator('#import-password');
  const notice = p.locator('#diary-notice');

  // 1. Wrong password.
  await importFile(locked.name, Buffer.from(locked.body));
  await expect(p.locator('#import-locked')).toContainText('这个备份文件有密码保护');
  await expect(ask).toHaveAttribute('type', 'password');
  await expect(ask).toHaveAttribute('autocomplete', 'current-password');
  await expectInViewport(ask, 'the password field');
  await ask.fill('芝麻关门 open-1234');
  await p.locator('#import-unlock').click();
  await expect(notice).toContainText('密码不对，或文件已被改动。', { timeout: 20_000 });
  await expect(notice).toContainText('未写入任何内容');
  await expect(notice).toHaveClass(/error/);
  await expectInViewport(notice, 'the wrong-password message');
  await expect(ask).toHaveValue('');
  await p.waitForTimeout(300);
  expect(await countRecords(p)).toEqual(NOTHING);

  // 2. One byte of the file changed, right password.
  await importFile('changed.json', flipOneByte(locked.body));
  await expect(ask).toBeVisible();
  await ask.fill(PASSWORD);
  await p.locator('#import-unlock').click();
  await expect(notice).toContainText('密码不对，或文件已被改动。', { timeout: 20_000 });
  await expect(notice).toContainText('未写入任何内容');
  await p.waitForTimeout(300);
  expect(await countRecords(p)).toEqual(NOTHING);

  // 3. The original file, right password: the one case with its event and photo.
  await importFile(locked.name, Buffer.from(locked.body));
  await ask.fill(PASSWORD);
  await p.locator('#import-unlock').click();
  await expect(p.locator('#import-report')).toContainText('导入完成：新增案件1、记录1、附件1', { timeout: 20_000 });
  await expect(p.locator('#import-locked')).toHaveCount(0);
  expect(await countRecords(p)).toEqual({ cases: 1, events: 1, attachments: 1 });
  await expect(p.locator('main')).toContainText('给志愿者看的案件');
  await expect(p.locator('main')).not.toContainText('留在本机的案件');
  const keptThere = await everythingKept(p);
  expect(keptThere).not.toContain('芝麻开门');
  await fresh.close();
});

test('chosen cases export holds only the ticked ones; plain backups still import', async ({ page, browser }) => {
  await createCaseWithFile(page, '甲案件', '甲的记录');
  await createCaseWithFile(page, '乙案件', '乙的记录');
  await createCaseWithFile(page, '丙案件', '丙的记录');
  await page.goto('diary');
  await appReady(page);
  const some = page.locator('#export-some');
  await some.locator('summary').click();
  const picks = some.locator('label.check');
  await expect(picks).toHaveCount(3);
  // Every tick target is at least 44 px tall and fits 360 px.
  for (const label of await picks.all()) {
    const box = await label.boundingBox();
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.x + box.width).toBeLessThanOrEqual(VIEW.width);
  }
  await noHorizontalOverflow(page, 'diary with the chosen-cases list open');
  // Nothing ticked: a plain message, no download.
  await page.locator('#export-chosen').click();
  await expect(page.locator('#diary-notice')).toContainText('请先勾选至少一个案件');
  await picks.filter({ hasText: '甲案件' }).click();
  await picks.filter({ hasText: '丙案件' }).click();
  const file = await saveDownload(page, () => page.locator('#export-chosen').click());
  expect(file.name).toMatch(/^pos-diary-2-cases-\d{8}-\d{4}\.json$/);
  const backup = JSON.parse(file.body);
  expect(backup.format).toBe('pos-helper-backup');
  expect(backup.cases.map((c) => c.title).sort()).toEqual(['丙案件', '甲案件']);
  expect(backup.events).toHaveLength(2);
  expect(backup.attachments).toHaveLength(2);
  expect(backup.profile).toBeUndefined();

  // The unprotected file imports in a fresh profile without any password question.
  const fresh = await browser.newContext({ viewport: VIEW, locale: 'zh-CN' });
  const p = await fresh.newPage();
  await p.goto(new URL('diary', test.info().project.use.baseURL).href);
  await appReady(p);
  await p.locator('#import-file').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.body) });
  await expect(p.locator('#import-report')).toContainText('导入完成：新增案件2、记录2、附件2');
  await expect(p.locator('#import-locked')).toHaveCount(0);
  expect(await countRecords(p)).toEqual({ cases: 2, events: 2, attachments: 2 });
  await fresh.close();
});

test('English: the password question and the refusal are in English', async ({ page }) => {
  await createCaseWithFile(page, 'Case for a helper', 'note');
  await page.goto('diary?lang=en');
  await appReady(page);
  await page.locator('#export-some summary').click();
  await page.locator('#export-some label.check').first().click();
  await page.locator('#export-password').fill('correct horse battery');
  const file = await saveDownload(page, () => page.locator('#export-chosen').click());
  await expect(page.locator('#diary-notice')).toContainText('Encrypted backup exported');
  await page.locator('#import-file').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.body) });
  await expect(page.locator('#import-locked')).toContainText('This backup file is password-protected');
  const before = await countRecords(page);
  await page.locator('#import-password').fill('wrong horse battery');
  await page.locator('#import-unlock').click();
  await expect(page.locator('#diary-notice')).toContainText('Wrong password, or the file was changed.', { timeout: 20_000 });
  await expect(page.locator('#diary-notice')).toContainText('Nothing was written');
  expect(await countRecords(page)).toEqual(before);
  // Cancelling closes the question; the file is forgotten.
  await page.locator('#import-cancel').click();
  await expect(page.locator('#import-locked')).toHaveCount(0);
});
