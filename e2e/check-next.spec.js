// Issue 16, "advice a merchant can act on": every checker result leads to the next step.
// A licence "not found" offers the 一清/二清 check with the name carried over; a filled-in tab
// lives in the address bar and survives switching tabs; the merchant number and the payer can
// come from a diary case; the letters are a ladder saying which to send first and why.
import { test, expect, appReady } from './fixtures.js';

const CASE_ID = 'c-next-1';

function backup() {
  const cases = [{
    id: CASE_ID,
    title: '结算款由个人转来',
    device: {},
    vendor: { name: '', contacts: [] },
    acquirer: { name: '拉卡拉支付股份有限公司' },
    merchant_no: '898210154110002',
    payer: { name: '张三', credit_code: '', address: '', legal_rep: '' },
    created_at: '2026-10-08T09:00:00',
    updated_at: '2026-10-08T09:00:00',
  }];
  const events = [{ id: 'e-next-1', case_id: CASE_ID, at: '2026-10-08T09:00:00', kind: 'note', said: '结算款由张三转入', attachments: [] }];
  return Buffer.from(JSON.stringify({ format: 'pos-helper-backup', version: 2, exported_at: '2026-11-27T10:00:00', cases, events, attachments: [] }));
}

const ladderLetters = (scope) => scope.locator('.ladder > .rung').evaluateAll((rungs) =>
  rungs.map((r) => [...r.querySelectorAll('[data-letter]')].map((l) => l.dataset.letter)));

test('a licence not found offers the 一清/二清 check with the company name carried over', async ({ page }) => {
  const name = '某某信息科技有限公司';
  await page.goto(`check?q=${encodeURIComponent(name)}`);
  await appReady(page);
  const nf = page.locator('[data-verdict="not-found"]');
  const next = nf.locator('[data-next="clearing"] a');
  await expect(next).toHaveText('用这个名称做一清/二清核查');
  await expect(next).toHaveAttribute('href', `/check/clearing?payer=${encodeURIComponent(name)}&kind=company`);
  await next.click();
  await expect(page).toHaveURL(/check\/clearing\?payer=/);
  await expect(page.locator('#clearing-payer')).toHaveValue(name);
  await expect(page.locator('input[name="kind"][value="company"]')).toBeChecked();
  // The name is not in the list: a company passing the money on is a 二清 warning.
  await expect(page.locator('[data-verdict="second"]')).toContainText(name);
  // The sub-navigation now takes the licence tab back to the search.
  const nav = page.getByRole('navigation', { name: '核查项目' });
  await expect(nav.getByRole('link', { name: '查牌照' })).toHaveAttribute('href', `/check?q=${encodeURIComponent(name)}`);
});

test('inputs live in the address bar and survive switching tabs', async ({ page }) => {
  await page.goto('check/mcc');
  await appReady(page);
  // Typed, not yet checked: the address already carries it.
  await page.getByLabel('签购单上的商户编号（15位）').fill('898210154110002');
  await page.getByLabel('您实际经营的是').selectOption('restaurant');
  await expect(page).toHaveURL(/check\/mcc\?no=898210154110002&business=restaurant$/);
  const nav = page.getByRole('navigation', { name: '核查项目' });
  await nav.getByRole('link', { name: '一清/二清' }).click();
  await page.getByLabel('银行流水上结算款的付款方户名').fill('张三');
  await page.getByLabel('个人').check();
  await expect(page).toHaveURL(/check\/clearing\?payer=%E5%BC%A0%E4%B8%89&kind=person$/);
  await nav.getByRole('link', { name: '费率' }).click();
  await page.getByLabel('费率（%）').fill('0.6');
  await page.getByRole('button', { name: '计算' }).click();
  await expect(page.locator('[data-verdict="above-floor"]')).toBeVisible();
  await expect(page).toHaveURL(/check\/fee\?card=credit&rate=0\.6$/);

  // Back to the MCC tab: filled in as it was left, and the shared address runs the check.
  await expect(nav.getByRole('link', { name: '商户编号/跳码' })).toHaveAttribute('href', '/check/mcc?no=898210154110002&business=restaurant');
  await nav.getByRole('link', { name: '商户编号/跳码' }).click();
  await expect(page.getByLabel('签购单上的商户编号（15位）')).toHaveValue('898210154110002');
  await expect(page.getByLabel('您实际经营的是')).toHaveValue('restaurant');
  await expect(page.locator('[data-verdict="jump-code"]')).toBeVisible();
  await nav.getByRole('link', { name: '一清/二清' }).click();
  await expect(page.getByLabel('银行流水上结算款的付款方户名')).toHaveValue('张三');
  await expect(page.getByLabel('个人')).toBeChecked();
  await nav.getByRole('link', { name: '费率' }).click();
  await expect(page.getByLabel('费率（%）')).toHaveValue('0.6');

  // A volunteer's shared link opens the same check on another device.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await appReady(other);
  await expect(other.locator('[data-verdict="above-floor"]')).toBeVisible();
  await other.close();
});

