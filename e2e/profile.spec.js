// 我的信息 (/me): the merchant's particulars are kept on the device, survive a reload, go into the
// whole-diary backup (version 2), come back from a backup that carries them, and are left alone
// by a version 1 backup (which never had them) and by a backup whose profile is malformed.
import { readFileSync } from 'node:fs';
import { test, expect, appReady, countRecords } from './fixtures.js';

const KEY = 'pos-helper.profile.v1';

const SHOP = {
  trade: '张三便利店',
  code: '92440300MA5XXXXXX1',
  name: '张三',
  ethnicity: '汉族',
  occupation: '个体经营',
  id: '440301195803091234',
  phone: '13800000000',
  address: '深圳市南山区某路1号',
  born: '1958-03-09',
};

async function openProfile(page) {
  await page.goto('me');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText('我的信息');
}

/** Fills the form as a 个体工商户 through the labels (each input has its <label for>). */
async function fillShop(page) {
  await page.getByLabel('个体工商户').check();
  await page.getByLabel('字号（店名，没有可不填）').fill(SHOP.trade);
  await page.getByLabel('统一社会信用代码').fill(SHOP.code);
  await page.getByLabel('经营者姓名').fill(SHOP.name);
  await page.getByLabel('性别').selectOption({ label: '男' });
  await page.getByLabel('出生日期').fill(SHOP.born);
  await page.getByLabel('民族').fill(SHOP.ethnicity);
  await page.getByLabel('职业或工作单位').fill(SHOP.occupation);
  await page.getByLabel('经营者公民身份号码').fill(SHOP.id);
  await page.getByLabel('联系电话').fill(SHOP.phone);
  await page.getByLabel('住所（地址）').fill(SHOP.address);
}

async function expectShop(page) {
  await expect(page.getByLabel('个体工商户')).toBeChecked();
  await expect(page.getByLabel('字号（店名，没有可不填）')).toHaveValue(SHOP.trade);
  await expect(page.getByLabel('统一社会信用代码')).toHaveValue(SHOP.code);
  await expect(page.getByLabel('经营者姓名')).toHaveValue(SHOP.name);
  await expect(page.getByLabel('性别')).toHaveValue('male');
  await expect(page.getByLabel('出生日期')).toHaveValue(SHOP.born);
  await expect(page.getByLabel('经营者公民身份号码')).toHaveValue(SHOP.id);
  await expect(page.getByLabel('联系电话')).toHaveValue(SHOP.phone);
  await expect(page.getByLabel('住所（地址）')).toHaveValue(SHOP.address);
}

async function storedProfile(page) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) || 'null'), KEY);
}

async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return JSON.parse(readFileSync(await d.path(), 'utf8'));
}