test('the merchant number and the payer can be filled in from a diary case', async ({ page }) => {
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  await page.locator('#import-file').setInputFiles({ name: 'case.json', mimeType: 'application/json', buffer: backup() });
  await expect(page.locator('#import-report')).toContainText(/导入完成/);

  await page.goto('check/mcc');
  await appReady(page);
  const mccPick = page.getByLabel('从日记中的案件填入');
  await expect(mccPick.locator('option')).toHaveText(['选择案件', '结算款由个人转来：898210154110002']);
  await mccPick.selectOption(CASE_ID);
  await expect(page.getByLabel('签购单上的商户编号（15位）')).toHaveValue('898210154110002');
  await expect(page.locator('.parts')).toContainText('5411');
  await expect(page).toHaveURL(/no=898210154110002/);

  await page.goto('check/clearing');
  await appReady(page);
  const payerPick = page.getByLabel('从日记中的案件填入');
  await payerPick.selectOption(CASE_ID);
  await expect(page.getByLabel('银行流水上结算款的付款方户名')).toHaveValue('张三');
  await expect(page.getByLabel('个人')).toBeChecked();
  await expect(page.getByLabel('签购单上印的收单机构（可不填）')).toHaveValue('拉卡拉支付股份有限公司');
  await expect(page.locator('[data-verdict="second"]')).toBeVisible();
});

test('with no case in the diary there is no picker', async ({ page }) => {
  await page.goto('check/mcc');
  await appReady(page);
  await expect(page.getByLabel('签购单上的商户编号（15位）')).toBeVisible();
  await expect(page.locator('#mcc-case')).toHaveCount(0);
});

test('every result that offers letters says which to send first and why', async ({ page }) => {
  // 二清: the acquirer, then the PBoC or the PCAC, then the court.
  await page.goto('check/clearing?payer=张三&kind=person&slip=拉卡拉');
  await appReady(page);
  let links = page.locator('[data-verdict="second"] .letter-links');
  await expect(links).toContainText('先写哪一封，为什么');
  await expect.poll(() => ladderLetters(links)).toEqual([['acquirer'], ['pboc', 'pcac'], ['civil']]);
  const first = links.locator('.rung[data-step="1"]');
  await expect(first).toContainText('先写给签购单上的持牌收单机构');
  await expect(first).toContainText('差错和争议处理不得外包给代理商');
  await expect(links.locator('.rung[data-step="2"]')).toContainText('12363');
  await expect(links.locator('.rung[data-step="3"]')).toContainText('最后：向法院起诉');
  await links.locator('.sources summary').click();
  await expect(links.locator('.sources')).toContainText('《收单外包服务自律管理办法》（中支协发〔2024〕108号）第十二条');
  await expect(links.locator('.sources')).toContainText('《中国人民银行金融消费者权益保护实施办法》');
  await expect(links.locator('.sources')).toContainText('《中华人民共和国民事诉讼法》第二十四条');
  // Every rung's letter carries the finding.
  for (const a of await links.locator('a.button').all()) {
    await expect(a).toHaveAttribute('href', /\/letters\/[a-z0-9-]+\?facts=/);
  }

  // A fee above the rate the agent promised: a 12315 report is the other channel.
  await page.goto('check/fee?card=credit&rate=1&promised=0.6');
  await appReady(page);
  links = page.locator('[data-verdict="above-promised"] .letter-links');
  await expect.poll(() => ladderLetters(links)).toEqual([['acquirer'], ['pboc', 'report-12315'], ['civil']]);
  await expect(links.locator('[data-letter="report-12315"]')).toContainText('未标明的费用');

  // A valid acquirer: write to it, then the PBoC.
  await page.goto('check?q=拉卡拉');
  await appReady(page);
  links = page.locator('.hits > li').first().locator('.letter-links');
  await expect.poll(() => ladderLetters(links)).toEqual([['acquirer'], ['pboc'], ['civil']]);

  // Not found: the acquirer on the slip, then the PBoC or the PCAC (unlicensed operators).
  await page.goto('check?q=收钱吧');
  await appReady(page);
  links = page.locator('[data-verdict="not-found"] .letter-links');
  await expect.poll(() => ladderLetters(links)).toEqual([['acquirer'], ['pboc', 'pcac'], ['civil']]);
  await expect(links.locator('[data-letter="pcac"]')).toContainText('无证经营支付业务');

  // A plain result offers no letter, so no ladder.
  await page.goto('check/fee?card=credit&rate=0.6');
  await appReady(page);
  await expect(page.locator('[data-verdict="above-floor"]')).toBeVisible();
  await expect(page.locator('.ladder')).toHaveCount(0);

  // In English too.
  await page.goto('check/mcc?no=898210154110002&business=restaurant&lang=en');
  await appReady(page);
  links = page.locator('[data-verdict="jump-code"] .letter-links');
  await expect(links).toContainText('Which letter to send first, and why');
  await expect(links.locator('.rung[data-step="1"]')).toContainText('it may not outsource error and dispute handling');
});

test('上海申鑫 shows its 2024-05-20 announcement beside its status; the number format is not official', async ({ page }) => {
  await page.goto('check?licence=Z2012831000019');
  await appReady(page);
  const hit = page.locator('.hits > li').first();
  await expect(hit.locator('[data-status]')).toHaveAttribute('data-status', 'valid');
  const notice = hit.locator('[data-notice="2024-05-20"]');
  await expect(notice).toContainText('于2024年5月20日发布公告，称已停止支付交易业务');
  await hit.locator('.sources summary').first().click();
  await expect(hit.locator('.sources').first()).toContainText('上海申鑫电子支付股份有限公司2024年5月20日公告');
  // The saved finding says it too.
  await hit.getByRole('button', { name: '添加到维权日记' }).click();
  await expect(hit.locator('.add-to-diary-text')).toHaveValue(/称已停止支付交易业务$/);

  await page.goto('check?licence=Z2002511000018');
  await appReady(page);
  await expect(page.locator('[data-verdict="invalid-number"]')).toContainText('未经官方文件确认');
  await page.goto('check?licence=Z2002511000018&lang=en');
  await appReady(page);
  await expect(page.locator('[data-verdict="invalid-number"]')).toContainText('not confirmed by an official document');
});

test('the licence list is named as a data set with its date, never a file or a row count', async ({ page }) => {
  await page.goto('check?q=拉卡拉');
  await appReady(page);
  const line = page.locator('.list-in-use');
  await expect(line).toHaveText(/^使用内置名单： 中国人民银行 已获许可机构（支付机构）名单，截至\d{4}年\d{1,2}月\d{1,2}日$/);
  await page.goto('check?q=拉卡拉&lang=en');
  await appReady(page);
  await expect(line).toHaveText(/^Using the built-in list: PBoC list of licensed payment institutions \(已获许可机构（支付机构）\), as of \d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole('navigation', { name: 'Checks' }).getByRole('link', { name: 'Direct or agent settlement (一清/二清)' })).toBeVisible();
});

test('fee inputs typed but not yet checked live in the address and survive switching tabs', async ({ page }) => {
  await page.goto('check/fee');
  await appReady(page);
  await page.getByLabel('费率（%）').fill('0.55');
  await expect(page).toHaveURL(/check\/fee\?card=credit&rate=0\.55/);
  const nav = page.getByRole('navigation', { name: '核查项目' });
  await nav.getByRole('link', { name: '查牌照' }).click();
  await expect(page).toHaveURL(/\/check$/);
  await nav.getByRole('link', { name: '费率' }).click();
  await expect(page.getByLabel('费率（%）')).toHaveValue('0.55');
});