/** A backup file: version 1 as the app wrote it before profiles, or version 2 with `profile`. */
function backupFile({ version, caseId, profile }) {
  const file = {
    format: 'pos-helper-backup',
    version,
    exported_at: '2026-03-01T00:00:00',
    cases: [{ id: caseId, title: `备份里的案件 ${caseId}`, created_at: '2026-02-01T09:00:00', updated_at: '2026-02-01T09:00:00' }],
    events: [],
    attachments: [],
  };
  if (profile !== undefined) file.profile = profile;
  return { name: `${caseId}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) };
}

async function importFile(page, file) {
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  await page.locator('#import-file').setInputFiles(file);
}

test('我的信息 as a 个体工商户 is saved on the device and survives a reload', async ({ page }) => {
  // Reached from the home page and from the diary.
  await page.goto('./');
  await appReady(page);
  await page.locator('#home-profile').getByRole('link', { name: '我的信息' }).click();
  await expect(page.locator('h1')).toHaveText('我的信息');
  await expect(page.locator('#profile-intro')).toContainText('只保存在这台设备上');

  await fillShop(page);
  // Fields follow the kind: a company has no gender, a person no 字号; switching back loses nothing.
  await page.getByLabel('公司或其他组织').check();
  await expect(page.getByLabel('性别')).toHaveCount(0);
  await expect(page.getByLabel('法定代表人或主要负责人')).toBeVisible();
  await page.getByLabel('个人', { exact: true }).check();
  await expect(page.getByLabel('字号（店名，没有可不填）')).toHaveCount(0);
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue(SHOP.name);
  await page.getByLabel('个体工商户').check();

  const status = page.locator('#profile-status');
  await expect(status).toBeEmpty();
  await page.locator('#profile-save').click();
  await expect(status).toHaveText('保存成功');
  // The result sits right beside the button.
  const [button, result] = [await page.locator('#profile-save').boundingBox(), await status.boundingBox()];
  expect(Math.abs(button.y - result.y)).toBeLessThan(button.height);
  // Saving again stores the same thing; an edit clears the old result.
  await page.locator('#profile-save').click();
  await expect(status).toHaveText('保存成功');
  await page.getByLabel('联系电话').fill(SHOP.phone + '9');
  await expect(status).toBeEmpty();
  await page.getByLabel('联系电话').fill(SHOP.phone);

  const stored = await storedProfile(page);
  expect(stored).toMatchObject({ kind: 'sole_trader', name: SHOP.name, trade_name: SHOP.trade, gender: 'male', birth_date: SHOP.born });

  await page.reload();
  await appReady(page);
  await expectShop(page);

  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#diary-profile').getByRole('link', { name: '我的信息' })).toHaveAttribute('href', /\/me$/);
});

test('a text over the limit is refused next to the button, and nothing is stored', async ({ page }) => {
  await openProfile(page);
  await page.getByLabel('个人', { exact: true }).check();
  await page.getByLabel('住所（地址）').fill('址'.repeat(201));
  await page.locator('#profile-save').click();
  await expect(page.locator('#profile-status')).toContainText('保存失败');
  await expect(page.locator('#profile-status')).toContainText('太长');
  expect(await storedProfile(page)).toBeNull();
});

test('the whole-diary backup carries the profile; a version 1 backup leaves it alone', async ({ page }) => {
  await openProfile(page);
  await fillShop(page);
  await page.locator('#profile-save').click();
  await expect(page.locator('#profile-status')).toHaveText('保存成功');
  const before = await storedProfile(page);

  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  const backup = await download(page, () => page.locator('#export-all').click());
  expect(backup.version).toBe(2);
  expect(backup.profile).toMatchObject({ kind: 'sole_trader', trade_name: SHOP.trade, credit_code: SHOP.code, id_no: SHOP.id });

  // A version 1 file (no profile; one under that name is ignored, as version 1 always did).
  await importFile(page, backupFile({ version: 1, caseId: 'v1-case', profile: { kind: 'person', name: '别人' } }));
  const report = page.locator('#import-report');
  await expect(report).toContainText('导入完成：新增案件1');
  await expect(report).not.toContainText('我的信息');
  expect(await storedProfile(page)).toEqual(before);
  await openProfile(page);
  await expectShop(page);
});

test('a backup with a profile restores it; a malformed profile refuses the whole file', async ({ page }) => {
  const mine = { kind: 'organisation', name: '某某餐饮有限公司', representative: '李四', representative_title: '执行董事', phone: '0755-1234567' };
  await importFile(page, backupFile({ version: 2, caseId: 'v2-case', profile: mine }));
  await expect(page.locator('#import-report')).toContainText('“我的信息”也已从备份恢复');
  expect(await storedProfile(page)).toMatchObject(mine);
  await openProfile(page);
  await expect(page.getByLabel('公司或其他组织')).toBeChecked();
  await expect(page.getByLabel('名称')).toHaveValue(mine.name);
  await expect(page.getByLabel('职务')).toHaveValue(mine.representative_title);

  // A version 2 file whose profile is broken: a clear error, no case written, profile unchanged.
  await importFile(page, backupFile({ version: 2, caseId: 'bad-case', profile: { kind: 'robot' } }));
  const notice = page.locator('#diary-notice');
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toContainText('未写入任何内容');
  await expect(notice).toContainText('“我的信息”');
  expect(await countRecords(page)).toMatchObject({ cases: 1 });
  expect(await storedProfile(page)).toMatchObject(mine);
});
